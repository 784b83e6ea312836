#pragma once

// AWS Signature Version 4, written to the AWS SigV4 test suite's steps (canonical request, string
// to sign, key chain, signature): the primitives verifier.cpp checks requests with, and the Signer
// the benchmark and the tests sign with. OpenSSL and the standard library only.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace auth {

using Digest = std::array<uint8_t, 32>;

Digest sha256(std::string_view data);
Digest hmac_sha256(std::span<const uint8_t> key, std::string_view data);
std::string hex(std::span<const uint8_t> bytes);  // lowercase

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, everything else becomes
// %XX (uppercase); '/' stays when `encode_slash` is false (paths).
std::string uri_encode(std::string_view text, bool encode_slash);

// ASCII letters lowercased (header names; the locale plays no part).
std::string lowercase(std::string_view text);

// Undoes %XX escapes (a malformed escape stays as it is), so that re-encoding gives one form.
std::string uri_decode(std::string_view text);

// "20150830T123600Z" for `time` (UTC). Dates from the wire are whole seconds (sys_seconds), whose
// range covers every year a client can write; system_clock's nanoseconds end in 2262.
std::string amz_date(std::chrono::sys_seconds time);
std::string amz_date(std::chrono::system_clock::time_point time);

// The instant an ISO-8601 basic-format date names ("20150830T123600Z"), or nullopt if `text` is
// not exactly that shape (digits only, no blanks) or not a real date and time.
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text);

// The instant an HTTP Date header names ("Sun, 30 Aug 2015 12:36:00 GMT"), or nullopt.
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text);

struct Header {
  std::string name;  // any case: the canonical form lowercases it
  std::string value;
};

// What a request contributes to its canonical form. `path` and `query` are as sent on the wire
// (already percent-encoded); they are normalised the way non-S3 services do.
struct RequestToSign {
  std::string_view method;
  std::string_view path;
  std::string_view query;       // without '?'
  std::vector<Header> headers;  // every header to sign, Host and X-Amz-Date included
  std::string_view payload_hash_hex;
};

struct CanonicalRequest {
  std::string text;
  std::string signed_headers;  // "content-type;host;x-amz-date"
};

// The canonical request: method, canonical URI, sorted canonical query, lowercased and sorted
// headers with trimmed values (inner runs of spaces collapsed, repeated names joined by ','), the
// signed header list and the payload hash, joined by '\n'.
CanonicalRequest canonical_request(const RequestToSign& request);

// "20150830/us-east-1/service/aws4_request"
std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service);

// "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>"
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request_text);

// HMAC chain "AWS4"+secret -> date -> region -> service -> "aws4_request".
Digest signing_key(std::string_view secret_access_key, std::string_view date,
                   std::string_view region, std::string_view service);

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  std::string service;
};

// Signs requests with one set of credentials, keeping the derived signing key for the current
// date (it changes once a day, so deriving it per request would waste four HMACs).
class Signer {
 public:
  explicit Signer(Credentials credentials);

  // The Authorization header value for `request`, whose headers must include X-Amz-Date with
  // the value `amz_date_value`.
  std::string authorization(const RequestToSign& request, std::string_view amz_date_value);

  const Credentials& credentials() const { return credentials_; }

 private:
  const Digest& key_for(std::string_view date);

  Credentials credentials_;
  std::string key_date_;
  Digest key_{};
};

}  // namespace auth
