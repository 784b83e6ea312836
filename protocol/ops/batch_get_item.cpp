#include "protocol/ops/batch_get_item.h"

#include "protocol/items/item_rules.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol::ops {

namespace {

// DynamoDB returns at most 16 MB of items from one call (counted as item sizes, before
// projection); the keys it did not reach go back in UnprocessedKeys for the client to retry.
constexpr size_t kMaxResponseBytes = 16 * 1024 * 1024;

std::vector<storage::TablePtr> resolve_tables(OpContext& ctx, const BatchGetItemRequest& request) {
  std::vector<storage::TablePtr> tables;
  for (const auto& reads : request.tables) {
    storage::TablePtr table = ctx.table_for_items(reads.table_name);
    for (const auto& key : reads.keys) {
      validate_key(*table, key);
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

// Reads every key in request order in one short read transaction, until the next item would pass
// the response limit; returns, per table, how many keys were read. A missing item costs the
// minimum read, as in GetItem.
std::vector<size_t> read_items(OpContext& ctx, const BatchGetItemRequest& request,
                               const std::vector<storage::TablePtr>& tables,
                               BatchGetItemResult& result) {
  std::vector<size_t> keys_read(tables.size(), 0);
  ctx.store.read([&](const storage::ReadTxn& txn) {
    size_t response_bytes = 0;
    for (size_t t = 0; t < tables.size(); ++t) {
      const batch::TableReads& reads = request.tables[t];
      for (size_t k = 0; k < reads.keys.size(); ++k) {
        std::optional<storage::Item> item = txn.get_item(*tables[t], reads.keys[k]);
        size_t bytes = item ? storage::item_size(*item) : 0;
        if (response_bytes + bytes > kMaxResponseBytes) {
          return;
        }
        response_bytes += bytes;
        result.consumed[t].units += read_units(bytes, reads.consistent);
        keys_read[t] = k + 1;
        if (item) {
          result.tables[t].items.push_back(
              reads.projection ? expr::project(*item, *reads.projection) : std::move(*item));
        }
      }
    }
  });
  return keys_read;
}

// One UnprocessedKeys entry: the keys not read, with the table's settings repeated so the entry
// can be sent back as it is.
void write_unprocessed(JsonWriter& w, const BatchGetItemResult::TableResult& table) {
  w.StartObject();
  write_key(w, "Keys");
  w.StartArray();
  for (const storage::Item& key : table.unprocessed_keys) {
    write_attribute_map(w, key);
  }
  w.EndArray();
  const batch::TableReads::Given& given = table.given;
  if (given.attributes_to_get) {
    write_key(w, "AttributesToGet");
    w.StartArray();
    for (const std::string& name : *given.attributes_to_get) {
      write_string(w, name);
    }
    w.EndArray();
  }
  if (given.consistent_read) {
    write_key(w, "ConsistentRead");
    w.Bool(*given.consistent_read);
  }
  if (given.projection_expression) {
    write_key(w, "ProjectionExpression");
    write_string(w, *given.projection_expression);
  }
  if (given.expression_attribute_names) {
    write_key(w, "ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [name, value] : *given.expression_attribute_names) {
      write_key(w, name);
      write_string(w, value);
    }
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

BatchGetItemRequest parse_batch_get_item(const JsonValue& json) {
  return batch::read_batch_get_request(json);
}

BatchGetItemResult batch_get_item(OpContext& ctx, BatchGetItemRequest request) {
  std::vector<storage::TablePtr> tables = resolve_tables(ctx, request);
  BatchGetItemResult result;
  result.capacity = request.capacity;
  for (size_t t = 0; t < tables.size(); ++t) {
    result.tables.push_back({request.tables[t].table_name, {}, {}, {}});
    result.consumed.push_back({tables[t]->name, 0});
  }
  std::vector<size_t> keys_read = read_items(ctx, request, tables, result);
  for (size_t t = 0; t < tables.size(); ++t) {
    batch::TableReads& reads = request.tables[t];
    if (keys_read[t] < reads.keys.size()) {
      result.tables[t].unprocessed_keys.assign(
          std::make_move_iterator(reads.keys.begin() + static_cast<ptrdiff_t>(keys_read[t])),
          std::make_move_iterator(reads.keys.end()));
      result.tables[t].given = std::move(reads.given);
    }
  }
  return result;
}

void write_batch_get_item(JsonWriter& w, const BatchGetItemResult& result) {
  write_key(w, "Responses");
  w.StartObject();
  for (const auto& table : result.tables) {
    write_key(w, table.table_name);
    w.StartArray();
    for (const storage::Item& item : table.items) {
      write_attribute_map(w, item);
    }
    w.EndArray();
  }
  w.EndObject();
  write_key(w, "UnprocessedKeys");
  w.StartObject();
  for (const auto& table : result.tables) {
    if (!table.unprocessed_keys.empty()) {
      write_key(w, table.table_name);
      write_unprocessed(w, table);
    }
  }
  w.EndObject();
  batch::write_consumed_capacity_list(w, result.capacity, result.consumed);
}

}  // namespace protocol::ops
