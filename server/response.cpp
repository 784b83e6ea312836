#include "server/response.h"

#include <array>
#include <cctype>
#include <charconv>
#include <random>

#include <boost/beast/http/status.hpp>

#include "protocol/wire/error_body.h"
#include "storage/crc32.h"

namespace server {
namespace {

// splitmix64: request ids need to be unpredictable enough to be unique, not cryptographic, and
// this is a few instructions per 64 bits where std::uniform_int_distribution over mt19937_64
// showed up in the GetItem profile.
class RequestIdRandom {
 public:
  RequestIdRandom() {
    std::random_device device;
    state_ = (static_cast<uint64_t>(device()) << 32) ^ device();
  }
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Per thread, so responses built on different I/O threads never contend or share state.
RequestIdRandom& random_source() {
  thread_local RequestIdRandom source;
  return source;
}

void append_number(std::string& out, uint64_t value) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), end);
}

}  // namespace

Response::Response(unsigned version, unsigned status) : version_(version), status_(status) {
  head_.reserve(256);
  head_.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  append_number(head_, status);
  head_.push_back(' ');
  const auto reason = http::obsolete_reason(static_cast<http::status>(status));
  head_.append(reason.data(), reason.size());
  head_.append("\r\n");
}

void Response::set(std::string_view name, std::string_view value) {
  head_.append(name);
  head_.append(": ");
  head_.append(value);
  head_.append("\r\n");
}

void Response::set_body(std::string body, bool head) {
  head_.append("Content-Length: ");
  append_number(head_, body.size());
  head_.append("\r\n");
  if (!head) {
    body_ = std::move(body);
  }
}

std::string_view Response::finish_head() {
  // HTTP/1.1 keeps the connection by default and HTTP/1.0 closes it, so only the other case
  // needs saying.
  if (version_ == 10 && keep_alive_) {
    head_.append("Connection: keep-alive\r\n");
  } else if (version_ != 10 && !keep_alive_) {
    head_.append("Connection: close\r\n");
  }
  head_.append("\r\n");
  return head_;
}

std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  const auto first = content_type.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = content_type.find_last_not_of(" \t");
  std::string type(content_type.substr(first, last - first + 1));
  for (char& c : type) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return type;
}

ReplyContext reply_context(const Request& request) {
  ReplyContext context;
  context.version = request.version();
  context.keep_alive = request.keep_alive();
  context.head = request.method() == http::verb::head;
  if (media_type(request[http::field::content_type]) != kAmzJsonContentType) {
    context.content_type = kJsonContentType;
  }
  context.cors = request.find(http::field::origin) != request.end();
  return context;
}

std::string make_request_id() {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string id(52, '0');
  auto& random = random_source();
  for (size_t i = 0; i < id.size(); i += 2) {
    const uint64_t bits = random.next();
    // Multiply-shift maps 32 random bits onto the alphabet with negligible bias.
    id[i] = kAlphabet[((bits & 0xFFFFFFFFu) * kAlphabet.size()) >> 32];
    id[i + 1] = kAlphabet[((bits >> 32) * kAlphabet.size()) >> 32];
  }
  return id;
}

Response make_response(const ReplyContext& context, unsigned status, std::string body,
                       std::string_view content_type) {
  Response response(context.version, status);
  response.set("x-amzn-RequestId", make_request_id());
  std::string crc;
  append_number(crc, storage::crc32(body));
  response.set("x-amz-crc32", crc);
  if (!content_type.empty()) {
    response.set("Content-Type", content_type);
  }
  if (context.cors) {
    response.set("Access-Control-Allow-Origin", "*");
  }
  response.set_body(std::move(body), context.head);
  response.keep_alive(context.keep_alive);
  return response;
}

Response make_json_response(const ReplyContext& context, unsigned status, std::string body) {
  return make_response(context, status, std::move(body), context.content_type);
}

Response make_error_response(const ReplyContext& context, const protocol::ApiError& error) {
  return make_json_response(context, error.status(), protocol::error_body(error));
}

}  // namespace server
