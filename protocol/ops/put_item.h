#pragma once

#include "protocol/context.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_write_result.h"
#include "protocol/items/write_condition.h"
#include "storage/value.h"

// PutItem: one whole item written, replacing any item with its key, under an optional condition.
namespace protocol::ops {

struct PutItemRequest {
  ItemRequestCommon common;  // ReturnValues NONE or ALL_OLD
  storage::Item item;
  WriteCondition condition;
};
using PutItemResult = ItemWriteResult;

PutItemRequest parse_put_item(const JsonValue& json);
void put_item(OpContext& ctx, PutItemRequest request, Then<PutItemResult> then);

}  // namespace protocol::ops
