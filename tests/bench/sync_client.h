#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "endpoint.h"

namespace bench {

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

// One blocking keep-alive connection for setup and probes (CreateTable, DescribeTable, ...), not
// for load: the load goes through run_load().
class SyncClient {
 public:
  explicit SyncClient(const Endpoint& endpoint);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  // Sends one signed request; reconnects once if the kept-alive connection was closed.
  // Throws std::runtime_error when the server cannot be reached.
  HttpReply call(std::string_view operation, std::string_view body);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Throws std::runtime_error naming the endpoint, operation and reply unless the status is 200.
HttpReply call_ok(SyncClient& client, const Endpoint& endpoint, std::string_view operation,
                  std::string_view body);

}  // namespace bench
