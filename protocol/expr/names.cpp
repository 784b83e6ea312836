// The names and message texts DynamoDB prints for expressions, shared by the parsers, the resolver
// and the static checks (internal.h), so that each text is written once.

#include <string>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"

namespace protocol::expr {

namespace {

struct NamedFunction {
  Function function;
  std::string_view name;
};

constexpr NamedFunction kFunctionNames[] = {
    {Function::kAttributeExists, "attribute_exists"},
    {Function::kAttributeNotExists, "attribute_not_exists"},
    {Function::kAttributeType, "attribute_type"},
    {Function::kBeginsWith, "begins_with"},
    {Function::kContains, "contains"},
};

}  // namespace

std::string_view source_name(Source source) {
  switch (source) {
    case Source::kConditionExpression:
      return "ConditionExpression";
    case Source::kFilterExpression:
      return "FilterExpression";
    case Source::kKeyConditionExpression:
      return "KeyConditionExpression";
    case Source::kProjectionExpression:
      return "ProjectionExpression";
    case Source::kUpdateExpression:
      return "UpdateExpression";
  }
  return "Expression";
}

ApiError invalid(Source source, std::string_view detail) {
  std::string message = "Invalid ";
  message += source_name(source);
  message += ": ";
  message += detail;
  return ApiError::validation(std::move(message));
}

std::string format_path(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.elements.size(); ++i) {
    const PathElement& element = path.elements[i];
    if (i > 0) {
      out += ", ";
    }
    if (element.kind == PathElement::Kind::kName) {
      out += element.name;
    } else {
      out += "[" + std::to_string(element.index) + "]";
    }
  }
  return out + "]";
}

std::string_view function_name(Function function) {
  for (const NamedFunction& named : kFunctionNames) {
    if (named.function == function) {
      return named.name;
    }
  }
  return "";
}

std::optional<Function> condition_function(std::string_view name) {
  for (const NamedFunction& named : kFunctionNames) {
    if (named.name == name) {
      return named.function;
    }
  }
  return std::nullopt;
}

ApiError paths_clash(Source source, std::string_view relation, const Path& one, const Path& two) {
  return invalid(source, "Two document paths " + std::string(relation) +
                             " with each other; must remove or rewrite one of these paths; path "
                             "one: " +
                             format_path(one) + ", path two: " + format_path(two));
}

ApiError incorrect_operand_type(Source source, std::string_view name, std::string_view type) {
  return invalid(source, "Incorrect operand type for operator or function; operator or function: " +
                             std::string(name) + ", operand type: " + std::string(type));
}

ApiError too_many_in_operands(Source source, size_t candidates) {
  return invalid(source,
                 "The IN operator is provided with too many operands; number of operands: " +
                     std::to_string(candidates));
}

}  // namespace protocol::expr
