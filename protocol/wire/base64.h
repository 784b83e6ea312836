#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace protocol::base64 {

std::string encode(std::string_view bytes);

// Why DynamoDB's deserializer refused a Blob, in its own words (see fields.cpp).
enum class DecodeProblem { kNone, kLength, kCharacter, kLastCharacter };

// Strict standard base64 with padding, as DynamoDB's deserializer accepts it.
DecodeProblem decode(std::string_view text, std::string& out, char& bad_char);

}  // namespace protocol::base64
