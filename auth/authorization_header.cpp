#include "auth/authorization_header.h"

#include <utility>

#include "auth/text.h"

namespace auth {
namespace {

constexpr std::string_view kAws4Prefix = "AWS4-";

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

// AWS ignores spaces between the pairs ("Credential=a, SignedHeaders=b"), so, like dynalite's
// model of it, everything after the algorithm is read with spaces removed.
std::string pairs_text(std::string_view header) {
  const auto space = header.find(' ');
  if (space == std::string_view::npos) {
    return {};
  }
  std::string text(header.substr(space + 1));
  std::erase(text, ' ');
  return text;
}

// Stores one "key=value" piece; later duplicates win. Unknown keys are ignored, as AWS does.
void store_pair(std::string_view key, std::string_view value, AuthorizationHeader& header) {
  if (key == "Credential") {
    header.credential = value;
  } else if (key == "SignedHeaders") {
    header.signed_headers_text = value;
  } else if (key == "Signature") {
    header.signature = value;
  }
}

void note_missing_parts(AuthorizationParse& parse) {
  parse.missing_credential = parse.header.credential.empty();
  parse.missing_signature = parse.header.signature.empty();
  parse.missing_signed_headers = parse.header.signed_headers_text.empty();
  if (parse.missing_credential || parse.missing_signature || parse.missing_signed_headers) {
    parse.status = AuthorizationStatus::missing_parts;
  }
}

}  // namespace

AuthorizationParse parse_authorization_header(std::string_view value) {
  AuthorizationParse parse;
  const auto header = trim(value, " \t");
  if (!header.starts_with(kAws4Prefix)) {
    return parse;
  }
  parse.status = AuthorizationStatus::ok;
  parse.header.algorithm = header.substr(0, header.find(' '));
  for (const auto& piece : split(pairs_text(header), ',')) {
    const auto pair = trim(piece, " \t");
    if (pair.empty()) {
      continue;
    }
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) {
      if (parse.status == AuthorizationStatus::ok) {
        parse.status = AuthorizationStatus::malformed_pair;
        parse.malformed_pair = pair;
      }
      continue;
    }
    store_pair(pair.substr(0, equals), pair.substr(equals + 1), parse.header);
  }
  if (!parse.header.signed_headers_text.empty()) {
    parse.header.signed_headers = split(parse.header.signed_headers_text, ';');
  }
  parse.header.scope = parse_credential_scope(parse.header.credential);
  if (parse.status == AuthorizationStatus::ok) {
    note_missing_parts(parse);
  }
  return parse;
}

std::optional<CredentialScope> parse_credential_scope(std::string_view credential) {
  while (credential.ends_with('/')) {
    credential.remove_suffix(1);
  }
  auto parts = split(credential, '/');
  if (credential.empty() || parts.size() != 5) {
    return std::nullopt;
  }
  return CredentialScope{std::move(parts[0]), std::move(parts[1]), std::move(parts[2]),
                         std::move(parts[3]), std::move(parts[4])};
}

std::optional<std::string> incomplete_signature_message(const AuthorizationParse& parse,
                                                        bool has_date_header,
                                                        std::string_view header_value) {
  if (parse.status == AuthorizationStatus::malformed_pair) {
    return "'" + parse.malformed_pair +
           "' not a valid key=value pair (missing equal-sign) in Authorization header: '" +
           std::string(header_value) + "'.";
  }
  // Texts and order as AWS sends them (dynalite's index.js records them from real responses).
  std::string message;
  if (parse.missing_credential) {
    message += "Authorization header requires 'Credential' parameter. ";
  }
  if (parse.missing_signature) {
    message += "Authorization header requires 'Signature' parameter. ";
  }
  if (parse.missing_signed_headers) {
    message += "Authorization header requires 'SignedHeaders' parameter. ";
  }
  if (!has_date_header) {
    message +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
        "header. ";
  }
  if (message.empty()) {
    return std::nullopt;
  }
  return message + "Authorization=" + std::string(header_value);
}

std::string credential_scope_message(std::string_view credential) {
  return "Credential must have exactly 5 slash-delimited elements, e.g. "
         "keyid/date/region/service/term, got '" +
         std::string(credential) + "'";
}

}  // namespace auth
