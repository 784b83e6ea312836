#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/batch/common.h"
#include "protocol/context.h"
#include "protocol/partiql/statement_members.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

// BatchExecuteStatement: up to 25 PartiQL statements, each run on its own: a SELECT reads one item
// by its full key (as BatchGetItem does), a write runs as ExecuteStatement would. A statement that
// fails answers its own Error; the batch itself fails only on the request's shape.
namespace protocol::ops {

struct BatchExecuteStatementRequest {
  std::vector<partiql::StatementMembers> statements;
  CapacityMode capacity = CapacityMode::kNone;
};

struct BatchStatementResponse {
  std::optional<std::string> table_name;
  std::optional<storage::Item> item;
  std::optional<std::string> error_code;  // BatchStatementErrorCodeEnum
  std::string error_message;
  std::optional<storage::Item> error_item;  // ReturnValuesOnConditionCheckFailure ALL_OLD
};

struct BatchExecuteStatementResult {
  std::vector<BatchStatementResponse> responses;  // in statement order
  CapacityMode capacity = CapacityMode::kNone;
  std::vector<batch::TableUnits> consumed;  // per table, in the order first met
};

BatchExecuteStatementRequest parse_batch_execute_statement(const JsonValue& json);
void batch_execute_statement(OpContext& ctx, BatchExecuteStatementRequest request,
                             Then<BatchExecuteStatementResult> then);
void write_batch_execute_statement(JsonWriter& w, const BatchExecuteStatementResult& result);

}  // namespace protocol::ops
