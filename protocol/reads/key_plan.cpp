// Checking a Query's key conditions against the key it reads by (the table's or an index's) and
// turning them into a KeyQuery. Sources, cited as in DYNAMODB_MESSAGES.md "Query and Scan":
// [Local] DynamoDB Local's QueryFunction, [DL] dynalite test/query.js (checked against DynamoDB),
// [CONF] the conformance suite's live captures, [MA] the AWS-verified multi-attribute GSI tests
// (conditions on every HASH attribute; RANGE attributes left to right, only the last one
// conditioned may be a range, the rest equalities; a skipped RANGE attribute is named).

#include <algorithm>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/items/item_rules.h"
#include "protocol/reads/key_condition.h"
#include "storage/index_keys.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

using storage::AttributeValue;
using storage::SortOp;
using storage::ValueType;

const KeyCondition* find_condition(const std::vector<KeyCondition>& conditions,
                                   const std::string& name) {
  for (const KeyCondition& condition : conditions) {
    if (condition.attribute == name) {
      return &condition;
    }
  }
  return nullptr;
}

[[noreturn]] void invalid_start_key() {
  throw ApiError::validation("The provided starting key is invalid");
}

[[noreturn]] void missed_element(const std::string& name) {
  throw ApiError::validation("Query condition missed key schema element: " + name);
}

// The start key must hold this key attribute with its declared type. [DL] recorded DynamoDB
// checking this just before the attribute's condition: a missing attribute is an invalid start
// key, one of the wrong type does not match the schema.
void check_start_attribute(const storage::Item* start_key, const std::string& name,
                           ValueType type) {
  if (start_key == nullptr) {
    return;
  }
  auto it = start_key->find(name);
  if (it == start_key->end()) {
    invalid_start_key();
  }
  if (it->second.type != type) {
    throw ApiError::validation("The provided key element does not match the schema");
  }
}

// Key values must not be empty ([Local] validateKeyConditionForEmptyAttributeValue, with the
// texts item_rules uses for keys).
void check_not_empty(const std::string& name, const AttributeValue& value) {
  if (value.type != ValueType::kNumber && value.bytes.empty()) {
    throw ApiError::validation(
        std::string("One or more parameter values are not valid. The AttributeValue for a key "
                    "attribute cannot contain an empty ") +
        (value.type == ValueType::kString ? "string" : "binary") + " value. Key: " + name);
  }
}

// The checks [Local] validateHashKeyCondition / validateRangeKeyCondition make on a condition that
// names a key attribute, in their order.
void check_key_condition(const KeyCondition& condition, ValueType type, bool partition) {
  if (!condition.indexable) {
    throw ApiError::validation("Attempted conditional constraint is not an indexable operation");
  }
  for (const AttributeValue& value : condition.values) {
    if (!partition && storage::value_size(value) > kMaxSortKeyBytes) {
      throw ApiError::validation(
          "One or more parameter values were invalid: Aggregated size of all range keys has "
          "exceeded the size limit of 1024 bytes");
    }
    if (value.type != type) {
      throw ApiError::validation(
          "One or more parameter values were invalid: Condition parameter type does not match "
          "schema type");
    }
  }
  if (partition && condition.op != SortOp::kEq) {
    throw ApiError::validation("Query key condition not supported");
  }
  for (const AttributeValue& value : condition.values) {
    check_not_empty(condition.attribute, value);
  }
}

ValueType key_type(const storage::TableInfo& table, const std::string& name) {
  const ValueType* type = table.attribute_type(name);
  return type != nullptr ? *type : ValueType::kString;
}

bool values_equal(const storage::Item& item, const std::vector<std::string>& names,
                  const std::vector<AttributeValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    auto it = item.find(names[i]);
    if (it == item.end() || !expr::values_equal(it->second, values[i])) {
      return false;
    }
  }
  return true;
}

