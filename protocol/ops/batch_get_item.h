#pragma once

#include <optional>
#include <vector>

#include "protocol/batch/common.h"
#include "protocol/batch/get_request.h"
#include "protocol/context.h"
#include "storage/value.h"

// BatchGetItem: up to 100 items by key over several tables, read from one snapshot, at most 16 MB
// of them; the keys not reached go back in UnprocessedKeys.
namespace protocol::ops {

using BatchGetItemRequest = batch::BatchGetRequest;

struct BatchGetItemResult {
  // Per table, in request order: the items found (projected), and the keys not read.
  struct TableResult {
    std::string table_name;
    std::vector<storage::Item> items;
    std::vector<storage::Item> unprocessed_keys;
    batch::TableReads::Given given;  // repeated with the unprocessed keys
  };
  std::vector<TableResult> tables;
  CapacityMode capacity = CapacityMode::kNone;
  std::vector<batch::TableUnits> consumed;
};

BatchGetItemRequest parse_batch_get_item(const JsonValue& json);
BatchGetItemResult batch_get_item(OpContext& ctx, BatchGetItemRequest request);
void write_batch_get_item(JsonWriter& w, const BatchGetItemResult& result);

}  // namespace protocol::ops
