#pragma once

// The only way protocol/ touches RapidJSON. RapidJSON's default RAPIDJSON_ASSERT is assert(): a
// crash on bad use, or nothing at all under NDEBUG. We make it throw so that a wrong type access
// becomes an internal error instead.
#include <stdexcept>

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x)                                       \
  do {                                                            \
    if (!(x)) throw std::logic_error("rapidjson assertion: " #x); \
  } while (0)
#endif
#define RAPIDJSON_HAS_STDSTRING 1
// Not RAPIDJSON_SSE2: in RapidJSON 1.1.0 its string writer lets control characters 0x1A-0x1F
// through unescaped (JsonWriter below escapes fast and correctly instead).
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace protocol {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
// RapidJSON's writer with its own string escaping: runs of characters that need no escape are
// copied at once, where RapidJSON handles a byte at a time (the top symbol of the Query
// profile). Output is byte for byte what RapidJSON writes. String and Key hide the base's.
class JsonWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Base = rapidjson::Writer<rapidjson::StringBuffer>;
  using Base::Base;

  bool String(const char* str, rapidjson::SizeType length, bool /*copy*/ = false) {
    Prefix(rapidjson::kStringType);
    write_escaped(str, length);
    return EndValue(true);
  }
  bool String(const std::string& str) {
    return String(str.data(), static_cast<rapidjson::SizeType>(str.size()));
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy = false) {
    return String(str, length, copy);
  }
  bool Key(const std::string& str) { return String(str); }

 private:
  void write_escaped(const char* str, size_t length);
};

// Deepest JSON nesting accepted in a request body. DynamoDB allows 32 levels of attribute
// nesting (two JSON levels each, {"M": {...}}), but refuses a deeper value with its own
// ValidationException ("Nesting Levels have exceeded supported limits"), which it also gives for
// a PartiQL parameter nested 100 levels (AWS, dynamodb-conformance partiqlParameterNumbers): its
// JSON reader goes far deeper. 1000 (Jackson's default bound) keeps every later recursive walk
// over the tree a few hundred kilobytes of stack at most.
constexpr int kMaxJsonDepth = 1000;

// Parses a request body. Throws ApiError SerializationException when it is not valid JSON, is too
// deep, or is not an object.
void parse_request(const std::string& body, JsonDocument& doc);

inline std::string_view view_of(const JsonValue& value) {
  return {value.GetString(), value.GetStringLength()};
}

inline void write_key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

inline void write_string(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

}  // namespace protocol
