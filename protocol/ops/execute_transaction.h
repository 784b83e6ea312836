#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/context.h"
#include "protocol/ops/transact_get_items.h"
#include "protocol/ops/transact_write_items.h"
#include "protocol/partiql/statement_members.h"
#include "protocol/transact/token.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

// ExecuteTransaction: up to 100 PartiQL statements, all reads (run as TransactGetItems) or all
// writes (INSERT, UPDATE, DELETE and EXISTS, run as TransactWriteItems, ClientRequestToken
// included), atomic exactly as those are.
namespace protocol::ops {

struct ExecuteTransactionRequest {
  std::vector<partiql::StatementMembers> statements;
  std::optional<std::string> token;  // ClientRequestToken
  transact::Fingerprint fingerprint{};
  CapacityMode capacity = CapacityMode::kNone;
};

// The reads' Responses, or the writes' capacity.
using ExecuteTransactionResult = std::variant<TransactGetItemsResult, TransactWriteItemsResult>;

ExecuteTransactionRequest parse_execute_transaction(const JsonValue& json);
void execute_transaction(OpContext& ctx, ExecuteTransactionRequest request,
                         Then<ExecuteTransactionResult> then);
void write_execute_transaction(JsonWriter& w, const ExecuteTransactionResult& result);

}  // namespace protocol::ops
