#pragma once

#include <optional>
#include <vector>

#include "protocol/context.h"
#include "protocol/transact/capacity.h"
#include "protocol/transact/get_request.h"
#include "storage/value.h"

// TransactGetItems: up to 100 Gets read from one committed snapshot, so a transaction's writes are
// seen all or not at all.
namespace protocol::ops {

using TransactGetItemsRequest = transact::TransactGetRequest;
struct TransactGetItemsResult {
  CapacityMode capacity_mode = CapacityMode::kNone;
  std::vector<transact::TableCapacity> capacity;
  std::vector<std::optional<storage::Item>> responses;  // per Get, projected
};

TransactGetItemsRequest parse_transact_get_items(const JsonValue& json);
TransactGetItemsResult transact_get_items(OpContext& ctx, const TransactGetItemsRequest& request);
void write_transact_get_items(JsonWriter& w, const TransactGetItemsResult& result);

}  // namespace protocol::ops
