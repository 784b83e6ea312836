#pragma once

// The only way protocol/ touches RapidJSON. RapidJSON's default RAPIDJSON_ASSERT is assert(): a
// crash on bad use, or nothing at all under NDEBUG. We make it throw so that a wrong type access
// becomes an internal error instead.
#include <stdexcept>

#ifndef RAPIDJSON_ASSERT
#define RAPIDJSON_ASSERT(x)                                         \
  do {                                                              \
    if (!(x)) throw std::logic_error("rapidjson assertion: " #x);  \
  } while (0)
#endif
#define RAPIDJSON_HAS_STDSTRING 1
// SSE2 is part of x86-64: the writer then copies runs of characters that need no escaping 16 at a
// time (escaping byte by byte was the top symbol of the Query profile), and the reader skips
// whitespace the same way. Every use of RapidJSON includes this header, so all agree.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace protocol {

using JsonValue = rapidjson::Value;
using JsonDocument = rapidjson::Document;
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Deepest JSON nesting accepted in a request body. DynamoDB allows 32 levels of attribute
// nesting; each level is two JSON levels ({"M": {...}}), plus the request's own structure.
constexpr int kMaxJsonDepth = 100;

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
