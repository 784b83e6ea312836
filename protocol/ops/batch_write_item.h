#pragma once

#include <vector>

#include "protocol/batch/common.h"
#include "protocol/batch/write_request.h"
#include "protocol/context.h"

// BatchWriteItem: up to 25 puts and deletes over several tables, applied in one transaction.
namespace protocol::ops {

using BatchWriteItemRequest = batch::BatchWriteRequest;
struct BatchWriteItemResult {
  CapacityMode capacity = CapacityMode::kNone;
  bool collection_metrics = false;
  std::vector<batch::TableUnits> consumed;  // per table, in request order
};

BatchWriteItemRequest parse_batch_write_item(const JsonValue& json);
void batch_write_item(OpContext& ctx, BatchWriteItemRequest request,
                      Then<BatchWriteItemResult> then);
void write_batch_write_item(JsonWriter& w, const BatchWriteItemResult& result);

}  // namespace protocol::ops
