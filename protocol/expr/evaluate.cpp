// Condition evaluation (ConditionExpression, FilterExpression, KeyConditionExpression) on typed
// items, and the static checks DynamoDB makes on a condition's resolved :values before it reads any
// item. Sources, cited as in compare.cpp: [Local] DynamoDB Local's OperatorValidator and
// OperatorExecutor, [Alternator] test_condition_expression.py, [dynalite] db/conditionParser.pegjs.

#include <string>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"

namespace protocol::expr {

using storage::AttributeValue;
using storage::Item;
using storage::ValueType;

namespace {

// The value an operand stands for: a pointer into the item or the syntax tree, `scratch` when the
// value is computed (size), or nullptr when it is missing.
const AttributeValue* operand_value(const Operand& operand, const Item& item,
                                    AttributeValue& scratch) {
  switch (operand.kind) {
    case Operand::Kind::kPath:
      return find_path(item, operand.path);
    case Operand::Kind::kValue:
      return &operand.value;
    case Operand::Kind::kSize: {
      AttributeValue argument_scratch;
      const AttributeValue* argument = operand.args.empty()
                                           ? find_path(item, operand.path)
                                           : operand_value(operand.args[0], item, argument_scratch);
      // [Local] eval_SIZE: N, BOOL and NULL have no size and the result is a missing value.
      const std::optional<uint64_t> size = argument ? size_of(*argument) : std::nullopt;
      if (!size) {
        return nullptr;
      }
      scratch = AttributeValue::num(storage::Number::from_int(static_cast<int64_t>(*size)));
      return &scratch;
    }
    default:
      return nullptr;  // update-only operands; the parser keeps them out of conditions
  }
}

bool evaluate_function(const Condition& condition, const Item& item) {
  const std::vector<Operand>& args = condition.operands;
  AttributeValue first_scratch;
  AttributeValue second_scratch;
  const AttributeValue* first =
      args.empty() ? nullptr : operand_value(args[0], item, first_scratch);
  const AttributeValue* second =
      args.size() < 2 ? nullptr : operand_value(args[1], item, second_scratch);
  switch (condition.function) {
    case Function::kAttributeExists:
      return first != nullptr;
    case Function::kAttributeNotExists:
      return first == nullptr;
    case Function::kAttributeType:
      // [Local] attributeType: the type's short name equals the S operand.
      return first != nullptr && second != nullptr && second->type == ValueType::kString &&
             storage::type_name(first->type) == second->bytes;
    case Function::kBeginsWith:
      return begins_with(first, second);
    case Function::kContains:
      return contains(first, second);
  }
  return false;
}

bool evaluate_compare(const Condition& condition, const Item& item) {
  if (condition.operands.size() != 2) {
    return false;
  }
  AttributeValue left_scratch;
  AttributeValue right_scratch;
  return compare_values(condition.comparator,
                        operand_value(condition.operands[0], item, left_scratch),
                        operand_value(condition.operands[1], item, right_scratch));
}

// [Local] eval_BETWEEN is value <= high && value >= low, each with its own type match.
bool evaluate_between(const Condition& condition, const Item& item) {
  if (condition.operands.size() != 3) {
    return false;
  }
  AttributeValue scratch[3];
  const AttributeValue* value = operand_value(condition.operands[0], item, scratch[0]);
  const AttributeValue* low = operand_value(condition.operands[1], item, scratch[1]);
  const AttributeValue* high = operand_value(condition.operands[2], item, scratch[2]);
  return compare_values(Comparator::kGe, value, low) &&
         compare_values(Comparator::kLe, value, high);
}

bool evaluate_in(const Condition& condition, const Item& item) {
  if (condition.operands.empty()) {
    return false;
  }
  AttributeValue value_scratch;
  const AttributeValue* value = operand_value(condition.operands[0], item, value_scratch);
  for (size_t i = 1; i < condition.operands.size(); ++i) {
    AttributeValue candidate_scratch;
    if (compare_values(Comparator::kEq, value,
                       operand_value(condition.operands[i], item, candidate_scratch))) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool evaluate(const Condition& condition, const Item& item) {
  switch (condition.kind) {
    case Condition::Kind::kCompare:
      return evaluate_compare(condition, item);
    case Condition::Kind::kBetween:
      return evaluate_between(condition, item);
    case Condition::Kind::kIn:
      return evaluate_in(condition, item);
    case Condition::Kind::kFunction:
      return evaluate_function(condition, item);
    case Condition::Kind::kAnd:
      // Short-circuiting is safe: evaluation never throws (every error is found statically) and
      // unused-reference checks ran at resolution, not here ([Alternator] issue #6572).
      return condition.children.size() == 2 && evaluate(condition.children[0], item) &&
             evaluate(condition.children[1], item);
    case Condition::Kind::kOr:
      return condition.children.size() == 2 &&
             (evaluate(condition.children[0], item) || evaluate(condition.children[1], item));
    case Condition::Kind::kNot:
      return condition.children.size() == 1 && !evaluate(condition.children[0], item);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Static checks. [Local] ExpressionValidator.validateExpression visits operands before their
// operator, and OperatorValidator.validateOperator checks, in this order: each operand's possible
// type against the operator's accepted types, the distinct-first-operand rule, then the operator's
// own rule (BETWEEN bounds, IN size, attribute_type's name, document-path operands).
// ---------------------------------------------------------------------------------------------
namespace {

bool accepts_any(ValueType) { return true; }
bool accepts_string_or_binary(ValueType t) {
  return t == ValueType::kString || t == ValueType::kBinary;
}
// size() takes what has a size ([Local] TypeSet.ITERABLE): everything but N, BOOL and NULL.
bool accepts_sized(ValueType t) {
  return t != ValueType::kNumber && t != ValueType::kBool && t != ValueType::kNull;
}

// dynalite's text for a non-value second operand of attribute_type (checked against DynamoDB).
constexpr const char* kAllTypesText = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";
// The order DynamoDB lists valid type names in ([dynalite] conditionParser.pegjs, REMOTE-tested).
constexpr const char* kValidTypesText = "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}";

std::string_view comparator_text(Comparator comparator) {
  switch (comparator) {
    case Comparator::kEq:
      return "=";
    case Comparator::kNe:
      return "<>";
    case Comparator::kLt:
      return "<";
    case Comparator::kLe:
      return "<=";
    case Comparator::kGt:
      return ">";
    case Comparator::kGe:
      return ">=";
  }
  return "?";
}

class OperandChecker {
 public:
  explicit OperandChecker(Source source) : source_(source) {}

  void check(const Condition& condition) {
    for (const Condition& child : condition.children) {
      check(child);
    }
    for (const Operand& operand : condition.operands) {
      check_nested(operand);
    }
    switch (condition.kind) {
      case Condition::Kind::kCompare: {
        const bool ordered =
            condition.comparator != Comparator::kEq && condition.comparator != Comparator::kNe;
        check_operator(comparator_text(condition.comparator), condition.operands,
                       ordered ? is_ordered_type : accepts_any);
        break;
      }
      case Condition::Kind::kBetween:
        check_operator("BETWEEN", condition.operands, is_ordered_type);
        check_between_bounds(condition.operands);
        break;
      case Condition::Kind::kIn:
        check_operator("IN", condition.operands, accepts_any);
        check_in_size(condition.operands);
        break;
      case Condition::Kind::kFunction:
        check_function(condition);
        break;
      default:
        break;  // AND, OR and NOT take conditions, checked above
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw invalid(source_, message); }

  // size(x) is the one function that nests inside a condition's operands.
  void check_nested(const Operand& operand) {
    if (operand.kind != Operand::Kind::kSize) {
      return;
    }
    for (const Operand& argument : operand.args) {
      check_nested(argument);
    }
    check_operator("size", operand.args, accepts_sized);
  }

  void check_operator(std::string_view name, const std::vector<Operand>& operands,
                      bool (*accepts)(ValueType)) {
    check_operand_types(source_, name, operands, accepts);
    if (std::optional<std::string> repeated = repeated_first_operand(name, operands)) {
      fail(*repeated);
    }
  }

  void check_between_bounds(const std::vector<Operand>& operands) {
    if (operands.size() != 3 || operands[1].kind != Operand::Kind::kValue ||
        operands[2].kind != Operand::Kind::kValue) {
      return;  // bounds read from the item are compared at evaluation, never an error
    }
    const AttributeValue& low = operands[1].value;
    const AttributeValue& high = operands[2].value;
    const std::string bounds = "lower bound operand: " + describe_value(low) +
                               ", upper bound operand: " + describe_value(high);
    if (low.type != high.type) {
      fail("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
    }
    const std::optional<std::strong_ordering> order = order_values(low, high);
    if (order && *order > 0) {
      fail(
          "The BETWEEN operator requires upper bound to be greater than or equal to lower "
          "bound; " +
          bounds);
    }
  }

  void check_in_size(const std::vector<Operand>& operands) {
    if (operands.size() > kMaxInOperands + 1) {
      throw too_many_in_operands(source_, operands.size() - 1);
    }
  }

  void check_function(const Condition& condition) {
    const std::string_view name = function_name(condition.function);
    const std::vector<Operand>& args = condition.operands;
    const bool string_or_binary = condition.function == Function::kBeginsWith;
    check_operator(name, args, string_or_binary ? accepts_string_or_binary : accepts_any);
    switch (condition.function) {
      case Function::kAttributeExists:
      case Function::kAttributeNotExists:
        if (!args.empty() && args[0].kind != Operand::Kind::kPath) {
          fail("Operator or function requires a document path; operator or function: " +
               std::string(name));
        }
        break;
      case Function::kAttributeType:
        check_type_name(args);
        break;
      default:
        break;
    }
  }

  void check_type_name(const std::vector<Operand>& args) {
    if (args.size() != 2) {
      return;
    }
    const Operand& type = args[1];
    if (type.kind != Operand::Kind::kValue) {
      const std::optional<std::string> produced = unsupported_operand_type(type, nullptr_accepts);
      throw incorrect_operand_type(source_, "attribute_type", produced.value_or(kAllTypesText));
    }
    if (type.value.type != ValueType::kString) {
      throw incorrect_operand_type(source_, "attribute_type", storage::type_name(type.value.type));
    }
    static constexpr std::string_view kNames[] = {"S",  "N",  "B",  "BOOL", "NULL",
                                                  "SS", "NS", "BS", "L",    "M"};
    for (std::string_view known : kNames) {
      if (type.value.bytes == known) {
        return;
      }
    }
    fail("Invalid attribute type name found; type: " + type.value.bytes +
         ", valid types: " + kValidTypesText);
  }

  // Reports the type a non-value operand produces (size: N), or nothing for paths.
  static bool nullptr_accepts(ValueType) { return false; }

  Source source_;
};

}  // namespace

void check_condition_operands(const Condition& condition, Source source) {
  OperandChecker(source).check(condition);
}

}  // namespace protocol::expr
