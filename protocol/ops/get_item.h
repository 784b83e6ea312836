#pragma once

#include <optional>

#include "protocol/context.h"
#include "protocol/expr/expr.h"
#include "protocol/items/capacity.h"
#include "protocol/items/item_request.h"
#include "storage/value.h"

// GetItem: one item by its key, optionally projected.
namespace protocol::ops {

struct GetItemRequest {
  ItemRequestCommon common;
  storage::Item key;
  bool consistent = false;
  std::optional<expr::Projection> projection;  // resolved; nullopt = every attribute
};

struct GetItemResult {
  std::optional<storage::Item> item;  // projected
  ConsumedCapacity capacity;
};

GetItemRequest parse_get_item(const JsonValue& json);
GetItemResult get_item(OpContext& ctx, const GetItemRequest& request);
void write_get_item(JsonWriter& w, const GetItemResult& result);

}  // namespace protocol::ops
