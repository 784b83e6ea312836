#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/items/capacity.h"
#include "protocol/items/write_condition.h"
#include "protocol/transact/token.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

namespace protocol::transact {

enum class ActionKind { kConditionCheck, kPut, kDelete, kUpdate };

// One TransactWriteItem, parsed and with its expressions resolved.
struct WriteAction {
  ActionKind kind = ActionKind::kPut;
  std::string table_name;
  storage::Item attributes;       // Put: the item; the others: the key
  WriteCondition condition;       // ConditionExpression and ReturnValuesOnConditionCheckFailure
  expr::UpdateExpression update;  // Update only
};

// A TransactWriteItems request with every check made that needs no table: types, constraints, the
// shape of each action, attribute values, expressions, item sizes and the 4 MB limit.
struct TransactWriteRequest {
  std::vector<WriteAction> actions;
  std::optional<std::string> token;  // ClientRequestToken
  Fingerprint fingerprint{};         // of TransactItems, to tell a repeated request (token.h)
  CapacityMode capacity = CapacityMode::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics SIZE
};

// Throws ApiError with DynamoDB's type and text for the first failing check, in DynamoDB's order.
TransactWriteRequest read_transact_write_request(const JsonValue& request);

// ClientRequestToken (1 to 36 UTF-16 units), its violations added to `v`: TransactWriteItems' and
// ExecuteTransaction's.
std::optional<std::string> read_client_request_token(const Fields& f, Violations& v);

}  // namespace protocol::transact
