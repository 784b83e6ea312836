#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth {

// The scope part of a SigV4 credential: "AKID/20250101/us-east-1/dynamodb/aws4_request".
struct CredentialScope {
  std::string access_key_id;
  std::string date;  // YYYYMMDD
  std::string region;
  std::string service;
  std::string terminator;  // "aws4_request" when well formed
};

// The pieces of `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.
// Nothing here is verified: later checks (algorithm, scope, date, signature) use these fields.
struct AuthorizationHeader {
  std::string algorithm;   // text before the first space, e.g. "AWS4-HMAC-SHA256"
  std::string credential;  // the raw Credential value
  // Set when Credential has exactly 5 slash-delimited elements (trailing slashes ignored, as AWS
  // does); AWS reports a malformed scope only after its date and Host checks, so parsing the
  // header does not fail on it.
  std::optional<CredentialScope> scope;
  std::string signed_headers_text;          // the raw SignedHeaders value, e.g. "host;x-amz-date"
  std::vector<std::string> signed_headers;  // that value split on ';'
  std::string signature;                    // hex, as sent
};

// Why a header could not be used, in the order AWS checks.
enum class AuthorizationStatus {
  ok,
  not_aws4,        // does not start with "AWS4-": AWS answers as if there were no header at all
  malformed_pair,  // a comma-separated piece without '=' (reported before missing pieces)
  missing_parts,   // Credential, Signature or SignedHeaders absent or empty
};

struct AuthorizationParse {
  AuthorizationStatus status = AuthorizationStatus::not_aws4;
  AuthorizationHeader header;  // complete when status is ok; whatever was found otherwise
  std::string malformed_pair;  // the first piece without '=' (status malformed_pair)
  bool missing_credential = false;
  bool missing_signature = false;
  bool missing_signed_headers = false;
};

// Parses an Authorization header value the way AWS splits it: the algorithm up to the first
// space, then comma-separated key=value pairs with spaces ignored. Never throws on bad input.
AuthorizationParse parse_authorization_header(std::string_view value);

// Splits a Credential value into its scope; nullopt unless it has exactly 5 elements.
std::optional<CredentialScope> parse_credential_scope(std::string_view credential);

// AWS's IncompleteSignatureException message for a header whose parse is not ok (or which is ok
// but whose request has neither an X-Amz-Date nor a Date header), or nullopt if nothing is
// missing. `header_value` is the Authorization value as received (AWS quotes it back).
// Precondition: parse.status != not_aws4 (that case is MissingAuthenticationToken instead).
std::optional<std::string> incomplete_signature_message(const AuthorizationParse& parse,
                                                        bool has_date_header,
                                                        std::string_view header_value);

// AWS's message for a Credential that parse_credential_scope rejects.
std::string credential_scope_message(std::string_view credential);

}  // namespace auth
