#pragma once

#include <optional>

#include "protocol/expr/expr.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/item_request.h"
#include "protocol/wire/fields.h"
#include "storage/value.h"

namespace protocol {

// The condition of a conditional write (PutItem, DeleteItem, UpdateItem), from ConditionExpression
// or from the legacy Expected/ConditionalOperator.
struct WriteCondition {
  std::optional<expr::Condition> condition;
  bool return_old_on_failure = false;  // ReturnValuesOnConditionCheckFailure = ALL_OLD
};

// Reads ReturnValuesOnConditionCheckFailure (enum ALL_OLD, NONE), adding a bad value to `v` under
// `path` (the member's path in DynamoDB's messages).
bool read_return_old_on_failure(const Fields& f, Violations& v,
                                std::string_view path = "returnValuesOnConditionCheckFailure");

// Reads and resolves ConditionExpression, or translates Expected. Call after
// read_expression_members (which refuses mixing the two styles).
std::optional<expr::Condition> read_condition(const Fields& f, const ExpressionMembers& members,
                                              expr::Resolver& resolver);

// Whether `old` (the current item; absent = empty) satisfies the condition (true when there is
// none). Pure.
bool condition_holds(const WriteCondition& condition, const std::optional<storage::Item>& old);

// Throws ConditionalCheckFailedException (carrying the old item when asked) unless `old` (the
// current item; absent = empty) satisfies the condition. Pure: may run more than once.
void check_write_condition(const WriteCondition& condition,
                           const std::optional<storage::Item>& old);

// The start every single-item write (PutItem, DeleteItem, UpdateItem) shares: its item or key
// member, the common members and ReturnValuesOnConditionCheckFailure, read in DynamoDB's order
// with their constraint violations raised together.
struct SingleWrite {
  storage::Item item_or_key;
  ItemRequestCommon common;
  WriteCondition condition;
};
SingleWrite read_single_write(const Fields& f, std::string_view member, std::string_view path);

// PutItem and DeleteItem: the rest of the request after read_single_write (expression members,
// ReturnValues NONE/ALL_OLD, the condition resolved and every name and value used).
void read_put_or_delete_condition(const Fields& f, SingleWrite& start);

}  // namespace protocol
