#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/context.h"
#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

// ExecuteStatement: one PartiQL statement (protocol/partiql/), run as the Query, Scan, PutItem,
// UpdateItem or DeleteItem DynamoDB plans it into.
namespace protocol::ops {

struct ExecuteStatementRequest {
  std::string statement;
  std::vector<storage::AttributeValue> parameters;
  bool consistent = false;
  std::optional<std::string> next_token;
  std::optional<int64_t> limit;
  CapacityMode capacity = CapacityMode::kNone;
  bool return_old_on_failure = false;  // ReturnValuesOnConditionCheckFailure ALL_OLD
};

struct ExecuteStatementResult {
  // A SELECT's page; a write's RETURNING item (nothing without RETURNING).
  std::vector<storage::Item> items;
  std::optional<std::string> next_token;
  std::optional<storage::Item> last_evaluated_key;
  ConsumedCapacity capacity;
};

ExecuteStatementRequest parse_execute_statement(const JsonValue& json);
void execute_statement(OpContext& ctx, ExecuteStatementRequest request,
                       Then<ExecuteStatementResult> then);
void write_execute_statement(JsonWriter& w, const ExecuteStatementResult& result);

}  // namespace protocol::ops
