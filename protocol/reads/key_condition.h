#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/ast.h"
#include "storage/key_selection.h"
#include "storage/schema.h"
#include "storage/value.h"

// The key condition of a Query: KeyConditionExpression or the legacy KeyConditions become a list of
// per-attribute conditions (no table needed), which plan_key_query then checks against the table's
// key schema and turns into a storage::KeySelection. Every failure is DynamoDB's
// ValidationException with its text (tests/integration/DYNAMODB_MESSAGES.md, "Query and Scan").
namespace protocol {

// One condition on one attribute, as written.
struct KeyCondition {
  std::string attribute;
  storage::SortOp op = storage::SortOp::kEq;
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

// A checked key condition: what storage reads (the partition and the condition on its sort key;
// with several RANGE attributes, the leading ones compared for equality and the next one by
// sort_op, as DynamoDB's multi-attribute keys allow), with the key's attribute names for messages.
struct KeyQuery {
  std::vector<std::string> partition_names;  // the key's HASH attributes, one per partition value
  std::vector<std::string> sort_names;       // the key's RANGE attributes (maybe none)
  storage::KeySelection selection;

  // The RANGE attribute selection.sort_op applies to (null for kAll).
  const std::string* conditioned_sort_name() const;
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
