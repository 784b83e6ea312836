#include "protocol/items/legacy.h"

#include <algorithm>
#include <set>

#include "protocol/error.h"
#include "protocol/expr/build.h"
#include "protocol/expr/compare.h"
#include "protocol/wire/value_json.h"

namespace protocol::legacy {

namespace {

using expr::Condition;
using expr::Operand;
using storage::ValueType;

constexpr const char* kInvalid = "One or more parameter values were invalid: ";
constexpr const char* kOperators =
    "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

[[noreturn]] void invalid(const std::string& message) {
  throw ApiError::validation(kInvalid + message);
}

Operand path_operand(const std::string& name) {
  return expr::path_operand(expr::top_level_path(name));
}

using expr::combine;
using expr::negate;
using expr::value_operand;

Condition function(expr::Function fn, std::vector<Operand> operands) {
  return expr::function_condition(fn, std::move(operands));
}

Condition compare(expr::Comparator comparator, const std::string& name,
                  storage::AttributeValue value) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.comparator = comparator;
  c.operands.push_back(path_operand(name));
  c.operands.push_back(value_operand(std::move(value)));
  return c;
}

bool scalar(ValueType t) {
  return t == ValueType::kString || t == ValueType::kNumber || t == ValueType::kBinary;
}

// The argument count and types each legacy comparison operator accepts.
void check_arguments(const std::string& op, const std::vector<storage::AttributeValue>& args) {
  size_t want = op == "NULL" || op == "NOT_NULL" ? 0 : op == "BETWEEN" ? 2 : 1;
  bool count_ok = op == "IN" ? !args.empty() : args.size() == want;
  if (!count_ok) {
    invalid("Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  for (const auto& arg : args) {
    bool type_ok =
        op == "EQ" || op == "NE" ||
        (op == "BEGINS_WITH" ? arg.type == ValueType::kString || arg.type == ValueType::kBinary
                             : scalar(arg.type));
    if (!type_ok) {
      invalid("ComparisonOperator " + op + " is not valid for " +
              std::string(storage::type_name(arg.type)) + " AttributeValue type");
    }
  }
  if (op == "BETWEEN" && args[0].type != args[1].type) {
    invalid("AttributeValues inside AttributeValueList must be of same type");
  }
}

Condition with_operator(const std::string& name, const std::string& op,
                        std::vector<storage::AttributeValue> args) {
  check_arguments(op, args);
  static const std::pair<const char*, expr::Comparator> kComparators[] = {
      {"EQ", expr::Comparator::kEq}, {"NE", expr::Comparator::kNe}, {"LT", expr::Comparator::kLt},
      {"LE", expr::Comparator::kLe}, {"GT", expr::Comparator::kGt}, {"GE", expr::Comparator::kGe}};
  for (const auto& [text, comparator] : kComparators) {
    if (op == text) {
      return compare(comparator, name, std::move(args[0]));
    }
  }
  if (op == "NULL" || op == "NOT_NULL") {
    return function(
        op == "NULL" ? expr::Function::kAttributeNotExists : expr::Function::kAttributeExists,
        {path_operand(name)});
  }
  if (op == "CONTAINS" || op == "BEGINS_WITH") {
    return function(op == "CONTAINS" ? expr::Function::kContains : expr::Function::kBeginsWith,
                    {path_operand(name), value_operand(std::move(args[0]))});
  }
  if (op == "NOT_CONTAINS") {
    // Legacy NOT_CONTAINS is false for a missing attribute.
    return combine(Condition::Kind::kAnd,
                   function(expr::Function::kAttributeExists, {path_operand(name)}),
                   negate(function(expr::Function::kContains,
                                   {path_operand(name), value_operand(std::move(args[0]))})));
  }
  Condition c;
  c.kind = op == "IN" ? Condition::Kind::kIn : Condition::Kind::kBetween;
  c.operands.push_back(path_operand(name));
  for (auto& arg : args) {
    c.operands.push_back(value_operand(std::move(arg)));
  }
  return c;
}

std::vector<storage::AttributeValue> read_value_list(const Fields& f) {
  std::vector<storage::AttributeValue> values;
  if (const JsonValue* list = f.list("AttributeValueList")) {
    for (const auto& element : list->GetArray()) {
      values.push_back(parse_attribute_value(element));
    }
  }
  return values;
}

Condition one_expected(const std::string& name, const JsonValue& json, Violations& v) {
  Fields f(expect_structure(json));
  auto op = f.string("ComparisonOperator");
  auto exists = f.boolean("Exists");
  const JsonValue* value_json = f.raw("Value");
  std::optional<storage::AttributeValue> value;
  if (value_json != nullptr) {
    value = parse_attribute_value(*value_json);
  }
  bool has_list = f.raw("AttributeValueList") != nullptr;
  std::vector<storage::AttributeValue> args = read_value_list(f);
  if (op) {
    static const std::set<std::string_view> kKnown = {
        "IN",       "NULL", "BETWEEN", "LT",          "NOT_CONTAINS", "EQ",      "GT",
        "NOT_NULL", "NE",   "LE",      "BEGINS_WITH", "GE",           "CONTAINS"};
    if (kKnown.count(*op) == 0) {
      v.add(*op, "expected." + name + ".member.comparisonOperator",
            std::string("Member must satisfy enum value set: ") + kOperators);
      return Condition{};
    }
    if (exists) {
      invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + name);
    }
    if (has_list && value) {
      invalid("Value and AttributeValueList cannot be used together for Attribute: " + name);
    }
    if (value) {
      args = {*value};
    }
    if (args.empty() && !has_list && *op != "NULL" && *op != "NOT_NULL") {
      invalid("Value or AttributeValueList must be used with ComparisonOperator: " +
              std::string(*op) + " for Attribute: " + name);
    }
    return with_operator(name, std::string(*op), std::move(args));
  }
  if (has_list) {
    invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
  }
  bool must_exist = exists.value_or(true);
  if (must_exist && !value) {
    invalid(std::string("Value must be provided when Exists is ") + (exists ? "true" : "null") +
            " for Attribute: " + name);
  }
  if (!must_exist && value) {
    invalid("Value cannot be used when Exists is false for Attribute: " + name);
  }
  if (!must_exist) {
    return function(expr::Function::kAttributeNotExists, {path_operand(name)});
  }
  return compare(expr::Comparator::kEq, name, std::move(*value));
}

}  // namespace

