#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"

// ConsumedCapacity of the transactional operations: every item read or written costs the table
// twice what the single-item operation would (2 units per 4 KB read, consistent; 2 per 1 KB
// written), while an index is charged its single-write units. The entries list one table each and
// carry the units on their axis too (ReadCapacityUnits for TransactGetItems, WriteCapacityUnits for
// TransactWriteItems), as DynamoDB reports them.
namespace protocol::transact {

// DynamoDB's transactional factor.
constexpr double kTransactionalFactor = 2;

struct TableCapacity {
  std::string table_name;
  Consumed consumed;
};

// The entry of `table_name`, created at the end when missing: entries keep the order in which
// their tables first appear in the request.
Consumed& capacity_of(std::vector<TableCapacity>& tables, std::string_view table_name);

// Writes "ConsumedCapacity": [...] when `mode` asks for it.
void write_transact_capacity(JsonWriter& w, CapacityMode mode, CapacityAxis axis,
                             const std::vector<TableCapacity>& tables);

}  // namespace protocol::transact
