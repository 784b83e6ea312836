#pragma once

#include <vector>

#include "protocol/context.h"
#include "protocol/transact/capacity.h"
#include "protocol/transact/write_request.h"

// TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck actions that commit together
// or not at all, with ClientRequestToken idempotency.
namespace protocol::ops {

using TransactWriteItemsRequest = transact::TransactWriteRequest;
struct TransactWriteItemsResult {
  CapacityMode capacity_mode = CapacityMode::kNone;
  bool collection_metrics = false;
  std::vector<transact::TableCapacity> capacity;
  bool replayed = false;  // a repeated request: nothing was written
};

TransactWriteItemsRequest parse_transact_write_items(const JsonValue& json);
void transact_write_items(OpContext& ctx, TransactWriteItemsRequest request,
                          Then<TransactWriteItemsResult> then);
void write_transact_write_items(JsonWriter& w, const TransactWriteItemsResult& result);

}  // namespace protocol::ops
