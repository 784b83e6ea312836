#include "protocol/ops/batch_write_item.h"

#include <algorithm>
#include <memory>
#include <set>

#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_rules.h"
#include "storage/item_size.h"

namespace protocol::ops {

namespace {

struct TableJob {
  storage::TablePtr table;
  std::vector<batch::WriteEntry> entries;
};

// Looks each table up and checks every key against its schema, in request order: a missing table
// is found before the duplicates of the tables after it (DynamoDB's order).
std::vector<TableJob> resolve_tables(OpContext& ctx, std::vector<batch::TableWrites> tables) {
  std::vector<TableJob> jobs;
  std::set<std::string> seen;
  for (auto& writes : tables) {
    TableJob job{ctx.table_for_items(writes.table_name), std::move(writes.entries)};
    for (const auto& entry : job.entries) {
      // A PutRequest whose key attributes are missing or mistyped is worded as a schema mismatch,
      // not with PutItem's "Missing the key ..." texts: validate_key on its key attributes does
      // exactly that, and then checks empty and oversized key values as PutItem does.
      storage::Item key = entry.put ? key_of(*job.table, entry.attributes) : entry.attributes;
      validate_key(*job.table, key);
      if (entry.put) {
        validate_index_keys(*job.table, entry.attributes);
      }
      if (!seen.insert(batch::item_identity(*job.table, key)).second) {
        throw ApiError::validation("Provided list of item keys contains duplicates");
      }
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

// Applies one request and adds the write units it consumed, in the table and its indexes
// (PutItem's and DeleteItem's rules).
void apply_write(storage::WriteTxn& txn, const storage::TableInfo& table,
                 const batch::WriteEntry& entry, batch::TableUnits& consumed) {
  std::optional<storage::Item> old = txn.get_item(table, entry.attributes);
  size_t old_bytes = old ? storage::item_size(*old) : 0;
  if (entry.put) {
    consumed.indexes.add_index_writes(txn.put_item(table, entry.attributes, old));
    consumed.units += write_units(std::max(old_bytes, storage::item_size(entry.attributes)));
    return;
  }
  if (old) {
    consumed.indexes.add_index_writes(txn.delete_item(table, *old));
  }
  consumed.units += write_units(old_bytes);
}

}  // namespace

BatchWriteItemRequest parse_batch_write_item(const JsonValue& json) {
  return batch::read_batch_write_request(json);
}

void batch_write_item(OpContext& ctx, BatchWriteItemRequest request,
                      Then<BatchWriteItemResult> then) {
  auto jobs =
      std::make_shared<const std::vector<TableJob>>(resolve_tables(ctx, std::move(request.tables)));
  auto result = std::make_shared<BatchWriteItemResult>();
  result->capacity = request.capacity;
  result->collection_metrics = request.collection_metrics;

  // One writer job for the whole batch: it commits or rolls back as a unit.
  ctx.store.write(
      [jobs, result](storage::WriteTxn& txn) {
        std::vector<batch::TableUnits> per_table;  // assigned at the end: the job may be retried
        for (const auto& job : *jobs) {
          if (!txn.live_table(job.table->id)) {
            throw ApiError::resource_not_found();
          }
          per_table.push_back({job.table->name});
          for (const auto& entry : job.entries) {
            apply_write(txn, *job.table, entry, per_table.back());
          }
        }
        result->consumed = std::move(per_table);
      },
      answer_then(std::move(then), [result]() { return std::move(*result); }));
}

void write_batch_write_item(JsonWriter& w, const BatchWriteItemResult& result) {
  // The server takes every request it accepts, so nothing is ever left unprocessed.
  write_key(w, "UnprocessedItems");
  w.StartObject();
  w.EndObject();
  batch::write_consumed_capacity_list(w, result.capacity, result.consumed);
  write_collection_metrics(w, result.collection_metrics);
}

}  // namespace protocol::ops
