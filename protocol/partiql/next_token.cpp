#include "protocol/partiql/next_token.h"

#include <charconv>
#include <cstdint>

#include "protocol/error.h"
#include "protocol/wire/base64.h"
#include "protocol/wire/json.h"
#include "protocol/wire/value_json.h"

namespace protocol::partiql {

namespace {

// Lines of the token before base64: version, the statement's fingerprint, the partition, the
// start key as DynamoDB JSON (empty when none).
constexpr std::string_view kVersion = "1";

std::string fingerprint(std::string_view statement) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a: telling statements apart, not a secret
  for (unsigned char c : statement) {
    hash = (hash ^ c) * 1099511628211ull;
  }
  return std::to_string(hash);
}

[[noreturn]] void invalid() { throw ApiError::validation("Invalid NextToken"); }

std::string_view next_line(std::string_view& rest) {
  size_t end = rest.find('\n');
  if (end == std::string_view::npos) {
    invalid();
  }
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return line;
}

}  // namespace

std::string write_next_token(const NextToken& token, std::string_view statement) {
  std::string text = std::string(kVersion) + "\n" + fingerprint(statement) + "\n" +
                     std::to_string(token.partition) + "\n";
  if (token.start_key) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    write_attribute_map(w, *token.start_key);
    text.append(buffer.GetString(), buffer.GetSize());
  }
  return base64::encode(text);
}

NextToken read_next_token(std::string_view text, std::string_view statement) {
  std::string decoded;
  char bad = 0;
  if (base64::decode(text, decoded, bad) != base64::DecodeProblem::kNone) {
    invalid();
  }
  std::string_view rest = decoded;
  if (next_line(rest) != kVersion) {
    invalid();
  }
  if (next_line(rest) != fingerprint(statement)) {
    throw ApiError::validation("NextToken does not match request");
  }
  NextToken token;
  std::string_view partition = next_line(rest);
  auto [end, ec] =
      std::from_chars(partition.data(), partition.data() + partition.size(), token.partition);
  if (ec != std::errc() || end != partition.data() + partition.size()) {
    invalid();
  }
  if (!rest.empty()) {
    JsonDocument doc;
    try {
      parse_request(std::string(rest), doc);
      token.start_key = parse_attribute_map(doc);
    } catch (const ApiError&) {
      invalid();
    }
  }
  return token;
}

}  // namespace protocol::partiql
