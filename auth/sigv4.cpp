#include "auth/sigv4.h"

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace auth {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";

// OpenSSL 3 looks an algorithm up in its provider store on every implicit use (EVP_sha256(),
// HMAC()); fetching once per thread and reusing the contexts keeps a signature to a few
// microseconds, which matters in a load generator sharing the CPU with the server it measures.
class DigestState {
 public:
  DigestState()
      : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
        md_ctx_(EVP_MD_CTX_new()),
        mac_(EVP_MAC_fetch(nullptr, "HMAC", nullptr)),
        mac_ctx_(mac_ != nullptr ? EVP_MAC_CTX_new(mac_) : nullptr) {
    if (md_ == nullptr || md_ctx_ == nullptr || mac_ctx_ == nullptr) {
      throw std::runtime_error("sigv4: OpenSSL has no SHA256/HMAC");
    }
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(mac_ctx_, params) != 1) {
      throw std::runtime_error("sigv4: cannot set up HMAC-SHA256");
    }
  }
  ~DigestState() {
    EVP_MAC_CTX_free(mac_ctx_);
    EVP_MAC_free(mac_);
    EVP_MD_CTX_free(md_ctx_);
    EVP_MD_free(md_);
  }
  DigestState(const DigestState&) = delete;
  DigestState& operator=(const DigestState&) = delete;

  Digest sha256(std::string_view data) {
    Digest out{};
    unsigned int length = 0;
    if (EVP_DigestInit_ex(md_ctx_, md_, nullptr) != 1 ||
        EVP_DigestUpdate(md_ctx_, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(md_ctx_, out.data(), &length) != 1 || length != out.size()) {
      throw std::runtime_error("sigv4: SHA256 failed");
    }
    return out;
  }

  Digest hmac(std::span<const uint8_t> key, std::string_view data) {
    Digest out{};
    size_t length = 0;
    if (EVP_MAC_init(mac_ctx_, key.data(), key.size(), nullptr) != 1 ||
        EVP_MAC_update(mac_ctx_, reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1 ||
        EVP_MAC_final(mac_ctx_, out.data(), &length, out.size()) != 1 || length != out.size()) {
      throw std::runtime_error("sigv4: HMAC-SHA256 failed");
    }
    return out;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* md_ctx_;
  EVP_MAC* mac_;
  EVP_MAC_CTX* mac_ctx_;
};

DigestState& digest_state() {
  thread_local DigestState state;
  return state;
}

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

std::string uri_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

namespace {

// Non-S3 services normalise the path (remove "." and ".." segments) and encode each segment of
// the already-encoded path once more; an empty path is "/".
std::string canonical_uri(std::string_view path) {
  if (path.empty()) {
    return "/";
  }
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) {
        segments.pop_back();
      }
    } else if (segment != "." && !segment.empty()) {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto segment : segments) {
    out += '/';
    out += uri_encode(segment, true);
  }
  const bool trailing_slash = path.back() == '/' && !segments.empty();
  if (out.empty() || trailing_slash) {
    out += '/';
  }
  return out;
}

// Parameters decoded, re-encoded, then sorted by name and value.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const size_t equals = pair.find('=');
      const std::string_view name = pair.substr(0, equals);
      const std::string_view value =
          equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
      params.emplace_back(uri_encode(uri_decode(name), true), uri_encode(uri_decode(value), true));
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

// Leading and trailing spaces removed, inner runs of spaces and tabs made one space.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

Digest sha256(std::string_view data) { return digest_state().sha256(data); }

Digest hmac_sha256(std::span<const uint8_t> key, std::string_view data) {
  return digest_state().hmac(key, data);
}

std::string hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

std::string uri_encode(std::string_view text, bool encode_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_unreserved(byte) || (c == '/' && !encode_slash)) {
      out += c;
    } else {
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 0x0f];
    }
  }
  return out;
}

std::string amz_date(std::chrono::sys_seconds time) {
  const std::time_t seconds = time.time_since_epoch().count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  return amz_date(std::chrono::floor<std::chrono::seconds>(time));
}

