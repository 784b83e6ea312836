// Sources, cited as in DYNAMODB_MESSAGES.md "Query and Scan": [Local] DynamoDB Local's
// KeyConditionExpressionExtractor and QueryFunction, [DL] dynalite test/query.js (checked against
// DynamoDB), [CONF] the conformance suite's live captures.

#include "protocol/reads/key_condition.h"

#include <algorithm>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/items/item_rules.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

using storage::AttributeValue;
using storage::SortOp;
using storage::ValueType;

// [CONF] DynamoDB now puts the expression prefix before the extractor's texts, which [DL] and
// [Local] show bare.
[[noreturn]] void invalid_key_expression(const std::string& detail) {
  throw ApiError::validation("Invalid KeyConditionExpression: " + detail);
}

[[noreturn]] void invalid_operator(const std::string& name) {
  invalid_key_expression("Invalid operator used in KeyConditionExpression: " + name);
}

[[noreturn]] void invalid_condition(const std::string& detail) {
  invalid_key_expression("Invalid condition in KeyConditionExpression: " + detail);
}

std::string function_text(expr::Function function) {
  switch (function) {
    case expr::Function::kAttributeExists:
      return "attribute_exists";
    case expr::Function::kAttributeNotExists:
      return "attribute_not_exists";
    case expr::Function::kAttributeType:
      return "attribute_type";
    case expr::Function::kBeginsWith:
      return "begins_with";
    case expr::Function::kContains:
      return "contains";
  }
  return "function";
}

SortOp sort_op_of(expr::Comparator comparator) {
  switch (comparator) {
    case expr::Comparator::kLt:
      return SortOp::kLt;
    case expr::Comparator::kLe:
      return SortOp::kLe;
    case expr::Comparator::kGt:
      return SortOp::kGt;
    case expr::Comparator::kGe:
      return SortOp::kGe;
    default:
      return SortOp::kEq;
  }
}

// `:v < k` asks for k > :v.
SortOp reversed(SortOp op) {
  switch (op) {
    case SortOp::kLt:
      return SortOp::kGt;
    case SortOp::kLe:
      return SortOp::kGe;
    case SortOp::kGt:
      return SortOp::kLt;
    case SortOp::kGe:
      return SortOp::kLe;
    default:
      return op;
  }
}

// One comparison, BETWEEN or begins_with, walked operand by operand as [Local] does, so that the
// first problem met is the one reported.
KeyCondition leaf_condition(const expr::Condition& condition) {
  KeyCondition out;
  const bool between = condition.kind == expr::Condition::Kind::kBetween;
  const bool function = condition.kind == expr::Condition::Kind::kFunction;
  out.op = between    ? SortOp::kBetween
           : function ? SortOp::kBeginsWith
                      : sort_op_of(condition.comparator);
  bool named = false;
  for (const expr::Operand& operand : condition.operands) {
    if (operand.kind == expr::Operand::Kind::kPath) {
      if (named) {
        invalid_condition("Multiple attribute names used in one condition");
      }
      if (operand.path.elements.size() > 1) {
        invalid_key_expression(
            "KeyConditionExpressions cannot have conditions on nested attributes");
      }
      out.attribute = operand.path.elements.front().name;
      named = true;
    } else if (operand.kind == expr::Operand::Kind::kValue) {
      if (!named && (between || function)) {
        invalid_condition(std::string(between ? "BETWEEN" : "begins_with") +
                          " operator must have the key attribute as its first operand");
      }
      if (!named) {
        out.op = reversed(out.op);
      }
      out.values.push_back(operand.value);
    } else {
      invalid_key_expression("KeyConditionExpressions cannot contain nested operations");
    }
  }
  if (!named) {
    invalid_condition("No key attribute specified");
  }
  return out;
}

void collect(const expr::Condition& condition, std::vector<KeyCondition>& out) {
  using Kind = expr::Condition::Kind;
  switch (condition.kind) {
    case Kind::kAnd:
      for (const expr::Condition& child : condition.children) {
        collect(child, out);
      }
      return;
    case Kind::kOr:
      invalid_operator("OR");
    case Kind::kNot:
      invalid_operator("NOT");
    case Kind::kIn:
      invalid_operator("IN");
    case Kind::kCompare:
      if (condition.comparator == expr::Comparator::kNe) {
        invalid_operator("<>");
      }
      break;
    case Kind::kFunction:
      if (condition.function != expr::Function::kBeginsWith) {
        invalid_operator(function_text(condition.function));
      }
      break;
    case Kind::kBetween:
      break;
  }
  KeyCondition leaf = leaf_condition(condition);
  for (const KeyCondition& earlier : out) {
    if (earlier.attribute == leaf.attribute) {
      invalid_key_expression("KeyConditionExpressions must only contain one condition per key");
    }
  }
  out.push_back(std::move(leaf));
}

}  // namespace

std::vector<KeyCondition> key_conditions_of(const expr::Condition& condition) {
  std::vector<KeyCondition> out;
  collect(condition, out);
  return out;
}

}  // namespace protocol
