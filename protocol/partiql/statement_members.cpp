#include "protocol/partiql/statement_members.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/items/write_condition.h"
#include "protocol/partiql/parser.h"
#include "protocol/wire/value_json.h"

namespace protocol::partiql {

namespace {

constexpr int64_t kIntMin = std::numeric_limits<int32_t>::min();
constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();

enum class ExponentProblem : uint8_t { kNone, kUnconvertible, kWrapsToUnderflow };

// How Java's BigDecimal(String), which DynamoDB reads a PartiQL parameter's number with, takes
// `text`'s exponent. It gives up when the exponent, or the scale (digits after the point less the
// exponent), is outside a 32-bit int. Past that, DynamoDB's magnitude check takes precision less
// scale in 32-bit arithmetic, which wraps: 1e2147483647 comes out an underflow. Other malformed
// texts are left to storage::Number::parse.
ExponentProblem exponent_problem(std::string_view text) {
  const size_t e = text.find_first_of("eE");
  if (e == std::string_view::npos) {
    return ExponentProblem::kNone;
  }
  int64_t precision = 0;  // the mantissa's digits, leading zeros aside
  for (const char c : text.substr(0, e)) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 && (precision > 0 || c != '0')) {
      ++precision;
    }
  }
  precision = std::max<int64_t>(precision, 1);
  const size_t point = text.substr(0, e).find('.');
  const int64_t fraction =
      point == std::string_view::npos ? 0 : static_cast<int64_t>(e - point - 1);
  std::string_view exponent = text.substr(e + 1);
  const bool negative = !exponent.empty() && exponent.front() == '-';
  if (!exponent.empty() && (exponent.front() == '-' || exponent.front() == '+')) {
    exponent.remove_prefix(1);
  }
  if (exponent.empty()) {
    return ExponentProblem::kNone;
  }
  int64_t value = 0;  // capped: anything past 11 digits is out of range anyway
  for (const char c : exponent) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return ExponentProblem::kNone;
    }
    value = std::min<int64_t>(value * 10 + (c - '0'), int64_t{1} << 40);
  }
  value = negative ? -value : value;
  const int64_t scale = fraction - value;
  if (value < kIntMin || value > kIntMax || scale < kIntMin || scale > kIntMax) {
    return ExponentProblem::kUnconvertible;
  }
  return precision - scale > kIntMax ? ExponentProblem::kWrapsToUnderflow : ExponentProblem::kNone;
}

// Walks a parameter in document order, as parse_attribute_value does, and refuses the first number
// whose exponent BigDecimal or the magnitude check trips over (exponent_problem). It
// stops where the nesting limit is reached, so a too-deep value met first keeps its own message
// (dynamodb-conformance tier3 error-messages/partiqlParameterNumbers, AWS-verified).
bool check_parameter_numbers(const JsonValue& json, int depth) {
  if (!json.IsObject()) {
    return true;
  }
  if (depth >= kMaxAttributeNesting) {
    return false;
  }
  for (const auto& member : json.GetObject()) {
    const std::string_view type = view_of(member.name);
    auto check = [](const JsonValue& number) {
      if (!number.IsString()) {
        return;
      }
      switch (exponent_problem(view_of(number))) {
        case ExponentProblem::kNone:
          return;
        case ExponentProblem::kUnconvertible:
          throw ApiError::validation("The parameter cannot be converted to a numeric value: " +
                                     std::string(view_of(number)));
        case ExponentProblem::kWrapsToUnderflow:
          throw ApiError::validation(
              "Number underflow. Attempting to store a number with magnitude smaller than "
              "supported range");
      }
    };
    if (type == "N") {
      check(member.value);
    } else if (type == "NS" && member.value.IsArray()) {
      for (const JsonValue& element : member.value.GetArray()) {
        check(element);
      }
    } else if (type == "L" && member.value.IsArray()) {
      for (const JsonValue& element : member.value.GetArray()) {
        if (!check_parameter_numbers(element, depth + 1)) {
          return false;
        }
      }
    } else if (type == "M" && member.value.IsObject()) {
      for (const auto& entry : member.value.GetObject()) {
        if (!check_parameter_numbers(entry.value, depth + 1)) {
          return false;
        }
      }
    }
  }
  return true;
}

std::vector<storage::AttributeValue> read_parameters(const JsonValue& parameters) {
  std::vector<storage::AttributeValue> values;
  for (const JsonValue& parameter : parameters.GetArray()) {
    if (!check_parameter_numbers(parameter, 0)) {
      break;  // the nesting message, from parse_attribute_value below
    }
  }
  for (const JsonValue& parameter : parameters.GetArray()) {
    values.push_back(parse_attribute_value(parameter));
  }
  return values;
}

}  // namespace

StatementMembers read_statement_members(const Fields& f, const std::string& prefix, Violations& v,
                                        bool defer_parameter_errors) {
  StatementMembers members;
  std::optional<std::string_view> statement = f.string("Statement");
  if (!statement) {
    v.add(std::nullopt, prefix + "statement", "Member must not be null");
  } else if (statement->empty()) {
    v.add(*statement, prefix + "statement", "Member must have length greater than or equal to 1");
  } else if (expr::utf16_length(*statement) > kMaxStatementBytes) {  // Java string length
    v.add(*statement, prefix + "statement",
          "Member must have length less than or equal to " + std::to_string(kMaxStatementBytes));
  }
  members.return_old_on_failure =
      read_return_old_on_failure(f, v, prefix + "returnValuesOnConditionCheckFailure");
  const JsonValue* parameters = f.list("Parameters");
  if (parameters != nullptr && parameters->Empty()) {
    v.add("[]", prefix + "parameters", "Member must have length greater than or equal to 1");
  }
  members.consistent = f.boolean("ConsistentRead").value_or(false);
  if (v.empty()) {
    members.statement = std::string(*statement);
    if (parameters != nullptr) {
      try {
        members.parameters = read_parameters(*parameters);
      } catch (const ApiError&) {
        if (!defer_parameter_errors) {
          throw;
        }
        members.parameter_error = std::current_exception();
      }
    }
  }
  return members;
}

std::vector<StatementMembers> read_statement_list(const Fields& f, std::string_view member,
                                                  const std::string& path, size_t max,
                                                  Violations& v, bool defer_parameter_errors,
                                                  const JsonValue** list) {
  std::vector<StatementMembers> statements;
  const JsonValue* elements = f.list(member);
  if (list != nullptr) {
    *list = elements;
  }
  if (elements == nullptr) {
    v.add(std::nullopt, path, "Member must not be null");
  } else if (elements->Empty()) {
    v.add("[]", path, "Member must have length greater than or equal to 1");
  } else if (elements->Size() > max) {
    v.add("[...]", path, "Member must have length less than or equal to " + std::to_string(max));
  } else {
    size_t position = 0;
    for (const JsonValue& element : elements->GetArray()) {
      Fields statement(expect_structure(element));
      statements.push_back(
          read_statement_members(statement, path + "." + std::to_string(++position) + ".member.", v,
                                 defer_parameter_errors));
    }
  }
  return statements;
}

}  // namespace protocol::partiql
