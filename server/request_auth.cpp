#include "server/request_auth.h"

#include <utility>

#include "auth/authorization_header.h"
#include "auth/verifier.h"

namespace server {
namespace {

auth::SignedRequest signed_request(const Request& request) {
  auth::SignedRequest signed_request;
  const std::string_view target = request.target();
  const auto question = target.find('?');
  signed_request.method = request.method_string();
  signed_request.path = target.substr(0, question);
  if (question != std::string_view::npos) {
    signed_request.query = target.substr(question + 1);
  }
  for (const auto& field : request) {
    signed_request.headers.push_back({field.name_string(), field.value()});
  }
  signed_request.payload = request.body();
  return signed_request;
}

}  // namespace

void RequestAuthenticator::authenticate(const Request& request,
                                        protocol::ApiRequest& api_request) const {
  if (verifier_ == nullptr) {
    api_request.auth_failure = check_authorization(request);
    return;
  }
  auto result = verifier_->verify(signed_request(request));
  if (const auto* failure = std::get_if<auth::AuthFailure>(&result)) {
    api_request.auth_failure = auth_error(*failure);
    return;
  }
  auto& principal = std::get<auth::Principal>(result);
  const auth::AccessRules* rules = principal.rules;
  if (rules != nullptr && !rules->allows_everything()) {
    api_request.access = [rules](std::string_view action, std::string_view operation,
                                 std::string_view table) {
      return rules->allows(action, operation, table);
    };
  }
  api_request.principal = std::move(principal.access_key_id);
}

std::optional<protocol::ApiError> check_authorization(const Request& request) {
  const auto found = request.find(http::field::authorization);
  if (found == request.end()) {
    const std::string_view target = request.target();
    const auto question = target.find('?');
    if (question != std::string_view::npos &&
        auth::has_presigned_query(target.substr(question + 1))) {
      return std::nullopt;  // verified with the signature, later
    }
    return protocol::ApiError::missing_authentication_token();
  }
  const std::string_view value = found->value();
  const auto parse = auth::parse_authorization_header(value);
  if (parse.status == auth::AuthorizationStatus::not_aws4) {
    return protocol::ApiError::missing_authentication_token();
  }
  const bool has_date = !request["X-Amz-Date"].empty() || !request[http::field::date].empty();
  if (auto message = auth::incomplete_signature_message(parse, has_date, value)) {
    return protocol::ApiError::incomplete_signature(std::move(*message));
  }
  return std::nullopt;
}

protocol::ApiError auth_error(const auth::AuthFailure& failure) {
  switch (failure.kind) {
    case auth::FailureKind::missing_authentication_token:
      return protocol::ApiError::missing_authentication_token();
    case auth::FailureKind::incomplete_signature:
      return protocol::ApiError::incomplete_signature(failure.message);
    case auth::FailureKind::invalid_signature:
      return protocol::ApiError::invalid_signature(failure.message);
    case auth::FailureKind::unrecognized_client:
      return protocol::ApiError::unrecognized_client();
  }
  return protocol::ApiError::internal_server_error();
}

}  // namespace server
