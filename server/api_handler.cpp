#include "server/api_handler.h"

#include <exception>
#include <iostream>
#include <memory>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>

#include "server/io_threads.h"

namespace server {
namespace {

namespace net = boost::asio;

// DynamoDB's exact body for a wrong method or content type (its CRC32 is 3552371480).
constexpr std::string_view kUnknownOperationXml = "<UnknownOperationException/>\n";

// ddbd's own admin API lives under this path (protocol/admin/admin_api.h).
constexpr std::string_view kAdminPath = "/_ddbd/";

// CORS preflights are cached by browsers for two days, as DynamoDB allows.
constexpr std::string_view kCorsMaxAgeSeconds = "172800";

bool is_json_media_type(std::string_view content_type) {
  const auto type = media_type(content_type);
  return type == kAmzJsonContentType || type == kJsonContentType;
}

std::string_view request_path(std::string_view target) {
  return target.substr(0, target.find('?'));
}

Response cors_preflight(const Request& request, const ReplyContext& context) {
  Response response(context.version, 200);
  response.set("x-amzn-RequestId", make_request_id());
  response.set("Access-Control-Allow-Origin", "*");
  const auto headers = request[http::field::access_control_request_headers];
  if (!headers.empty()) {
    response.set("Access-Control-Allow-Headers", headers);
  }
  const auto method = request[http::field::access_control_request_method];
  if (!method.empty()) {
    response.set("Access-Control-Allow-Methods", method);
  }
  response.set("Access-Control-Max-Age", kCorsMaxAgeSeconds);
  response.set_body({}, false);
  response.keep_alive(context.keep_alive);
  return response;
}

Response internal_error_response(const ReplyContext& context) {
  return make_error_response(context, protocol::ApiError::internal_server_error());
}

// Builds the reply to protocol::Api's result on the session's I/O thread (not on the storage
// writer thread that may have completed the request; the JSON body was written there too, by the
// ReplyWriter), turning a failure into a 500.
Response build_api_response(const ReplyContext& context, protocol::Reply reply) {
  try {
    return make_json_response(context, reply.status, std::move(reply.body));
  } catch (const std::exception& e) {
    std::cerr << "ddbd: cannot build a response: " << e.what() << '\n';
    return internal_error_response(context);
  }
}

}  // namespace

ApiHandler::ApiHandler(protocol::Api& api, std::string region, RequestAuthenticator authenticator,
                       protocol::AdminApi* admin, bool admin_allowed)
    : api_(api),
      authenticator_(authenticator),
      admin_(admin),
      admin_allowed_(admin_allowed),
      health_text_("healthy: dynamodb." + region + ".amazonaws.com ") {}

void ApiHandler::handle(Request&& request, const net::any_io_executor& executor, Respond respond) {
  std::optional<Response> local;
  try {
    local = reply_locally(request);
  } catch (const std::exception& e) {
    std::cerr << "ddbd: cannot handle a request: " << e.what() << '\n';
    local = internal_error_response(reply_context(request));
  }
  if (local) {
    respond(std::move(*local));
    return;
  }
  dispatch(std::move(request), executor, std::move(respond));
}

std::optional<Response> ApiHandler::reply_locally(const Request& request) const {
  const ReplyContext context = reply_context(request);
  if (request.method() == http::verb::options && context.cors) {
    return cors_preflight(request, context);
  }
  const std::string_view path = request_path(request.target());
  if (path.starts_with(kAdminPath)) {
    return reply_admin(request, context);
  }
  const bool get_root = request.method() == http::verb::get && path == "/";
  if (get_root) {
    return make_response(context, 200, health_text_, "text/plain");
  }
  const bool wrong_content_type =
      !request.body().empty() && !is_json_media_type(request[http::field::content_type]);
  if (request.method() != http::verb::post || wrong_content_type) {
    return make_response(context, 404, std::string(kUnknownOperationXml), "");
  }
  return std::nullopt;
}

Response ApiHandler::reply_admin(const Request& request, const ReplyContext& context) const {
  if (admin_ == nullptr || !admin_allowed_) {
    return make_error_response(context,
                               protocol::ApiError::access_denied(
                                   "The admin API (/_ddbd/) is served only with --auth off"));
  }
  protocol::Reply reply = admin_->handle(std::string_view(request.method_string()),
                                         request_path(request.target()), request.body());
  ReplyContext json = context;
  json.content_type = kJsonContentType;
  return make_json_response(json, reply.status, std::move(reply.body));
}

void ApiHandler::dispatch(Request&& request, const net::any_io_executor& executor,
                          Respond respond) {
  ReplyContext context;
  protocol::ApiRequest api_request;
  std::shared_ptr<const std::string> target;
  try {
    context = reply_context(request);
    // The target outlives the call: protocol::Api may keep the request until it completes.
    target = std::make_shared<const std::string>(request["X-Amz-Target"]);
    api_request.target = *target;
    authenticator_.authenticate(request, api_request);  // before the body is moved out
    api_request.body = std::move(request.body());
  } catch (const std::exception& e) {
    std::cerr << "ddbd: cannot prepare a request: " << e.what() << '\n';
    respond(internal_error_response(context));
    return;
  }
  // Tracked, so the io_context keeps running while the reply is pending. A read completes on
  // the session's own thread, and dispatch then replies inline; a write completes on the
  // writer thread, and dispatch posts the reply to the session's thread.
  // The session's thread does not poll while the reply may come from the writer (io_threads.h).
  net::any_io_executor session = net::prefer(executor, net::execution::outstanding_work.tracked);
  protocol::Completion deliver = [context, target, session, respond](protocol::ReplyWriter write) {
    try {
      net::dispatch(session, [context, respond, write = std::move(write)]() mutable {
        IoThreads::end_awaiting_reply();
        respond(build_api_response(context, write()));
      });
    } catch (const std::exception& e) {
      // The session's thread then stops polling for good: slower, never wrong.
      std::cerr << "ddbd: cannot deliver a reply: " << e.what() << '\n';
    }
  };
  IoThreads::begin_awaiting_reply();  // handle() is noexcept: the end above always follows
  api_.handle(std::move(api_request), std::move(deliver));
}

}  // namespace server
