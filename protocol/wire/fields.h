#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/wire/json.h"

namespace protocol {

// Typed access to the members of a request object. A member of the wrong JSON type is refused
// with the SerializationException text of DynamoDB's deserializer; an absent or null member is
// "not given". Unknown members are ignored, as DynamoDB does.
class Fields {
 public:
  explicit Fields(const JsonValue& object) : object_(object) {}

  // Raw member, null when absent or JSON null.
  const JsonValue* raw(std::string_view name) const;
  std::optional<std::string_view> string(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  std::optional<int64_t> integer(std::string_view name) const;
  const JsonValue* list(std::string_view name) const;       // a JSON array
  const JsonValue* structure(std::string_view name) const;  // a JSON object with known members
  const JsonValue* map(std::string_view name) const;        // a JSON object with any keys

 private:
  const JsonValue& object_;
};

// The same checks for a value that is not a named member (list elements, map values).
std::string_view expect_string(const JsonValue& value);
bool expect_boolean(const JsonValue& value);
const JsonValue& expect_list(const JsonValue& value);
const JsonValue& expect_structure(const JsonValue& value);
const JsonValue& expect_map(const JsonValue& value);
// A base64 Blob, decoded.
std::string expect_blob(const JsonValue& value);

// Collects constraint violations the way DynamoDB reports them:
// "2 validation errors detected: Value 'x' at 'tableName' failed to satisfy constraint: ...; ..."
// (at most 10 are reported).
class Violations {
 public:
  // `value` is the offending value as DynamoDB prints it; nullopt prints as null.
  void add(std::optional<std::string_view> value, std::string_view path,
           std::string_view constraint);
  bool empty() const { return count_ == 0; }
  // Throws ValidationException listing what was collected, if anything.
  void raise_if_any() const;

 private:
  int count_ = 0;
  std::string text_;
};

// DynamoDB refuses a request without its required TableName before any other check.
std::string_view require_table_name(const Fields& f);

// Adds the usual violations of a table or index name (length 3..255, pattern [a-zA-Z0-9_.-]+).
void check_table_name(Violations& violations, std::optional<std::string_view> name,
                      std::string_view path, bool required);

}  // namespace protocol
