#include "protocol/expr/compare.h"

#include <algorithm>
#include <cstring>

#include "protocol/expr/internal.h"
#include "protocol/wire/base64.h"

// Sources for the semantics below (see also tests/integration/DYNAMODB_MESSAGES.md, "Expression
// evaluation"):
//   [Local]     DynamoDB Local's expression engine (eznix86/dynamodb-local-decompiled,
//               com/amazonaws/services/dynamodbv2/datamodel/OperatorExecutor.java): eval_EQ,
//               eval_LT.. (typeMatch, then compare), eval_SIZE, contains, beginsWith.
//   [Alternator] scylladb test/alternator/test_condition_expression.py, run against DynamoDB.
//   [ExtendDB]  ExtendDB pull request #67, size() measured on DynamoDB: size("é𝄞") = 3.
namespace protocol::expr {

using storage::AttributeValue;
using storage::ValueType;

namespace {

// Unsigned byte order, spelled out because S and B ordering depends on it ([Alternator]
// test_condition_expression_unsigned_bytes: byte 0x80 sorts after 0x7F).
std::strong_ordering compare_bytes(std::string_view a, std::string_view b) {
  const size_t common = std::min(a.size(), b.size());
  const int cmp = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
  if (cmp != 0) {
    return cmp < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  return a.size() <=> b.size();
}

bool ordered_holds(Comparator comparator, std::strong_ordering order) {
  switch (comparator) {
    case Comparator::kLt:
      return order < 0;
    case Comparator::kLe:
      return order <= 0;
    case Comparator::kGt:
      return order > 0;
    case Comparator::kGe:
      return order >= 0;
    case Comparator::kEq:
    case Comparator::kNe:
      break;
  }
  return false;
}

bool set_has(const AttributeValue& set, const AttributeValue& element) {
  if (set.type == ValueType::kNumberSet) {
    return std::find(set.number_set.begin(), set.number_set.end(), element.number) !=
           set.number_set.end();
  }
  return std::find(set.byte_set.begin(), set.byte_set.end(), element.bytes) != set.byte_set.end();
}

// The element type each set type holds.
std::optional<ValueType> element_type(ValueType set_type) {
  switch (set_type) {
    case ValueType::kStringSet:
      return ValueType::kString;
    case ValueType::kNumberSet:
      return ValueType::kNumber;
    case ValueType::kBinarySet:
      return ValueType::kBinary;
    default:
      return std::nullopt;
  }
}

}  // namespace

const AttributeValue* find_path(const storage::Item& item, const Path& path) {
  if (path.elements.empty() || path.elements.front().kind != PathElement::Kind::kName) {
    return nullptr;
  }
  auto top = item.find(path.elements.front().name);
  if (top == item.end()) {
    return nullptr;
  }
  const AttributeValue* current = &top->second;
  for (size_t i = 1; i < path.elements.size(); ++i) {
    const PathElement& step = path.elements[i];
    if (step.kind == PathElement::Kind::kName) {
      if (current->type != ValueType::kMap) {
        return nullptr;
      }
      auto member = current->map.find(step.name);
      if (member == current->map.end()) {
        return nullptr;
      }
      current = &member->second;
    } else {
      if (current->type != ValueType::kList || step.index >= current->list.size()) {
        return nullptr;
      }
      current = &current->list[step.index];
    }
  }
  return current;
}

bool values_equal(const AttributeValue& a, const AttributeValue& b) {
  // storage's equality already has DynamoDB's meaning: type first, sets in any order, deep L/M.
  return a == b;
}

bool is_ordered_type(ValueType type) {
  return type == ValueType::kNumber || type == ValueType::kString || type == ValueType::kBinary;
}

std::optional<std::strong_ordering> order_values(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type || !is_ordered_type(a.type)) {
    return std::nullopt;
  }
  if (a.type == ValueType::kNumber) {
    return a.number <=> b.number;
  }
  return compare_bytes(a.bytes, b.bytes);
}

bool compare_values(Comparator comparator, const AttributeValue* left,
                    const AttributeValue* right) {
  const bool equal = left != nullptr && right != nullptr && values_equal(*left, *right);
  if (comparator == Comparator::kEq) {
    return equal;
  }
  if (comparator == Comparator::kNe) {
    return !equal;  // [Alternator] test_update_condition_ne_two_unset: missing <> missing is true
  }
  if (left == nullptr || right == nullptr) {
    return false;
  }
  const std::optional<std::strong_ordering> order = order_values(*left, *right);
  return order.has_value() && ordered_holds(comparator, *order);
}

uint64_t utf16_length(std::string_view utf8) {
  uint64_t units = 0;
  for (char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) {
      ++units;  // a lead byte starts one code point
    }
    if ((byte & 0xF8) == 0xF0) {
      ++units;  // four-byte sequences are above U+FFFF: a surrogate pair in UTF-16
    }
  }
  return units;
}

