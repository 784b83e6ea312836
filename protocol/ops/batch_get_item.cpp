#include "protocol/batch/common.h"
#include "protocol/batch/get_request.h"
#include "protocol/wire/fields.h"
#include "protocol/items/item_rules.h"
#include "protocol/ops/ops.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol::ops {

namespace {

// DynamoDB returns at most 16 MB of items from one call (counted as item sizes, before
// projection); the keys it did not reach go back in UnprocessedKeys for the client to retry.
constexpr size_t kMaxResponseBytes = 16 * 1024 * 1024;

struct TableProgress {
  double units = 0;
  size_t keys_read = 0;  // the keys after these are unprocessed
};

std::vector<storage::TablePtr> resolve_tables(OpContext& ctx,
                                              const batch::BatchGetRequest& request) {
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

// Reads every key in request order in one short read transaction, writing each table's items
// into `w` ("Responses") as it goes, until the next item would pass the response limit. A missing
// item costs the minimum read, as in GetItem.
std::vector<TableProgress> read_items(OpContext& ctx, const batch::BatchGetRequest& request,
                                      const std::vector<storage::TablePtr>& tables, JsonWriter& w) {
  std::vector<TableProgress> progress(tables.size());
  ctx.store.read([&](const storage::ReadTxn& txn) {
    size_t response_bytes = 0;
    bool full = false;
    for (size_t t = 0; t < tables.size(); ++t) {
      const batch::TableReads& reads = request.tables[t];
      write_key(w, reads.table_name);
      w.StartArray();
      for (size_t k = 0; k < reads.keys.size() && !full; ++k) {
        std::optional<storage::Item> item = txn.get_item(*tables[t], reads.keys[k]);
        size_t bytes = item ? storage::item_size(*item) : 0;
        if (response_bytes + bytes > kMaxResponseBytes) {
          full = true;
          break;
        }
        response_bytes += bytes;
        progress[t].units += read_units(bytes, reads.consistent);
        progress[t].keys_read = k + 1;
        if (item) {
          write_attribute_map(w,
                              reads.projection ? expr::project(*item, *reads.projection) : *item);
        }
      }
      w.EndArray();
    }
  });
  return progress;
}

// One UnprocessedKeys entry: the keys not read, with the table's settings repeated so the entry
// can be sent back as it is.
void write_unprocessed(JsonWriter& w, const batch::TableReads& reads, size_t first) {
  w.StartObject();
  write_key(w, "Keys");
  w.StartArray();
  for (size_t k = first; k < reads.keys.size(); ++k) {
    write_attribute_map(w, reads.keys[k]);
  }
  w.EndArray();
  Fields f(*reads.source);
  if (const JsonValue* names = f.raw("AttributesToGet")) {
    write_key(w, "AttributesToGet");
    names->Accept(w);
  }
  if (f.raw("ConsistentRead") != nullptr) {
    write_key(w, "ConsistentRead");
    w.Bool(reads.consistent);
  }
  for (const char* member : {"ProjectionExpression", "ExpressionAttributeNames"}) {
    if (const JsonValue* value = f.raw(member)) {
      write_key(w, member);
      value->Accept(w);
    }
  }
  w.EndObject();
}

}  // namespace

void batch_get_item(OpContext& ctx, const JsonValue& json, Completion done) {
  batch::BatchGetRequest request = batch::read_batch_get_request(json);
  std::vector<storage::TablePtr> tables = resolve_tables(ctx, request);

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, "Responses");
  w.StartObject();
  std::vector<TableProgress> progress = read_items(ctx, request, tables, w);
  w.EndObject();
  write_key(w, "UnprocessedKeys");
  w.StartObject();
  std::vector<batch::TableUnits> consumed;
  for (size_t t = 0; t < tables.size(); ++t) {
    const batch::TableReads& reads = request.tables[t];
    if (progress[t].keys_read < reads.keys.size()) {
      write_key(w, reads.table_name);
      write_unprocessed(w, reads, progress[t].keys_read);
    }
    consumed.push_back({tables[t]->name, progress[t].units});
  }
  w.EndObject();
  batch::write_consumed_capacity_list(w, request.capacity, consumed);
  w.EndObject();
  done(ok_reply(buffer));
}

}  // namespace protocol::ops