namespace {

// `text` read whole with strptime's `format`, as UTC. Callers bound the length.
std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text, const char* format) {
  if (text.find('\0') != std::string_view::npos) {
    return std::nullopt;  // strptime would stop there and take the rest as read
  }
  std::tm utc{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), format, &utc);
  if (end == nullptr || *end != '\0') {
    return std::nullopt;
  }
  return std::chrono::sys_seconds{std::chrono::seconds{timegm(&utc)}};
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text) {
  // strptime skips blanks before numbers and accepts short ones ("2015 8 3"), and timegm rolls
  // "20150231" over into March; only digits in place, and a date that prints back the same,
  // are the one basic format.
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z' ||
      !std::all_of(text.begin(), text.begin() + 8, is_digit) ||
      !std::all_of(text.begin() + 9, text.begin() + 15, is_digit)) {
    return std::nullopt;
  }
  const auto time = parse_utc(text, "%Y%m%dT%H%M%SZ");
  if (!time || amz_date(*time) != text) {
    return std::nullopt;
  }
  return time;
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) {
  if (text.size() > 64) {
    return std::nullopt;
  }
  return parse_utc(text, "%a, %d %b %Y %H:%M:%S GMT");
}

CanonicalRequest canonical_request(const RequestToSign& request) {
  std::vector<std::pair<std::string, std::string>> headers;
  headers.reserve(request.headers.size());
  for (const auto& header : request.headers) {
    headers.emplace_back(lowercase(header.name), canonical_header_value(header.value));
  }
  // Stable, so repeated names keep their order when joined below.
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  CanonicalRequest result;
  std::string header_block;
  for (size_t i = 0; i < headers.size(); ++i) {
    const bool repeat = i > 0 && headers[i].first == headers[i - 1].first;
    if (repeat) {
      header_block.back() = ',';  // replaces the previous line's '\n'
    } else {
      if (!result.signed_headers.empty()) {
        result.signed_headers += ';';
      }
      result.signed_headers += headers[i].first;
      header_block += headers[i].first;
      header_block += ':';
    }
    header_block += headers[i].second;
    header_block += '\n';
  }

  std::string& text = result.text;
  text.reserve(128 + header_block.size() + request.query.size());
  text += request.method;
  text += '\n';
  text += canonical_uri(request.path);
  text += '\n';
  text += canonical_query(request.query);
  text += '\n';
  text += header_block;
  text += '\n';
  text += result.signed_headers;
  text += '\n';
  text += request.payload_hash_hex;
  return result;
}

std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service) {
  std::string scope;
  scope.reserve(date.size() + region.size() + service.size() + kTerminator.size() + 3);
  scope.append(date).append("/").append(region).append("/").append(service).append("/");
  scope.append(kTerminator);
  return scope;
}

std::string string_to_sign(std::string_view amz_date_value, std::string_view scope,
                           std::string_view canonical_request_text) {
  std::string text;
  text.reserve(kAlgorithm.size() + amz_date_value.size() + scope.size() + 67);
  text.append(kAlgorithm).append("\n").append(amz_date_value).append("\n").append(scope);
  text.append("\n").append(hex(sha256(canonical_request_text)));
  return text;
}

Digest signing_key(std::string_view secret_access_key, std::string_view date,
                   std::string_view region, std::string_view service) {
  const std::string first_key = "AWS4" + std::string(secret_access_key);
  const Digest date_key = hmac_sha256(bytes_of(first_key), date);
  const Digest region_key = hmac_sha256(date_key, region);
  const Digest service_key = hmac_sha256(region_key, service);
  return hmac_sha256(service_key, kTerminator);
}

Signer::Signer(Credentials credentials) : credentials_(std::move(credentials)) {}

const Digest& Signer::key_for(std::string_view date) {
  if (date != key_date_) {
    key_ = signing_key(credentials_.secret_access_key, date, credentials_.region,
                       credentials_.service);
    key_date_ = date;
  }
  return key_;
}

std::string Signer::authorization(const RequestToSign& request, std::string_view amz_date_value) {
  const std::string_view date = amz_date_value.substr(0, 8);
  const std::string scope = credential_scope(date, credentials_.region, credentials_.service);
  const CanonicalRequest canonical = canonical_request(request);
  const std::string to_sign = string_to_sign(amz_date_value, scope, canonical.text);
  const std::string signature = hex(hmac_sha256(key_for(date), to_sign));

  std::string header;
  header.reserve(kAlgorithm.size() + credentials_.access_key_id.size() + scope.size() +
                 canonical.signed_headers.size() + signature.size() + 48);
  header.append(kAlgorithm).append(" Credential=").append(credentials_.access_key_id);
  header.append("/").append(scope).append(", SignedHeaders=").append(canonical.signed_headers);
  header.append(", Signature=").append(signature);
  return header;
}

}  // namespace auth
