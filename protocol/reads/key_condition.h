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

// The key a Query reads by: the table's primary key or one of its secondary indexes. A GSI may have
// several HASH and RANGE attributes (multi-attribute keys).
struct QueryKeys {
  std::vector<std::string> hash;   // 1 (tables, LSIs) or 1..4 (GSIs)
  std::vector<std::string> range;  // 0..1 (tables, LSIs) or 0..4 (GSIs)
  // What ExclusiveStartKey must hold exactly: these keys, and for an index the table's too.
  std::vector<std::string> start_key_names;
};
QueryKeys table_query_keys(const storage::TableInfo& table);
QueryKeys index_query_keys(const storage::TableInfo& table, const storage::IndexDefinition& index);

// A checked key condition: the partition to read and the condition on its sort key. With several
// RANGE attributes, the leading ones are compared for equality (`sort_prefix`) and the next one
// by `sort_op`, as DynamoDB's multi-attribute keys allow.
struct KeyQuery {
  std::vector<std::string> partition_names;
  std::vector<storage::AttributeValue> partition;  // one value per partition_names entry
  std::vector<std::string> sort_names;             // the key's RANGE attributes (maybe none)
  std::vector<storage::AttributeValue> sort_prefix;
  storage::key_range::SortOp sort_op = storage::key_range::SortOp::kAll;
  std::vector<storage::AttributeValue> sort_values;  // one, or two for BETWEEN

  // The RANGE attribute `sort_op` applies to (null for kAll).
  const std::string* conditioned_sort_name() const;
  // Whether `item` satisfies the whole condition. Ranges may hold items that do not (long sort keys
  // are stored truncated; partition hashes can collide), so every item read is checked with this.
  bool matches(const storage::Item& item) const;
  // Whether a value of the conditioned RANGE attribute satisfies sort_op.
  bool sort_matches(const storage::AttributeValue& value) const;
  // The `items` keys that may hold matching items (a table query).
  storage::key_range::Range range(uint32_t table_id) const;
  // The `index` entry keys that may hold matching entries (an index query).
  storage::key_range::Range index_range(uint32_t index_id) const;
};

// Checks `conditions` against the key, in DynamoDB's order, together with the shape of the
// ExclusiveStartKey when there is one (`start_key`): DynamoDB checks each key attribute's start
// value just before that attribute's condition. Then checks that the start key lies inside the
// condition. Throws ApiError.
KeyQuery plan_key_query(const storage::TableInfo& table, const QueryKeys& keys,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key);
// The same on the table's own key.
KeyQuery plan_key_query(const storage::TableInfo& table,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key);

}  // namespace protocol