std::optional<Condition> read_expected(const Fields& f, Violations& v) {
  const JsonValue* expected = f.map("Expected");
  auto conditional_operator = f.string("ConditionalOperator");
  if (conditional_operator && *conditional_operator != "AND" && *conditional_operator != "OR") {
    v.add(*conditional_operator, "conditionalOperator",
          "Member must satisfy enum value set: [AND, OR]");
  }
  if (expected == nullptr) {
    return std::nullopt;
  }
  bool use_or = conditional_operator && *conditional_operator == "OR";
  std::optional<Condition> result;
  for (const auto& member : expected->GetObject()) {
    Condition c = one_expected(std::string(view_of(member.name)), member.value, v);
    result = result ? combine(use_or ? Condition::Kind::kOr : Condition::Kind::kAnd,
                              std::move(*result), std::move(c))
                    : std::move(c);
  }
  return result;
}

std::optional<expr::UpdateExpression> read_attribute_updates(const Fields& f, Violations& v) {
  const JsonValue* updates = f.map("AttributeUpdates");
  if (updates == nullptr) {
    return std::nullopt;
  }
  expr::UpdateExpression update;
  for (const auto& member : updates->GetObject()) {
    std::string name(view_of(member.name));
    Fields u(expect_structure(member.value));
    std::string action(u.string("Action").value_or("PUT"));
    if (action != "PUT" && action != "ADD" && action != "DELETE") {
      v.add(action, "attributeUpdates." + name + ".member.action",
            "Member must satisfy enum value set: [ADD, PUT, DELETE]");
      continue;
    }
    const JsonValue* value_json = u.raw("Value");
    expr::UpdateAction a;
    a.path = expr::top_level_path(name);
    if (value_json == nullptr) {
      if (action != "DELETE") {
        invalid("Only DELETE action is allowed when no attribute value is specified");
      }
      a.kind = expr::UpdateAction::Kind::kRemove;
      update.actions.push_back(std::move(a));
      continue;
    }
    storage::AttributeValue value = parse_attribute_value(*value_json);
    bool is_set = value.type == ValueType::kStringSet || value.type == ValueType::kNumberSet ||
                  value.type == ValueType::kBinarySet;
    if (action == "DELETE" && !is_set) {
      invalid("DELETE action with value is not supported for the type " +
              std::string(storage::type_name(value.type)));
    }
    if (action == "ADD" && !is_set && value.type != ValueType::kNumber &&
        value.type != ValueType::kList) {
      invalid("ADD action is not supported for the type " +
              std::string(storage::type_name(value.type)));
    }
    if (action == "ADD" && value.type == ValueType::kList) {
      // Legacy ADD of a list appends to it (or creates it).
      Operand existing;
      existing.kind = Operand::Kind::kIfNotExists;
      existing.args.push_back(path_operand(name));
      existing.args.push_back(value_operand(storage::AttributeValue::list_of({})));
      a.kind = expr::UpdateAction::Kind::kSet;
      a.value.kind = Operand::Kind::kListAppend;
      a.value.args.push_back(std::move(existing));
      a.value.args.push_back(value_operand(std::move(value)));
    } else {
      a.kind = action == "PUT"   ? expr::UpdateAction::Kind::kSet
               : action == "ADD" ? expr::UpdateAction::Kind::kAdd
                                 : expr::UpdateAction::Kind::kDelete;
      a.value = value_operand(std::move(value));
    }
    update.actions.push_back(std::move(a));
  }
  return update;
}

