#include "storage/value.h"

#include <algorithm>
#include <utility>

namespace storage {

namespace {

// Set equality: same size and the same elements in any order. DynamoDB rejects duplicate set
// elements on input, but comparing sorted copies stays correct even if duplicates slipped in.
template <typename T>
bool same_elements(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  std::vector<T> sorted_a = a;
  std::vector<T> sorted_b = b;
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  return sorted_a == sorted_b;
}

}  // namespace

std::string_view type_name(ValueType type) {
  switch (type) {
    case ValueType::kString:
      return "S";
    case ValueType::kNumber:
      return "N";
    case ValueType::kBinary:
      return "B";
    case ValueType::kBool:
      return "BOOL";
    case ValueType::kNull:
      return "NULL";
    case ValueType::kMap:
      return "M";
    case ValueType::kList:
      return "L";
    case ValueType::kStringSet:
      return "SS";
    case ValueType::kNumberSet:
      return "NS";
    case ValueType::kBinarySet:
      return "BS";
  }
  return "?";
}

AttributeValue AttributeValue::string(std::string s) {
  AttributeValue v;
  v.type = ValueType::kString;
  v.bytes = std::move(s);
  return v;
}

AttributeValue AttributeValue::binary(std::string b) {
  AttributeValue v;
  v.type = ValueType::kBinary;
  v.bytes = std::move(b);
  return v;
}

AttributeValue AttributeValue::num(Number n) {
  AttributeValue v;
  v.type = ValueType::kNumber;
  v.number = std::move(n);
  return v;
}

AttributeValue AttributeValue::boolean_value(bool b) {
  AttributeValue v;
  v.type = ValueType::kBool;
  v.boolean = b;
  return v;
}

AttributeValue AttributeValue::null() {
  AttributeValue v;
  v.type = ValueType::kNull;
  v.boolean = true;  // DynamoDB's NULL is always {"NULL": true}
  return v;
}

AttributeValue AttributeValue::list_of(std::vector<AttributeValue> elements) {
  AttributeValue v;
  v.type = ValueType::kList;
  v.list = std::move(elements);
  return v;
}

AttributeValue AttributeValue::map_of(AttributeMap members) {
  AttributeValue v;
  v.type = ValueType::kMap;
  v.map = std::move(members);
  return v;
}

AttributeValue AttributeValue::string_set(std::vector<std::string> elements) {
  AttributeValue v;
  v.type = ValueType::kStringSet;
  v.byte_set = std::move(elements);
  return v;
}

AttributeValue AttributeValue::binary_set(std::vector<std::string> elements) {
  AttributeValue v;
  v.type = ValueType::kBinarySet;
  v.byte_set = std::move(elements);
  return v;
}

AttributeValue AttributeValue::number_set_of(std::vector<Number> elements) {
  AttributeValue v;
  v.type = ValueType::kNumberSet;
  v.number_set = std::move(elements);
  return v;
}

// Only the members that belong to the type are compared, so a stale member left over from
// another type (the struct is not a union) never makes two equal values unequal.
bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) {
    return false;
  }
  switch (a.type) {
    case ValueType::kString:
    case ValueType::kBinary:
      return a.bytes == b.bytes;
    case ValueType::kNumber:
      return a.number == b.number;
    case ValueType::kBool:
      return a.boolean == b.boolean;
    case ValueType::kNull:
      return true;
    case ValueType::kMap:
      return a.map == b.map;
    case ValueType::kList:
      return a.list == b.list;
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      return same_elements(a.byte_set, b.byte_set);
    case ValueType::kNumberSet:
      return same_elements(a.number_set, b.number_set);
  }
  return false;
}

}  // namespace storage
