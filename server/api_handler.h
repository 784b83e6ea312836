#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "protocol/admin/admin_api.h"
#include "protocol/api.h"
#include "server/request_auth.h"
#include "server/response.h"

namespace server {

// Decides what an HTTP request means, in DynamoDB's order (dynalite's index.js records it from
// real DynamoDB responses), and answers what the HTTP layer owns itself:
//   1. OPTIONS with Origin: CORS preflight, 200 with an empty body.
//   2. GET /: 200 "healthy: dynamodb.<region>.amazonaws.com " (DynamoDB's health check).
//   3. Any other method than POST, or a non-empty body whose Content-Type is neither
//      application/x-amz-json-1.0 nor application/json: 404 "<UnknownOperationException/>\n".
//      The HTTP path is not checked (DynamoDB ignores it).
//   4. Paths under /_ddbd/: ddbd's admin API (protocol::AdminApi), only while authentication is
//      off; with --auth verify it answers 403 until admin keys exist.
//   5. Everything else goes to protocol::Api, which checks JSON, X-Amz-Target, then the
//      authentication verdict computed here by the RequestAuthenticator, then access rules.
class ApiHandler {
 public:
  using Respond = std::function<void(Response)>;

  // `admin` (null: no admin API) must outlive the handler; it is served only when
  // `admin_allowed` (authentication off).
  ApiHandler(protocol::Api& api, std::string region, RequestAuthenticator authenticator,
             protocol::AdminApi* admin, bool admin_allowed);

  // Answers `request` by calling `respond` exactly once: inline for the replies the HTTP layer
  // makes itself, otherwise dispatched to `executor` (the session's I/O thread) when protocol::Api
  // completes, which may happen on another thread. The executor is kept busy (outstanding
  // work) until then, so the io_context does not run out of work while a reply is pending.
  // An exception on the way becomes a 500 InternalServerError reply.
  void handle(Request&& request, const boost::asio::any_io_executor& executor, Respond respond);

 private:
  std::optional<Response> reply_locally(const Request& request) const;
  Response reply_admin(const Request& request, const ReplyContext& context) const;
  void dispatch(Request&& request, const boost::asio::any_io_executor& executor, Respond respond);

  protocol::Api& api_;
  RequestAuthenticator authenticator_;
  protocol::AdminApi* admin_;
  bool admin_allowed_;
  std::string health_text_;
};

}  // namespace server
