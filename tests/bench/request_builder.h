#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "auth/sigv4.h"

namespace bench {

// The credentials every request is signed with; ddbd (auth off on loopback) and dynalite accept
// any; to measure ddbd with auth verify, give it a credentials file with this key and secret.
auth::Credentials bench_credentials();

// Writes complete, signed HTTP/1.1 DynamoDB requests (JSON 1.0 protocol), the way an SDK does:
// Content-Type, Host, X-Amz-Date and X-Amz-Target signed, a fresh X-Amz-Date each second.
// One per connection (it caches the date text and the signing key; not thread-safe).
class RequestBuilder {
 public:
  RequestBuilder(auth::Credentials credentials, std::string host_header);

  // Replaces `out` with the request for `operation` ("GetItem") carrying `body`.
  void build(std::string_view operation, std::string_view body, std::string& out);

 private:
  const std::string& current_amz_date();

  auth::Signer signer_;
  std::string host_header_;
  std::time_t date_second_ = 0;
  std::string amz_date_;
  std::string target_;  // scratch: "DynamoDB_20120810.<operation>"
};

}  // namespace bench
