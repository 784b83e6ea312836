#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/error.h"

namespace storage {
class Store;
}

namespace protocol {

// What the HTTP layer sends back: a status and a JSON body (success or error).
struct Reply {
  unsigned status = 200;
  std::string body;
};

// A reply still to be written out. Operations hand back typed results; this renders one (or an
// error) as JSON when called, on the thread that sends the reply, so that no reply is ever
// written on storage's writer thread. Called once; never throws (a failure becomes a 500 reply).
using ReplyWriter = std::function<Reply()>;

// Called exactly once per request, possibly on another thread (writes complete on the writer
// thread after their commit is durable). Must not block.
using Completion = std::function<void(ReplyWriter)>;

// Whether the authenticated caller may perform the IAM `action` (e.g. "PutItem") on `table` (empty
// for ListTables, which has no table) as part of `operation` (the API call, e.g.
// "TransactWriteItems"). Must be thread-safe and cheap; it is called once per table touched.
using AccessCheck = std::function<bool(std::string_view action, std::string_view operation,
                                       std::string_view table)>;

// One API request as the HTTP layer hands it over.
struct ApiRequest {
  std::string_view target;  // the X-Amz-Target header value, e.g. "DynamoDB_20120810.PutItem"
  std::string body;         // raw JSON text
  // The authentication verdict the HTTP layer computed on the raw request. It is raised in
  // DynamoDB's order: after JSON and target checks, before any validation.
  std::optional<ApiError> auth_failure;
  // Set when the caller is authenticated and limited by per-key access rules: every (action,
  // table) the request touches is checked after authentication and before any validation, and
  // a denial names `principal` (the access key id) in its AccessDeniedException.
  AccessCheck access;
  std::string principal;
};

struct ApiOptions {
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  // How long CREATING/UPDATING/DELETING last before the table settles.
  std::chrono::milliseconds status_delay{5};
  // How soon after an UpdateTimeToLive the table's TTL setting may change again. DynamoDB's window
  // is about an hour (measured: ~31 minutes); ours is short by default so tests can toggle TTL.
  std::chrono::milliseconds ttl_change_window{100};
};

// The DynamoDB JSON 1.0 API: checks (JSON, target, auth, types, values) in DynamoDB's order, then
// runs the operation. Thread-safe.
class Api {
 public:
  Api(storage::Store& store, ApiOptions options);
  ~Api();

  // Never throws; every outcome, including errors, reaches `done`.
  void handle(ApiRequest request, Completion done) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace protocol
