#pragma once

#include "protocol/error.h"
#include "storage/index_keys.h"
#include "storage/schema.h"
#include "storage/value.h"

// DynamoDB's texts for an item that breaks a secondary index's key rules (an index key attribute
// of another type than declared, or an empty S/B value). Storage finds the problem
// (storage::find_index_key_problem, also enforced inside WriteTxn::put_item); these word it.
namespace protocol {

// `from_update`: the value came from UpdateItem's update, which DynamoDB words differently for
// empty values.
ApiError index_key_error(const storage::IndexKeyProblem& problem, bool from_update);

// Checks a whole item before it is written (PutItem, BatchWriteItem), in DynamoDB's order.
void validate_index_keys(const storage::TableInfo& table, const storage::Item& item);

}  // namespace protocol
