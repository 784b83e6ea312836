#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/wire/fields.h"

namespace protocol {

// The expression-related members of a request: which expression and legacy (non-expression)
// parameters are present, and the ExpressionAttributeNames/Values, with DynamoDB's request-level
// checks (mixing both styles, names or values without expressions, empty maps).
struct ExpressionMembers {
  std::vector<std::string> expressions;  // present expression members, in DynamoDB's order
  std::vector<std::string> legacy;       // present non-expression members
  expr::ExpressionAttributes attributes;
  bool has_names = false;
  bool has_values = false;
};

// `expression_members` / `legacy_members`: the names this operation accepts, in the order DynamoDB
// lists them in its messages.
ExpressionMembers read_expression_members(const Fields& f,
                                          const std::vector<std::string>& expression_members,
                                          const std::vector<std::string>& legacy_members);

// One optional expression string member, e.g. "ConditionExpression".
std::optional<std::string> read_expression(const Fields& f, std::string_view member);

}  // namespace protocol
