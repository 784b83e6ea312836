#pragma once

#include "protocol/context.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_write_result.h"
#include "protocol/items/write_condition.h"
#include "storage/value.h"

// DeleteItem: one item removed by its key, under an optional condition.
namespace protocol::ops {

struct DeleteItemRequest {
  ItemRequestCommon common;  // ReturnValues NONE or ALL_OLD
  storage::Item key;
  WriteCondition condition;
};
using DeleteItemResult = ItemWriteResult;

DeleteItemRequest parse_delete_item(const JsonValue& json);
void delete_item(OpContext& ctx, DeleteItemRequest request, Then<DeleteItemResult> then);

}  // namespace protocol::ops
