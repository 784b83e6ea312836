#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

namespace protocol::batch {

// DynamoDB's limit on the keys of one BatchGetItem call, per table and in total.
constexpr size_t kMaxGetKeys = 100;

// One table's KeysAndAttributes.
struct TableReads {
  std::string table_name;
  std::vector<storage::Item> keys;
  bool consistent = false;
  std::optional<expr::Projection> projection;  // resolved; nullopt = every attribute
  // The settings as the request gave them, which UnprocessedKeys repeats so that its entry can be
  // sent back as it is.
  struct Given {
    std::optional<std::vector<std::string>> attributes_to_get;
    std::optional<bool> consistent_read;
    std::optional<std::string> projection_expression;
    std::optional<std::vector<std::pair<std::string, std::string>>> expression_attribute_names;
  } given;
};

// A BatchGetItem request with every check made that needs no table: types, constraints,
// expressions and projections, attribute values, duplicate keys and the total count.
struct BatchGetRequest {
  std::vector<TableReads> tables;  // in request order
  CapacityMode capacity = CapacityMode::kNone;
};

// Throws ApiError with DynamoDB's type and text for the first failing check, in DynamoDB's order.
BatchGetRequest read_batch_get_request(const JsonValue& request);

}  // namespace protocol::batch
