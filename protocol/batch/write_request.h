#pragma once

#include <string>
#include <vector>

#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"
#include "storage/value.h"

namespace protocol::batch {

// DynamoDB's limit on the write requests of one BatchWriteItem call, per table and in total.
constexpr size_t kMaxWriteRequests = 25;

// One PutRequest (the item to put) or DeleteRequest (the key to delete).
struct WriteEntry {
  bool put = false;
  storage::Item attributes;
};

struct TableWrites {
  std::string table_name;
  std::vector<WriteEntry> entries;
};

// A BatchWriteItem request with every check made that needs no table: types, constraints, the
// total count, the shape of each WriteRequest, attribute values and item sizes.
struct BatchWriteRequest {
  std::vector<TableWrites> tables;  // in request order
  CapacityMode capacity = CapacityMode::kNone;
  bool collection_metrics = false;  // ReturnItemCollectionMetrics SIZE
};

// Throws ApiError with DynamoDB's type and text for the first failing check, in DynamoDB's order.
BatchWriteRequest read_batch_write_request(const JsonValue& request);

}  // namespace protocol::batch
