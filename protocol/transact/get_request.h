#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

namespace protocol::transact {

// One Get of a TransactGetItems request.
struct GetAction {
  std::string table_name;
  storage::Item key;
  std::optional<expr::Projection> projection;  // resolved; nullopt = every attribute
};

// A TransactGetItems request with every check made that needs no table: types, constraints,
// attribute values and projections.
struct TransactGetRequest {
  std::vector<GetAction> actions;
  CapacityMode capacity = CapacityMode::kNone;
};

// Throws ApiError with DynamoDB's type and text for the first failing check, in DynamoDB's order.
TransactGetRequest read_transact_get_request(const JsonValue& request);

}  // namespace protocol::transact
