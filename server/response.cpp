#include "server/response.h"

#include <cctype>
#include <random>

#include "server/crc32.h"

namespace server {
namespace {

std::mt19937_64 make_engine() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  return std::mt19937_64{seed};
}

// Per thread, so responses built on different I/O threads never contend or share state.
std::mt19937_64& random_engine() {
  thread_local std::mt19937_64 engine = make_engine();
  return engine;
}

}  // namespace

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
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string id(52, '0');
  for (char& c : id) {
    c = kAlphabet[pick(random_engine())];
  }
  return id;
}

Response make_response(const ReplyContext& context, unsigned status, std::string body,
                       std::string_view content_type) {
  Response response;
  response.version(context.version);
  response.result(status);
  response.set("x-amzn-RequestId", make_request_id());
  response.set("x-amz-crc32", std::to_string(crc32(body)));
  if (!content_type.empty()) {
    response.set(http::field::content_type, content_type);
  }
  if (context.cors) {
    response.set(http::field::access_control_allow_origin, "*");
  }
  const auto length = body.size();
  response.body() = std::move(body);
  response.prepare_payload();
  if (context.head) {
    // A reply to HEAD announces the length it would have had, and carries no body.
    response.body().clear();
    response.content_length(length);
  }
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
