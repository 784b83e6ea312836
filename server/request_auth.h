#pragma once

#include <optional>

#include "auth/verifier.h"
#include "protocol/api.h"
#include "server/response.h"

namespace server {

// Authenticates each API request for protocol::Api, which raises the verdict in DynamoDB's order.
//   auth off (no verifier): only the headers' presence and shape are checked, as DynamoDB Local
//     does, so any well-formed credentials work.
//   auth verify: the SigV4 signature is verified against the credentials file, and the key's
//     access rules are attached for protocol to check against every table the request touches.
class RequestAuthenticator {
 public:
  // `verifier` (nullptr: auth off) must outlive this object.
  explicit RequestAuthenticator(const auth::Verifier* verifier) : verifier_(verifier) {}

  // Sets `api_request.auth_failure` or, when verified, its principal and access check.
  void authenticate(const Request& request, protocol::ApiRequest& api_request) const;

 private:
  const auth::Verifier* verifier_;
};

// The authentication verdict DynamoDB would give on the headers alone (no signature check):
// MissingAuthenticationToken without an AWS4 Authorization header or a presigned query string,
// IncompleteSignature when pieces are missing, nullopt otherwise.
std::optional<protocol::ApiError> check_authorization(const Request& request);

// The ApiError for a failed verification.
protocol::ApiError auth_error(const auth::AuthFailure& failure);

}  // namespace server