std::optional<expr::Projection> read_attributes_to_get(const Fields& f, Violations& v) {
  const JsonValue* list = f.list("AttributesToGet");
  if (list == nullptr) {
    return std::nullopt;
  }
  expr::Projection projection;
  std::set<std::string> seen;
  for (const auto& element : list->GetArray()) {
    std::string name(expect_string(element));
    if (!seen.insert(name).second) {
      invalid("Duplicate value in attribute name: " + name);
    }
    projection.push_back(expr::top_level_path(name));
  }
  if (projection.empty()) {
    v.add("[]", "attributesToGet", "Member must have length greater than or equal to 1");
  }
  return projection;
}

// ---------------------------------------------------------------------------------------------
// QueryFilter, ScanFilter and KeyConditions ([DL] validations/index.js validateConditions, whose
// texts were checked against DynamoDB; see DYNAMODB_MESSAGES.md "Query and Scan").
// ---------------------------------------------------------------------------------------------
namespace {

bool is_comparison_operator(std::string_view op) {
  static const std::set<std::string_view> kKnown = {
      "IN",       "NULL", "BETWEEN", "LT",          "NOT_CONTAINS", "EQ",      "GT",
      "NOT_NULL", "NE",   "LE",      "BEGINS_WITH", "GE",           "CONTAINS"};
  return kKnown.count(op) > 0;
}

// Filters check, in this order: the argument count, that the values share one type, each value's
// type for the operator, and BETWEEN's bounds in order.
void check_filter_arguments(const std::string& op,
                            const std::vector<storage::AttributeValue>& args) {
  size_t want = op == "NULL" || op == "NOT_NULL" ? 0 : op == "BETWEEN" ? 2 : 1;
  bool count_ok = op == "IN" ? !args.empty() : args.size() == want;
  if (!count_ok) {
    invalid("Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  for (const auto& arg : args) {
    if (arg.type != args.front().type) {
      invalid("AttributeValues inside AttributeValueList must be of same type");
    }
  }
  check_arguments(op, args);
  if (op == "BETWEEN" && expr::order_values(args[0], args[1]) == std::strong_ordering::greater) {
    throw ApiError::validation(
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
  }
}

}  // namespace

std::pair<std::string, std::vector<storage::AttributeValue>> read_condition_entry(
    const JsonValue& json) {
  Fields f(expect_structure(json));
  std::string op(f.string("ComparisonOperator").value_or(""));
  std::vector<storage::AttributeValue> args = read_value_list(f);
  check_filter_arguments(op, args);
  return {op, std::move(args)};
}

void add_condition_map_violations(const Fields& f, std::string_view member, std::string_view path,
                                  Violations& v) {
  const JsonValue* conditions = f.map(member);
  if (conditions == nullptr) {
    return;
  }
  for (const auto& entry : conditions->GetObject()) {
    Fields c(expect_structure(entry.value));
    auto op = c.string("ComparisonOperator");
    std::string where =
        std::string(path) + "." + std::string(view_of(entry.name)) + ".member.comparisonOperator";
    if (!op) {
      v.add(std::nullopt, where, "Member must not be null");
    } else if (!is_comparison_operator(*op)) {
      v.add(*op, where, std::string("Member must satisfy enum value set: ") + kOperators);
    }
  }
}

std::optional<Condition> read_filter(const Fields& f, std::string_view member) {
  const JsonValue* conditions = f.map(member);
  if (conditions == nullptr) {
    return std::nullopt;
  }
  bool use_or = f.string("ConditionalOperator").value_or("AND") == "OR";
  std::optional<Condition> result;
  for (const auto& entry : conditions->GetObject()) {
    auto [op, args] = read_condition_entry(entry.value);
    Condition c = with_operator(std::string(view_of(entry.name)), op, std::move(args));
    result = result ? combine(use_or ? Condition::Kind::kOr : Condition::Kind::kAnd,
                              std::move(*result), std::move(c))
                    : std::move(c);
  }
  return result;
}

}  // namespace protocol::legacy
