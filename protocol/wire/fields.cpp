#include "protocol/wire/fields.h"

#include <cmath>

#include "protocol/error.h"
#include "protocol/wire/base64.h"

namespace protocol {

namespace {

// DynamoDB's deserializer is Java (Coral); these are its words, grammar included.
constexpr const char* kNumberClass =
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

[[noreturn]] void type_error(std::string message) {
  throw ApiError::serialization(std::move(message));
}

[[noreturn]] void container_error(const JsonValue& value) {
  if (value.IsArray()) {
    type_error("Start of list found where not expected");
  }
  type_error("Start of structure or map found where not expected.");
}

std::string scalar_class(const JsonValue& value) {
  return value.IsBool() ? "class java.lang.Boolean" : kNumberClass;
}

}  // namespace

std::string_view expect_string(const JsonValue& value) {
  if (value.IsString()) {
    return view_of(value);
  }
  if (value.IsObject() || value.IsArray()) {
    container_error(value);
  }
  type_error(scalar_class(value) + " can not be converted to an String");
}

bool expect_boolean(const JsonValue& value) {
  if (value.IsBool()) {
    return value.GetBool();
  }
  if (value.IsObject() || value.IsArray()) {
    container_error(value);
  }
  if (value.IsNumber()) {
    type_error(std::string(kNumberClass) + " can not be converted to an Boolean");
  }
  std::string text(view_of(value));
  for (auto& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (text == "TRUE" || text == "1" || text == "YES") {
    return true;
  }
  if (text == "FALSE" || text == "0" || text == "NO") {
    return false;
  }
  type_error("'" + text + "' can not be converted to an Boolean");
}

const JsonValue& expect_list(const JsonValue& value) {
  if (value.IsArray()) {
    return value;
  }
  if (value.IsObject()) {
    container_error(value);
  }
  type_error("Expected list or null");
}

const JsonValue& expect_structure(const JsonValue& value) {
  if (value.IsObject()) {
    return value;
  }
  if (value.IsArray()) {
    container_error(value);
  }
  type_error("Expected null");
}

const JsonValue& expect_map(const JsonValue& value) {
  if (value.IsObject()) {
    return value;
  }
  if (value.IsArray()) {
    container_error(value);
  }
  type_error("Expected map or null");
}

std::string expect_blob(const JsonValue& value) {
  if (value.IsObject() || value.IsArray()) {
    container_error(value);
  }
  if (!value.IsString()) {
    type_error(scalar_class(value) + " can not be converted to a Blob");
  }
  std::string_view text = view_of(value);
  std::string bytes;
  char bad = 0;
  std::string prefix = "'" + std::string(text) + "' can not be converted to a Blob: ";
  switch (base64::decode(text, bytes, bad)) {
    case base64::DecodeProblem::kNone:
      return bytes;
    case base64::DecodeProblem::kLength:
      type_error(prefix + "Base64 encoded length is expected a multiple of 4 bytes but found: " +
                 std::to_string(text.size()));
    case base64::DecodeProblem::kCharacter:
      type_error(prefix + "Invalid Base64 character: '" + std::string(1, bad) + "'");
    case base64::DecodeProblem::kLastCharacter:
      type_error(prefix + "Invalid last non-pad Base64 character dectected");
  }
  return bytes;
}

const JsonValue* Fields::raw(std::string_view name) const {
  auto it = object_.FindMember(
      JsonValue(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it == object_.MemberEnd() || it->value.IsNull()) {
    return nullptr;
  }
  return &it->value;
}

std::optional<std::string_view> Fields::string(std::string_view name) const {
  const JsonValue* value = raw(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  return expect_string(*value);
}

std::optional<bool> Fields::boolean(std::string_view name) const {
  const JsonValue* value = raw(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  return expect_boolean(*value);
}

std::optional<int64_t> Fields::integer(std::string_view name) const {
  const JsonValue* value = raw(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->IsObject() || value->IsArray()) {
    container_error(*value);
  }
  if (value->IsBool()) {
    type_error("class java.lang.Boolean can not be converted to an Long");
  }
  if (value->IsString()) {
    type_error("class java.lang.String can not be converted to an Long");
  }
  if (value->IsInt64()) {
    return value->GetInt64();
  }
  if (value->IsUint64()) {
    return INT64_MAX;
  }
  double d = std::floor(value->GetDouble());
  if (d >= 9.2e18) {
    return INT64_MAX;
  }
  if (d <= -9.2e18) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(d);
}

const JsonValue* Fields::list(std::string_view name) const {
  const JsonValue* value = raw(name);
  return value == nullptr ? nullptr : &expect_list(*value);
}

const JsonValue* Fields::structure(std::string_view name) const {
  const JsonValue* value = raw(name);
  return value == nullptr ? nullptr : &expect_structure(*value);
}

const JsonValue* Fields::map(std::string_view name) const {
  const JsonValue* value = raw(name);
  return value == nullptr ? nullptr : &expect_map(*value);
}

void Violations::add(std::optional<std::string_view> value, std::string_view path,
                     std::string_view constraint) {
  if (++count_ > 10) {
    return;
  }
  if (!text_.empty()) {
    text_ += "; ";
  }
  text_ += "Value ";
  text_ += value ? "'" + std::string(*value) + "'" : std::string("null");
  text_ += " at '";
  text_ += path;
  text_ += "' failed to satisfy constraint: ";
  text_ += constraint;
}

void Violations::raise_if_any() const {
  if (count_ == 0) {
    return;
  }
  int shown = count_ > 10 ? 10 : count_;
  throw ApiError::validation(std::to_string(shown) + " validation error" + (shown > 1 ? "s" : "") +
                             " detected: " + text_);
}

std::string_view require_table_name(const Fields& f) {
  auto name = f.string("TableName");
  if (!name) {
    throw ApiError::validation(
        "The parameter 'TableName' is required but was not present in the request");
  }
  return *name;
}

void check_table_name(Violations& violations, std::optional<std::string_view> name,
                      std::string_view path, bool required) {
  if (!name) {
    if (required) {
      violations.add(std::nullopt, path, "Member must not be null");
    }
    return;
  }
  bool pattern_ok = !name->empty();
  for (char c : *name) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    pattern_ok = pattern_ok && ok;
  }
  if (!pattern_ok) {
    violations.add(name, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  if (name->size() < 3) {
    violations.add(name, path, "Member must have length greater than or equal to 3");
  }
  if (name->size() > 255) {
    violations.add(name, path, "Member must have length less than or equal to 255");
  }
}

}  // namespace protocol
