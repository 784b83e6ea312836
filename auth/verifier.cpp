#include "auth/verifier.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include <openssl/crypto.h>

#include "auth/authorization_header.h"
#include "auth/sigv4.h"

namespace auth {

// What a request claims, from its Authorization header or its presigned query string.
struct Verifier::Claim {
  std::string algorithm;
  std::string credential;
  std::optional<CredentialScope> scope;
  std::vector<std::string> signed_headers;
  std::string signature;
  std::string date_text;              // X-Amz-Date (header or query), else the Date header
  bool http_date = false;             // date_text is an HTTP Date header
  std::string_view date_header_name;  // the header that carried the date, for the signed check
  std::optional<std::chrono::seconds> expires;  // presigned: X-Amz-Expires
  std::string canonical_query;  // the query as signed (presigned: without X-Amz-Signature)
};

namespace {

using Result = std::variant<Principal, AuthFailure>;
// Whole seconds, as dates are sent: a client's year 9999 fits, nanoseconds would overflow.
using TimePoint = std::chrono::sys_seconds;

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";
constexpr std::chrono::seconds kMaxPresignedExpiry{604800};  // 7 days, as AWS allows

AuthFailure incomplete(std::string message) {
  return {FailureKind::incomplete_signature, std::move(message)};
}

AuthFailure invalid(std::string message) {
  return {FailureKind::invalid_signature, std::move(message)};
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string_view> find_header(const SignedRequest& request, std::string_view name) {
  for (const auto& header : request.headers) {
    if (iequals(header.name, name)) {
      return header.value;
    }
  }
  return std::nullopt;
}

// Every value of a repeated header joined by ',', as the canonical request signs it, so that a
// second X-Amz-Date is seen (and refused as no date) rather than silently ignored.
std::optional<std::string> joined_header(const SignedRequest& request, std::string_view name) {
  std::optional<std::string> joined;
  for (const auto& header : request.headers) {
    if (iequals(header.name, name)) {
      (joined ? joined->append(",") : joined.emplace()).append(header.value);
    }
  }
  return joined;
}

bool is_signed(const std::vector<std::string>& signed_headers, std::string_view name) {
  return std::any_of(signed_headers.begin(), signed_headers.end(),
                     [&](const std::string& signed_name) { return iequals(signed_name, name); });
}

// Calls `visit(name, raw_pair)` for each '&'-separated pair, the name percent-decoded.
template <typename Visit>
void for_each_query_pair(std::string_view query, Visit visit) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (!pair.empty()) {
      visit(uri_decode(pair.substr(0, pair.find('='))), pair);
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
}

std::string query_value(std::string_view pair) {
  const auto equals = pair.find('=');
  return equals == std::string_view::npos ? std::string{} : uri_decode(pair.substr(equals + 1));
}

std::vector<std::string> split_signed_headers(std::string_view text) {
  std::vector<std::string> names;
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    names.emplace_back(text.substr(0, semicolon));
    text = semicolon == std::string_view::npos ? std::string_view{} : text.substr(semicolon + 1);
  }
  return names;
}

// The headers the client signed, with their values as received (a signed header the request
// lacks is signed as empty, so its signature simply does not match). A name listed twice counts
// once, and names are matched by sorting, not by trying every pair: both lists come from the
// wire (bounded only by the header limit), so neither the work nor the canonical request may grow
// with their product.
std::vector<Header> signed_header_values(const SignedRequest& request,
                                         const std::vector<std::string>& names) {
  std::vector<std::string> wanted;
  wanted.reserve(names.size());
  for (const auto& name : names) {
    wanted.push_back(lowercase(name));
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());

  std::vector<std::pair<std::string, std::string_view>> received;
  received.reserve(request.headers.size());
  for (const auto& header : request.headers) {
    received.emplace_back(lowercase(header.name), header.value);
  }
  // Stable: repeated headers keep their order, which the canonical request joins them in.
  std::stable_sort(received.begin(), received.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<Header> headers;
  headers.reserve(wanted.size());
  auto next = received.begin();
  for (auto& name : wanted) {
    next =
        std::lower_bound(next, received.end(), name,
                         [](const auto& header, const std::string& n) { return header.first < n; });
    bool found = false;
    for (; next != received.end() && next->first == name; ++next) {
      headers.push_back({name, std::string(next->second)});
      found = true;
    }
    if (!found) {
      headers.push_back({std::move(name), {}});
    }
  }
  return headers;
}

std::string date_skew_message(TimePoint date, TimePoint now) {
  const bool expired = date < now;
  const auto limit = expired ? now - kMaxClockSkew : now + kMaxClockSkew;
  if (expired) {
    return "Signature expired: " + amz_date(date) + " is now earlier than " + amz_date(limit) +
           " (" + amz_date(now) + " - 15 min.)";
  }
  return "Signature not yet current: " + amz_date(date) + " is still later than " +
         amz_date(limit) + " (" + amz_date(now) + " + 15 min.)";
}

// Checks that need no secret: algorithm, scope shape, required signed headers, the date and the
// scope's parts, in AWS's order. Returns the request's date.
std::variant<TimePoint, AuthFailure> check_claim_shape(const auto& claim,
                                                       const VerifierOptions& options) {
  if (claim.algorithm != kAlgorithm) {
    return incomplete("Unsupported AWS 'algorithm': '" + claim.algorithm + "'");
  }
  if (!claim.scope) {
    return incomplete(credential_scope_message(claim.credential));
  }
  if (!is_signed(claim.signed_headers, "host")) {
    return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!claim.date_header_name.empty() && !is_signed(claim.signed_headers, claim.date_header_name)) {
    return incomplete("'" + std::string(claim.date_header_name) +
                      "' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const auto date =
      claim.http_date ? parse_http_date(claim.date_text) : parse_amz_date(claim.date_text);
  if (!date) {
    return incomplete("Date must be in ISO-8601 'basic format'. Got '" + claim.date_text +
                      "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  const CredentialScope& scope = *claim.scope;
  if (scope.terminator != kTerminator) {
    return invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '" +
                   scope.terminator + "'. ");
  }
  if (scope.service != options.service) {
    return invalid("Credential should be scoped to correct service: '" + options.service + "'. ");
  }
  if (scope.region != options.region) {
    return invalid("Credential should be scoped to a valid region, not '" + scope.region + "'. ");
  }
  const std::string request_day = amz_date(*date).substr(0, 8);
  if (scope.date != request_day) {
    return invalid(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '" +
        scope.date + "' != '" + request_day + "', from '" + claim.date_text + "'.");
  }
  return *date;
}

// AWS holds presigned requests to the same 15 minutes as signed headers (STS, for one, ignores
// X-Amz-Expires); ddbd also ends a presigned request at X-Amz-Date + X-Amz-Expires when that is
// sooner, as its signer asked.
std::optional<AuthFailure> check_time(TimePoint date, TimePoint now,
                                      std::optional<std::chrono::seconds> expires) {
  if (date > now + kMaxClockSkew || date < now - kMaxClockSkew) {
    return invalid(date_skew_message(date, now));
  }
  if (expires && now > date + *expires) {
    return invalid("Signature expired: " + amz_date(date + *expires) + " is now earlier than " +
                   amz_date(now) + " (" + amz_date(date) + " + " +
                   std::to_string(expires->count()) + " sec.)");
  }
  return std::nullopt;
}

}  // namespace

std::string signature_mismatch_message(std::string_view canonical_request,
                                       std::string_view string_to_sign) {
  std::string message(kSignatureMismatch);
  message.append("\n\nThe Canonical String for this request should have been\n'");
  message.append(canonical_request);
  message.append("'\n\nThe String-to-Sign should have been\n'");
  message.append(string_to_sign);
  message.append("'\n");
  return message;
}

bool has_presigned_query(std::string_view query) {
  bool presigned = false;
  for_each_query_pair(query, [&](const std::string& name, std::string_view) {
    presigned = presigned || name == "X-Amz-Algorithm";
  });
  return presigned;
}

Verifier::Verifier(const CredentialStore& store, VerifierOptions options)
    : store_(store), options_(std::move(options)), keys_(options_.key_cache_capacity) {}

Result Verifier::verify(const SignedRequest& request) const {
  if (const auto header = find_header(request, "authorization")) {
    return verify_header(request, *header);
  }
  if (has_presigned_query(request.query)) {
    return verify_presigned(request);
  }
  return AuthFailure{FailureKind::missing_authentication_token,
                     "Request is missing Authentication Token"};
}

Result Verifier::verify_header(const SignedRequest& request, std::string_view header) const {
  const auto parse = parse_authorization_header(header);
  if (parse.status == AuthorizationStatus::not_aws4) {
    return AuthFailure{FailureKind::missing_authentication_token,
                       "Request is missing Authentication Token"};
  }
  const auto amz_date_header = joined_header(request, "x-amz-date");
  const auto date_header = joined_header(request, "date");
  const bool has_date =
      (amz_date_header && !amz_date_header->empty()) || (date_header && !date_header->empty());
  if (auto message = incomplete_signature_message(parse, has_date, header)) {
    return incomplete(std::move(*message));
  }
  Claim claim;
  claim.algorithm = parse.header.algorithm;
  claim.credential = parse.header.credential;
  claim.scope = parse.header.scope;
  claim.signed_headers = parse.header.signed_headers;
  claim.signature = parse.header.signature;
  if (amz_date_header && !amz_date_header->empty()) {
    claim.date_text = *amz_date_header;
    claim.date_header_name = "X-Amz-Date";
  } else {
    claim.date_text = *date_header;
    claim.http_date = true;
    claim.date_header_name = "Date";
  }
  claim.canonical_query = request.query;
  return verify_claim(request, claim);
}

Result Verifier::verify_presigned(const SignedRequest& request) const {
  Claim claim;
  std::string signed_headers;
  std::string expires_text;
  // The parameters AWS requires, in the order its message lists them; then the optional expiry.
  constexpr size_t kRequired = 5;
  const std::pair<std::string_view, std::string*> parameters[] = {
      {"X-Amz-Algorithm", &claim.algorithm}, {"X-Amz-Credential", &claim.credential},
      {"X-Amz-Signature", &claim.signature}, {"X-Amz-SignedHeaders", &signed_headers},
      {"X-Amz-Date", &claim.date_text},      {"X-Amz-Expires", &expires_text}};
  bool seen[std::size(parameters)] = {};
  std::string canonical_query;
  for_each_query_pair(request.query, [&](const std::string& name, std::string_view pair) {
    if (name != "X-Amz-Signature") {  // the one parameter not signed
      canonical_query.append(canonical_query.empty() ? "" : "&").append(pair);
    }
    for (size_t i = 0; i < std::size(parameters); ++i) {
      if (name == parameters[i].first) {
        *parameters[i].second = query_value(pair);
        seen[i] = true;
      }
    }
  });
  std::string missing;
  for (size_t i = 0; i < kRequired; ++i) {
    if (!seen[i]) {
      missing.append(missing.empty() ? "'" : ", '").append(parameters[i].first).append("'");
    }
  }
  if (!missing.empty()) {
    return incomplete("AWS query-string parameters must include " + missing +
                      ". Re-examine the query-string parameters.");
  }
  if (!expires_text.empty()) {
    int64_t seconds = -1;
    const auto* end = expires_text.data() + expires_text.size();
    const auto [ptr, ec] = std::from_chars(expires_text.data(), end, seconds);
    if (ec != std::errc{} || ptr != end || seconds < 0 || seconds > kMaxPresignedExpiry.count()) {
      return incomplete("X-Amz-Expires must be an integer from 0 to 604800, got '" + expires_text +
                        "'.");
    }
    claim.expires = std::chrono::seconds{seconds};
  }
  claim.scope = parse_credential_scope(claim.credential);
  claim.signed_headers = split_signed_headers(signed_headers);
  claim.canonical_query = std::move(canonical_query);
  return verify_claim(request, claim);
}

Result Verifier::verify_claim(const SignedRequest& request, const Claim& claim) const {
  const auto shape = check_claim_shape(claim, options_);
  if (const auto* failure = std::get_if<AuthFailure>(&shape)) {
    return *failure;
  }
  const TimePoint date = std::get<TimePoint>(shape);
  const auto now = std::chrono::floor<std::chrono::seconds>(options_.clock());
  if (auto failure = check_time(date, now, claim.expires)) {
    return std::move(*failure);
  }
  const CredentialScope& scope = *claim.scope;
  const KeyEntry* entry = store_.find(scope.access_key_id);
  if (entry == nullptr) {
    return AuthFailure{FailureKind::unrecognized_client,
                       "The security token included in the request is invalid."};
  }
  // The signature covers the body through its hash: X-Amz-Content-Sha256 when sent (it must then
  // be the body's hash, or the body was changed), else the hash computed here.
  const std::string body_hash = hex(sha256(request.payload));
  std::string_view payload_hash = body_hash;
  const auto content_hash = joined_header(request, "x-amz-content-sha256");
  const bool body_mismatch = content_hash && *content_hash != body_hash;
  if (content_hash) {
    payload_hash = *content_hash;
  }
  const RequestToSign to_sign{request.method, request.path, claim.canonical_query,
                              signed_header_values(request, claim.signed_headers), payload_hash};
  const CanonicalRequest canonical = canonical_request(to_sign);
  const std::string scope_text = credential_scope(scope.date, scope.region, scope.service);
  // The string to sign carries the date in ISO-8601 basic format, whichever header sent it.
  const std::string text_to_sign = string_to_sign(
      claim.http_date ? amz_date(date) : claim.date_text, scope_text, canonical.text);
  const Digest key = keys_.get(scope.access_key_id, entry->secret_access_key, scope.date,
                               scope.region, scope.service);
  const std::string expected = hex(hmac_sha256(key, text_to_sign));
  const bool same = claim.signature.size() == expected.size() &&
                    CRYPTO_memcmp(claim.signature.data(), expected.data(), expected.size()) == 0;
  if (!same || body_mismatch) {
    return invalid(signature_mismatch_message(canonical.text, text_to_sign));
  }
  return Principal{scope.access_key_id, &entry->rules};
}

}  // namespace auth
