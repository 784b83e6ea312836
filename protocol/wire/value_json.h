#pragma once

#include <string>

#include "protocol/wire/json.h"
#include "storage/value.h"

namespace protocol {

// DynamoDB's documented nesting limit for M and L values.
constexpr int kMaxAttributeNesting = 32;

// JSON AttributeValue ({"S": "x"}, {"N": "1"}, ...) -> typed value. Throws ApiError with DynamoDB's
// SerializationException (wrong JSON types) or ValidationException (empty sets, duplicates, bad
// numbers, several or no types) texts.
storage::AttributeValue parse_attribute_value(const JsonValue& json, int depth = 0);

// A JSON object of attribute name -> AttributeValue (an Item or a Key).
storage::Item parse_attribute_map(const JsonValue& json);

void write_attribute_value(JsonWriter& w, const storage::AttributeValue& value);
void write_attribute_map(JsonWriter& w, const storage::AttributeMap& map);

}  // namespace protocol
