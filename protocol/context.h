#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "protocol/api.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"
#include "storage/store.h"

namespace protocol {

// What every operation gets: the store, the server's options and the clock.
struct OpContext {
  storage::Store& store;
  const ApiOptions& options;

  std::string table_arn(std::string_view table_name) const;
  // The table for an item operation: ACTIVE or UPDATING, else ResourceNotFoundException.
  storage::TablePtr table_for_items(std::string_view name) const;
};

// One handler per operation (protocol/ops/<operation>.cpp). It validates the whole request before
// touching storage and calls `done` exactly once (directly, or from the writer thread).
using OpHandler = void (*)(OpContext& ctx, const JsonValue& request, Completion done);

// The reply for a successful operation whose JSON body is in `buffer`.
Reply ok_reply(const rapidjson::StringBuffer& buffer);
// The reply for a failure: ApiError as DynamoDB writes it, anything else a logged 500.
Reply error_reply(std::exception_ptr error);

// The completion of a write: a failure becomes its error reply; after a durable commit,
// `success` builds the reply.
storage::Store::WriteDone on_commit(Completion done, std::function<Reply()> success);

}  // namespace protocol
