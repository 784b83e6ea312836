#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/ast.h"
#include "storage/key_range.h"
#include "storage/schema.h"
#include "storage/value.h"

// The key condition of a Query: KeyConditionExpression or the legacy KeyConditions become a list of
// per-attribute conditions (no table needed), which plan_key_query then checks against the table's
// key schema and turns into one partition plus a sort-key range. Every failure is DynamoDB's
// ValidationException with its text (tests/integration/DYNAMODB_MESSAGES.md, "Query and Scan").
namespace protocol {

// One condition on one attribute, as written.
struct KeyCondition {
  std::string attribute;
  storage::key_range::SortOp op = storage::key_range::SortOp::kEq;
  std::vector<storage::AttributeValue> values;  // one, or two for BETWEEN
  // False for legacy operators no key can use (NE, IN, NULL, NOT_NULL, CONTAINS, NOT_CONTAINS).
  bool indexable = true;
};

// The conditions of a resolved KeyConditionExpression whose operands passed
// expr::check_condition_operands: comparisons, BETWEEN and begins_with joined by AND, each naming
// one top-level attribute once. A value written first reverses the comparison (:v < k is k > :v).
std::vector<KeyCondition> key_conditions_of(const expr::Condition& condition);

// A checked key condition: the partition to read and the condition on its sort keys.
struct KeyQuery {
  std::string partition_name;
  storage::AttributeValue partition;
  std::string sort_name;  // empty when the table has no sort key
  storage::key_range::SortOp sort_op = storage::key_range::SortOp::kAll;
  std::vector<storage::AttributeValue> sort_values;

  // Whether `item` satisfies the whole condition. Ranges may hold items that do not (long sort keys
  // are stored truncated; partition hashes can collide), so every item read is checked with this.
  bool matches(const storage::Item& item) const;
  // Whether a sort-key value satisfies the sort condition.
  bool sort_matches(const storage::AttributeValue& value) const;
  // The `items` keys that may hold matching items.
  storage::key_range::Range range(uint32_t table_id) const;
};

// Checks `conditions` against the table's key schema, in DynamoDB's order, together with the shape
// of the ExclusiveStartKey when there is one (`start_key`): DynamoDB checks each key attribute's
// start value just before that attribute's condition. Then checks that the start key lies inside
// the condition. Throws ApiError.
KeyQuery plan_key_query(const storage::TableInfo& table,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key);

}  // namespace protocol
