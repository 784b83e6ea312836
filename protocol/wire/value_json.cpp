#include "protocol/wire/value_json.h"

#include <algorithm>
#include <set>

#include "protocol/error.h"
#include "protocol/wire/base64.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/number_errors.h"

namespace protocol {

namespace {

using storage::AttributeValue;
using storage::Number;
using storage::ValueType;

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

[[noreturn]] void invalid(const std::string& message) { throw ApiError::validation(message); }

std::string joined(const std::vector<std::string>& elements) {
  std::string text = "[";
  for (size_t i = 0; i < elements.size(); ++i) {
    text += (i > 0 ? ", " : "") + elements[i];
  }
  return text + "]";
}

AttributeValue parse_string_set(const JsonValue& json) {
  const JsonValue& list = expect_list(json);
  std::vector<std::string> elements;
  elements.reserve(list.Size());
  for (const auto& element : list.GetArray()) {
    elements.emplace_back(expect_string(element));
  }
  if (elements.empty()) {
    invalid(std::string(kInvalid) + "An string set  may not be empty");
  }
  std::set<std::string_view> seen(elements.begin(), elements.end());
  if (seen.size() != elements.size()) {
    invalid(std::string(kInvalid) + "Input collection " + joined(elements) +
            " contains duplicates.");
  }
  return AttributeValue::string_set(std::move(elements));
}

AttributeValue parse_binary_set(const JsonValue& json) {
  const JsonValue& list = expect_list(json);
  std::vector<std::string> elements;
  std::vector<std::string> texts;
  for (const auto& element : list.GetArray()) {
    elements.push_back(expect_blob(element));
    texts.emplace_back(view_of(element));
  }
  if (elements.empty()) {
    invalid(std::string(kInvalid) + "Binary sets should not be empty");
  }
  std::set<std::string_view> seen(elements.begin(), elements.end());
  if (seen.size() != elements.size()) {
    invalid(std::string(kInvalid) + "Input collection " + joined(texts) +
            "of type BS contains duplicates.");
  }
  return AttributeValue::binary_set(std::move(elements));
}

AttributeValue parse_number_set(const JsonValue& json) {
  const JsonValue& list = expect_list(json);
  std::vector<Number> elements;
  for (const auto& element : list.GetArray()) {
    elements.push_back(parse_number(expect_string(element)));
  }
  if (elements.empty()) {
    invalid(std::string(kInvalid) + "An number set  may not be empty");
  }
  std::vector<Number> sorted = elements;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    invalid("Input collection contains duplicates");
  }
  return AttributeValue::number_set_of(std::move(elements));
}

AttributeValue parse_list(const JsonValue& json, int depth) {
  const JsonValue& list = expect_list(json);
  std::vector<AttributeValue> elements;
  elements.reserve(list.Size());
  for (const auto& element : list.GetArray()) {
    elements.push_back(parse_attribute_value(element, depth + 1));
  }
  return AttributeValue::list_of(std::move(elements));
}

AttributeValue parse_map(const JsonValue& json, int depth) {
  const JsonValue& map = expect_map(json);
  storage::AttributeMap members;
  for (const auto& member : map.GetObject()) {
    members.insert_or_assign(std::string(view_of(member.name)),
                             parse_attribute_value(member.value, depth + 1));
  }
  return AttributeValue::map_of(std::move(members));
}

AttributeValue parse_one(std::string_view type, const JsonValue& json, int depth) {
  if (type == "S") {
    return AttributeValue::string(std::string(expect_string(json)));
  }
  if (type == "N") {
    return AttributeValue::num(parse_number(expect_string(json)));
  }
  if (type == "B") {
    return AttributeValue::binary(expect_blob(json));
  }
  if (type == "BOOL") {
    return AttributeValue::boolean_value(expect_boolean(json));
  }
  if (type == "NULL") {
    if (!expect_boolean(json)) {
      invalid(std::string(kInvalid) + "Null attribute value types must have the value of true");
    }
    return AttributeValue::null();
  }
  if (type == "SS") {
    return parse_string_set(json);
  }
  if (type == "NS") {
    return parse_number_set(json);
  }
  if (type == "BS") {
    return parse_binary_set(json);
  }
  if (type == "L") {
    return parse_list(json, depth);
  }
  return parse_map(json, depth);
}

bool is_type_name(std::string_view name) {
  static constexpr std::string_view kNames[] = {"S", "N", "B",  "BOOL", "NULL",
                                                "M", "L", "SS", "NS",   "BS"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

void write_number(JsonWriter& w, const Number& n) { write_string(w, n.to_string()); }

}  // namespace

AttributeValue parse_attribute_value(const JsonValue& json, int depth) {
  const JsonValue& object = expect_structure(json);
  // depth counts the containers around this value; a value at level 33 (32 around it) is out.
  if (depth >= kMaxAttributeNesting) {
    invalid(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
        "levels beyond supported limit");
  }
  std::optional<AttributeValue> result;
  int types = 0;
  for (const auto& member : object.GetObject()) {
    std::string_view name = view_of(member.name);
    if (!is_type_name(name) || member.value.IsNull()) {
      continue;  // unknown members are ignored by DynamoDB's deserializer
    }
    ++types;
    AttributeValue value = parse_one(name, member.value, depth);
    if (!result) {
      result = std::move(value);
    }
  }
  if (types == 0) {
    invalid(
        "Supplied AttributeValue is empty, must contain exactly one of the supported "
        "datatypes");
  }
  if (types > 1) {
    invalid(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
        "of the supported datatypes");
  }
  return std::move(*result);
}

storage::Item parse_attribute_map(const JsonValue& json) {
  const JsonValue& map = expect_map(json);
  storage::Item item;
  for (const auto& member : map.GetObject()) {
    item.insert_or_assign(std::string(view_of(member.name)), parse_attribute_value(member.value));
  }
  return item;
}

void write_attribute_value(JsonWriter& w, const AttributeValue& value) {
  w.StartObject();
  write_key(w, storage::type_name(value.type));
  switch (value.type) {
    case ValueType::kString:
      write_string(w, value.bytes);
      break;
    case ValueType::kNumber:
      write_number(w, value.number);
      break;
    case ValueType::kBinary:
      write_string(w, base64::encode(value.bytes));
      break;
    case ValueType::kBool:
      w.Bool(value.boolean);
      break;
    case ValueType::kNull:
      w.Bool(true);
      break;
    case ValueType::kMap:
      write_attribute_map(w, value.map);
      break;
    case ValueType::kList:
      w.StartArray();
      for (const auto& element : value.list) {
        write_attribute_value(w, element);
      }
      w.EndArray();
      break;
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      w.StartArray();
      for (const auto& element : value.byte_set) {
        write_string(w, value.type == ValueType::kStringSet ? element : base64::encode(element));
      }
      w.EndArray();
      break;
    case ValueType::kNumberSet:
      w.StartArray();
      for (const auto& element : value.number_set) {
        write_number(w, element);
      }
      w.EndArray();
      break;
  }
  w.EndObject();
}

void write_attribute_map(JsonWriter& w, const storage::AttributeMap& map) {
  w.StartObject();
  for (const auto& [name, value] : map) {
    write_key(w, name);
    write_attribute_value(w, value);
  }
  w.EndObject();
}

}  // namespace protocol
