#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "protocol/error.h"

namespace server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;

// DynamoDB's JSON 1.0 media type; requests sent as plain application/json get that back instead.
inline constexpr std::string_view kAmzJsonContentType = "application/x-amz-json-1.0";
inline constexpr std::string_view kJsonContentType = "application/json";

// One HTTP/1.1 reply, kept as the bytes of its head (status line and headers, without the
// connection header and the blank line) and its body. Serialising it ourselves is one append per
// header, and the session writes head and body in one gather write; Beast's generic serializer
// cost more than the rest of a GetItem's HTTP handling.
class Response {
 public:
  Response(unsigned version, unsigned status);

  // Appends "name: value". The caller never adds Content-Length or Connection.
  void set(std::string_view name, std::string_view value);
  // The body and its Content-Length. A reply to HEAD announces the length and sends no body.
  void set_body(std::string body, bool head);
  void keep_alive(bool keep) { keep_alive_ = keep; }

  bool keep_alive() const { return keep_alive_; }
  unsigned version() const { return version_; }
  unsigned status() const { return status_; }
  // The head as it goes on the wire: the headers, the Connection header HTTP/1.x needs for
  // keep_alive(), and the blank line.
  std::string_view finish_head();
  std::string_view body() const { return body_; }

 private:
  std::string head_;
  std::string body_;
  unsigned version_;
  unsigned status_;
  bool keep_alive_ = true;
};

// What a reply needs to know about the request it answers.
struct ReplyContext {
  unsigned version = 11;  // HTTP version of the request (10 or 11)
  bool keep_alive = true;
  bool head = false;  // a HEAD request: headers (with the real Content-Length) but no body
  std::string_view content_type = kAmzJsonContentType;
  bool cors = false;  // the request had an Origin header
};

// The request's media type without parameters, lowercased ("application/json; charset=utf-8" ->
// "application/json").
std::string media_type(std::string_view content_type);

// The reply context of `request`. Its content type is application/x-amz-json-1.0 if that is
// what was sent and application/json otherwise, as DynamoDB answers.
ReplyContext reply_context(const Request& request);

// A random 52-character id of uppercase letters and digits, like DynamoDB's x-amzn-RequestId.
std::string make_request_id();

// Builds a complete response: status, Content-Type (omitted when empty), x-amzn-RequestId,
// x-amz-crc32 of the body, Content-Length and keep-alive as the request asked.
Response make_response(const ReplyContext& context, unsigned status, std::string body,
                       std::string_view content_type);

// A JSON reply (from protocol::Api) in the request's content type.
Response make_json_response(const ReplyContext& context, unsigned status, std::string body);

// The response for an ApiError; the body comes only from protocol::error_body().
Response make_error_response(const ReplyContext& context, const protocol::ApiError& error);

}  // namespace server