// [DL] "should return ValidationException for ExclusiveStartKey with ...": the start key's values
// must be legal key values, inside the partition and matching the sort condition.
void check_start_key(const storage::TableInfo& table, const KeyQuery& query,
                     const storage::Item& start_key) {
  try {
    validate_key(table, key_of(table, start_key));
    for (const auto* names : {&query.partition_names, &query.sort_names}) {
      for (const std::string& name : *names) {
        check_not_empty(name, start_key.find(name)->second);
      }
    }
  } catch (const ApiError& e) {
    throw ApiError::validation("The provided starting key is invalid: " + e.message());
  }
  const storage::KeySelection& selection = query.selection;
  const bool same_partition = values_equal(start_key, query.partition_names, selection.partition);
  const std::string* conditioned = query.conditioned_sort_name();
  if (conditioned == nullptr && selection.sort_prefix.empty()) {
    if (!same_partition) {
      throw ApiError::validation(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    return;
  }
  if (!values_equal(start_key, query.sort_names, selection.sort_prefix) ||
      (conditioned != nullptr && !selection.matches_sort(start_key.find(*conditioned)->second))) {
    throw ApiError::validation("The provided starting key does not match the range key predicate");
  }
  if (!same_partition) {
    throw ApiError::validation("The query can return at most one row and cannot be restarted");
  }
}

// The RANGE attributes' conditions, left to right ([MA]): equalities extend sort_prefix until a
// condition of another kind (or on the last attribute) becomes sort_op; no condition may follow it,
// and none may skip an attribute. Returns how many conditions it used.
size_t plan_sort(const storage::TableInfo& table, const QueryKeys& keys,
                 const std::vector<KeyCondition>& conditions, const storage::Item* start_key,
                 KeyQuery& query) {
  storage::KeySelection& selection = query.selection;
  size_t used = 0;
  const std::string* skipped = nullptr;
  for (size_t i = 0; i < keys.range.size(); ++i) {
    const std::string& name = keys.range[i];
    check_start_attribute(start_key, name, key_type(table, name));
    const KeyCondition* condition = find_condition(conditions, name);
    if (condition == nullptr) {
      skipped = skipped != nullptr ? skipped : &name;
      continue;
    }
    if (skipped != nullptr) {
      missed_element(*skipped);
    }
    if (selection.sort_op != SortOp::kAll) {
      throw ApiError::validation("Query key condition not supported");
    }
    check_key_condition(*condition, key_type(table, name), false);
    ++used;
    if (condition->op == SortOp::kEq && i + 1 < keys.range.size()) {
      selection.sort_prefix.push_back(condition->values[0]);
    } else {
      selection.sort_op = condition->op;
      selection.sort_values = condition->values;
    }
  }
  return used;
}

}  // namespace

QueryKeys table_query_keys(const storage::TableInfo& table) {
  QueryKeys keys;
  keys.hash = {table.partition_key()};
  if (const std::string* sort = table.sort_key()) {
    keys.range = {*sort};
  }
  keys.start_key_names = keys.hash;
  keys.start_key_names.insert(keys.start_key_names.end(), keys.range.begin(), keys.range.end());
  return keys;
}

QueryKeys index_query_keys(const storage::TableInfo& table, const storage::IndexDefinition& index) {
  QueryKeys keys;
  keys.hash = index.hash_keys();
  keys.range = index.range_keys();
  keys.start_key_names = storage::index_key_names(table, index);
  return keys;
}

const std::string* KeyQuery::conditioned_sort_name() const {
  return selection.sort_op == SortOp::kAll ? nullptr : &sort_names[selection.sort_prefix.size()];
}

KeyQuery plan_key_query(const storage::TableInfo& table, const QueryKeys& keys,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key) {
  const size_t key_count = keys.hash.size() + keys.range.size();
  if (start_key != nullptr && start_key->size() != keys.start_key_names.size()) {
    invalid_start_key();
  }
  if (conditions.size() > key_count) {
    // [CONF] (2026); [DL] and [Local] answered "Query key condition not supported" here.
    throw ApiError::validation("The number of query conditions (" +
                               std::to_string(conditions.size()) +
                               ") exceeds the number of key attributes defined in the schema (" +
                               std::to_string(key_count) + ")");
  }
  KeyQuery query;
  for (const std::string& name : keys.hash) {
    check_start_attribute(start_key, name, key_type(table, name));
    const KeyCondition* partition = find_condition(conditions, name);
    if (partition == nullptr) {
      missed_element(name);
    }
    check_key_condition(*partition, key_type(table, name), true);
    query.partition_names.push_back(name);
    query.selection.partition.push_back(partition->values[0]);
  }
  query.sort_names = keys.range;
  size_t used = keys.hash.size() + plan_sort(table, keys, conditions, start_key, query);
  if (used < conditions.size()) {
    // A condition on an attribute outside the key: DynamoDB names the first RANGE attribute
    // without a condition.
    for (const std::string& name : keys.range) {
      if (find_condition(conditions, name) == nullptr) {
        missed_element(name);
      }
    }
  }
  if (start_key != nullptr) {
    check_start_key(table, query, *start_key);
  }
  return query;
}

KeyQuery plan_key_query(const storage::TableInfo& table,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key) {
  return plan_key_query(table, table_query_keys(table), conditions, start_key);
}

}  // namespace protocol
