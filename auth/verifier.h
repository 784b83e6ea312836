#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/access_rules.h"
#include "auth/clock.h"
#include "auth/credentials.h"
#include "auth/signing_key_cache.h"

namespace auth {

struct HeaderField {
  std::string_view name;  // any case
  std::string_view value;
};

// What verification needs of an HTTP request; views into the caller's request, which must
// outlive the call.
struct SignedRequest {
  std::string_view method;           // "POST"
  std::string_view path;             // the target before '?', as sent (percent-encoded)
  std::string_view query;            // the target after '?', as sent; empty without one
  std::vector<HeaderField> headers;  // every header, in the order received
  std::string_view payload;          // the body bytes
};

// The AWS error a failed verification maps to (protocol turns it into its ApiError).
enum class FailureKind {
  missing_authentication_token,
  incomplete_signature,
  invalid_signature,
  unrecognized_client,
};

struct AuthFailure {
  FailureKind kind;
  std::string message;
};

// Who signed a verified request. `rules` points into the CredentialStore.
struct Principal {
  std::string access_key_id;
  const AccessRules* rules = nullptr;
};

struct VerifierOptions {
  std::string region = "us-east-1";
  std::string service = "dynamodb";
  Clock clock = system_now;
  size_t key_cache_capacity = 1024;
};

// How far a request's date may be from now, either way, before AWS rejects it.
inline constexpr std::chrono::minutes kMaxClockSkew{15};

// The exact text AWS sends when the signatures differ; the canonical request and the string to
// sign follow it (see signature_mismatch_message).
inline constexpr std::string_view kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

// Whether a query string (without '?') carries presigned SigV4 authentication: an
// X-Amz-Algorithm parameter, its name percent-decoded.
bool has_presigned_query(std::string_view query);

// Verifies AWS Signature Version 4, from the Authorization header or from a presigned query
// string (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature),
// in AWS's order: missing or incomplete signature, credential scope and date, clock skew, unknown
// access key, then the signature itself (compared in constant time). Thread-safe.
class Verifier {
 public:
  // `store` must outlive the verifier.
  Verifier(const CredentialStore& store, VerifierOptions options);

  std::variant<Principal, AuthFailure> verify(const SignedRequest& request) const;

 private:
  struct Claim;

  std::variant<Principal, AuthFailure> verify_header(const SignedRequest& request,
                                                     std::string_view header) const;
  std::variant<Principal, AuthFailure> verify_presigned(const SignedRequest& request) const;
  std::variant<Principal, AuthFailure> verify_claim(const SignedRequest& request,
                                                    const Claim& claim) const;

  const CredentialStore& store_;
  VerifierOptions options_;
  mutable SigningKeyCache keys_;
};

// AWS's mismatch message with the canonical request and string to sign it expected.
std::string signature_mismatch_message(std::string_view canonical_request,
                                       std::string_view string_to_sign);

}  // namespace auth
