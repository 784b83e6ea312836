#pragma once

#include <memory>

#include "protocol/context.h"
#include "protocol/expr/expr.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_write_result.h"
#include "protocol/items/write_condition.h"
#include "storage/value.h"

// UpdateItem: an update applied to one item (created from its key when missing), under an
// optional condition.
namespace protocol::ops {

struct UpdateItemRequest {
  ItemRequestCommon common;
  storage::Item key;
  WriteCondition condition;
  expr::UpdateExpression update;  // resolved: UpdateExpression or the legacy AttributeUpdates
  bool legacy = false;            // AttributeUpdates (words a type error as DynamoDB does)
};
using UpdateItemResult = ItemWriteResult;

UpdateItemRequest parse_update_item(const JsonValue& json);
void update_item(OpContext& ctx, UpdateItemRequest request, Then<UpdateItemResult> then);

}  // namespace protocol::ops