std::optional<uint64_t> size_of(const AttributeValue& value) {
  switch (value.type) {
    case ValueType::kString:
      return utf16_length(value.bytes);  // [ExtendDB]; [Local] uses Java's String.length()
    case ValueType::kBinary:
      return value.bytes.size();
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      return value.byte_set.size();
    case ValueType::kNumberSet:
      return value.number_set.size();
    case ValueType::kList:
      return value.list.size();
    case ValueType::kMap:
      return value.map.size();
    case ValueType::kNumber:
    case ValueType::kBool:
    case ValueType::kNull:
      break;
  }
  return std::nullopt;
}

bool begins_with(const AttributeValue* value, const AttributeValue* prefix) {
  if (value == nullptr || prefix == nullptr || value->type != prefix->type) {
    return false;
  }
  if (value->type != ValueType::kString && value->type != ValueType::kBinary) {
    return false;
  }
  return std::string_view(value->bytes).starts_with(prefix->bytes);
}

bool contains(const AttributeValue* haystack, const AttributeValue* needle) {
  if (haystack == nullptr || needle == nullptr) {
    return false;
  }
  switch (haystack->type) {
    case ValueType::kString:
    case ValueType::kBinary:
      return needle->type == haystack->type &&
             haystack->bytes.find(needle->bytes) != std::string::npos;
    case ValueType::kList:
      return std::any_of(
          haystack->list.begin(), haystack->list.end(),
          [&](const AttributeValue& element) { return values_equal(element, *needle); });
    default:
      break;
  }
  const std::optional<ValueType> member_type = element_type(haystack->type);
  return member_type == needle->type && set_has(*haystack, *needle);
}

std::optional<std::string> unsupported_operand_type(const Operand& operand,
                                                    bool (*accepts)(ValueType)) {
  std::optional<ValueType> produced;
  switch (operand.kind) {
    case Operand::Kind::kPath:
    case Operand::Kind::kIfNotExists:
      return std::nullopt;  // any type, known only when evaluated
    case Operand::Kind::kValue:
      produced = operand.value.type;
      break;
    case Operand::Kind::kSize:
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
      produced = ValueType::kNumber;
      break;
    case Operand::Kind::kListAppend:
      produced = ValueType::kList;
      break;
  }
  if (!produced || accepts(*produced)) {
    return std::nullopt;
  }
  return std::string(storage::type_name(*produced));
}

void check_operand_types(Source source, std::string_view operator_name,
                         const std::vector<Operand>& operands, bool (*accepts)(ValueType)) {
  for (const Operand& operand : operands) {
    if (std::optional<std::string> type = unsupported_operand_type(operand, accepts)) {
      throw incorrect_operand_type(source, operator_name, *type);
    }
  }
}

namespace {
bool same_path(const Path& a, const Path& b) {
  if (a.elements.size() != b.elements.size()) {
    return false;
  }
  for (size_t i = 0; i < a.elements.size(); ++i) {
    const PathElement& x = a.elements[i];
    const PathElement& y = b.elements[i];
    const bool same = x.kind == y.kind &&
                      (x.kind == PathElement::Kind::kName ? x.name == y.name : x.index == y.index);
    if (!same) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::optional<std::string> repeated_first_operand(std::string_view operator_name,
                                                  const std::vector<Operand>& operands) {
  if (operands.size() < 2 || operands.front().kind != Operand::Kind::kPath) {
    return std::nullopt;
  }
  for (size_t i = 1; i < operands.size(); ++i) {
    if (operands[i].kind == Operand::Kind::kPath && same_path(operands[0].path, operands[i].path)) {
      return "The first operand must be distinct from the remaining operands for this operator or "
             "function; operator: " +
             std::string(operator_name) + ", first operand: " + format_path(operands[0].path);
    }
  }
  return std::nullopt;
}

std::string describe_value(const AttributeValue& value) {
  std::string text;
  switch (value.type) {
    case ValueType::kString:
      text = value.bytes;
      break;
    case ValueType::kNumber:
      text = value.number.to_string();
      break;
    case ValueType::kBinary:
      text = base64::encode(value.bytes);
      break;
    case ValueType::kBool:
      text = value.boolean ? "true" : "false";
      break;
    case ValueType::kNull:
      text = "true";
      break;
    default:
      break;  // only S, N and B reach BETWEEN's messages: other bounds fail the type check first
  }
  return "AttributeValue: {" + std::string(storage::type_name(value.type)) + ":" + text + "}";
}

std::string_view long_type_name(ValueType type) {
  // DynamoDB Local's DocumentNodeType names, printed by
  // ExpressionValidator.validateAddDeleteAction.
  switch (type) {
    case ValueType::kString:
      return "STRING";
    case ValueType::kNumber:
      return "NUMBER";
    case ValueType::kBinary:
      return "BINARY";
    case ValueType::kBool:
      return "BOOLEAN";
    case ValueType::kNull:
      return "NULL";
    case ValueType::kMap:
      return "MAP";
    case ValueType::kList:
      return "LIST";
    case ValueType::kStringSet:
      return "STRING_SET";
    case ValueType::kNumberSet:
      return "NUMBER_SET";
    case ValueType::kBinarySet:
      return "BINARY_SET";
  }
  return "UNKNOWN";
}

}  // namespace protocol::expr
