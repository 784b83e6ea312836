#include "protocol/items/write_condition.h"

#include "protocol/error.h"
#include "protocol/items/legacy.h"

namespace protocol {

bool read_return_old_on_failure(const Fields& f, Violations& v, std::string_view path) {
  auto mode = f.string("ReturnValuesOnConditionCheckFailure");
  if (mode && *mode != "ALL_OLD" && *mode != "NONE") {
    v.add(*mode, path, "Member must satisfy enum value set: [ALL_OLD, NONE]");
  }
  return mode && *mode == "ALL_OLD";
}

std::optional<expr::Condition> read_condition(const Fields& f, const ExpressionMembers& members,
                                              expr::Resolver& resolver) {
  if (auto text = read_expression(f, "ConditionExpression")) {
    expr::Condition condition = expr::parse_condition(*text, expr::Source::kConditionExpression);
    resolver.resolve(condition, expr::Source::kConditionExpression);
    expr::check_condition_operands(condition, expr::Source::kConditionExpression);
    return condition;
  }
  Violations v;
  auto expected = legacy::read_expected(f, v);
  v.raise_if_any();
  return expected;
}

bool condition_holds(const WriteCondition& condition, const std::optional<storage::Item>& old) {
  static const storage::Item kEmpty;
  return !condition.condition || expr::evaluate(*condition.condition, old ? *old : kEmpty);
}

void check_write_condition(const WriteCondition& condition,
                           const std::optional<storage::Item>& old) {
  if (condition_holds(condition, old)) {
    return;
  }
  ApiError error = ApiError::conditional_check_failed();
  if (condition.return_old_on_failure && old) {
    error.with_item(*old);
  }
  throw error;
}

SingleWrite read_single_write(const Fields& f, std::string_view member, std::string_view path) {
  Violations v;
  std::optional<storage::Item> item = read_attribute_map_member(f, member, path, v);
  SingleWrite start;
  start.common = read_item_request_common(f, v);
  start.condition.return_old_on_failure = read_return_old_on_failure(f, v);
  v.raise_if_any();
  start.item_or_key = std::move(*item);
  return start;
}

void read_put_or_delete_condition(const Fields& f, SingleWrite& start) {
  ExpressionMembers members =
      read_expression_members(f, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
  require_none_or_all_old(start.common.return_values);
  expr::Resolver resolver(members.attributes);
  start.condition.condition = read_condition(f, members, resolver);
  resolver.check_all_used();
}

}  // namespace protocol
