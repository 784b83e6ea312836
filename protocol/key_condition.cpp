// Sources, cited as in DYNAMODB_MESSAGES.md "Query and Scan": [Local] DynamoDB Local's
// KeyConditionExpressionExtractor and QueryFunction, [DL] dynalite test/query.js (checked against
// DynamoDB), [CONF] the conformance suite's live captures.

#include "protocol/key_condition.h"

#include <algorithm>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/item_rules.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

using storage::AttributeValue;
using storage::ValueType;
using storage::key_range::SortOp;

// [CONF] DynamoDB now puts the expression prefix before the extractor's texts, which [DL] and
// [Local] show bare.
[[noreturn]] void invalid_key_expression(const std::string& detail) {
  throw ApiError::validation("Invalid KeyConditionExpression: " + detail);
}

[[noreturn]] void invalid_operator(const std::string& name) {
  invalid_key_expression("Invalid operator used in KeyConditionExpression: " + name);
}

[[noreturn]] void invalid_condition(const std::string& detail) {
  invalid_key_expression("Invalid condition in KeyConditionExpression: " + detail);
}

std::string function_text(expr::Function function) {
  switch (function) {
    case expr::Function::kAttributeExists:
      return "attribute_exists";
    case expr::Function::kAttributeNotExists:
      return "attribute_not_exists";
    case expr::Function::kAttributeType:
      return "attribute_type";
    case expr::Function::kBeginsWith:
      return "begins_with";
    case expr::Function::kContains:
      return "contains";
  }
  return "function";
}

SortOp sort_op_of(expr::Comparator comparator) {
  switch (comparator) {
    case expr::Comparator::kLt:
      return SortOp::kLt;
    case expr::Comparator::kLe:
      return SortOp::kLe;
    case expr::Comparator::kGt:
      return SortOp::kGt;
    case expr::Comparator::kGe:
      return SortOp::kGe;
    default:
      return SortOp::kEq;
  }
}

// `:v < k` asks for k > :v.
SortOp reversed(SortOp op) {
  switch (op) {
    case SortOp::kLt:
      return SortOp::kGt;
    case SortOp::kLe:
      return SortOp::kGe;
    case SortOp::kGt:
      return SortOp::kLt;
    case SortOp::kGe:
      return SortOp::kLe;
    default:
      return op;
  }
}

// One comparison, BETWEEN or begins_with, walked operand by operand as [Local] does, so that the
// first problem met is the one reported.
KeyCondition leaf_condition(const expr::Condition& condition) {
  KeyCondition out;
  const bool between = condition.kind == expr::Condition::Kind::kBetween;
  const bool function = condition.kind == expr::Condition::Kind::kFunction;
  out.op = between    ? SortOp::kBetween
           : function ? SortOp::kBeginsWith
                      : sort_op_of(condition.comparator);
  bool named = false;
  for (const expr::Operand& operand : condition.operands) {
    if (operand.kind == expr::Operand::Kind::kPath) {
      if (named) {
        invalid_condition("Multiple attribute names used in one condition");
      }
      if (operand.path.elements.size() > 1) {
        invalid_key_expression(
            "KeyConditionExpressions cannot have conditions on nested attributes");
      }
      out.attribute = operand.path.elements.front().name;
      named = true;
    } else if (operand.kind == expr::Operand::Kind::kValue) {
      if (!named && (between || function)) {
        invalid_condition(std::string(between ? "BETWEEN" : "begins_with") +
                          " operator must have the key attribute as its first operand");
      }
      if (!named) {
        out.op = reversed(out.op);
      }
      out.values.push_back(operand.value);
    } else {
      invalid_key_expression("KeyConditionExpressions cannot contain nested operations");
    }
  }
  if (!named) {
    invalid_condition("No key attribute specified");
  }
  return out;
}

void collect(const expr::Condition& condition, std::vector<KeyCondition>& out) {
  using Kind = expr::Condition::Kind;
  switch (condition.kind) {
    case Kind::kAnd:
      for (const expr::Condition& child : condition.children) {
        collect(child, out);
      }
      return;
    case Kind::kOr:
      invalid_operator("OR");
    case Kind::kNot:
      invalid_operator("NOT");
    case Kind::kIn:
      invalid_operator("IN");
    case Kind::kCompare:
      if (condition.comparator == expr::Comparator::kNe) {
        invalid_operator("<>");
      }
      break;
    case Kind::kFunction:
      if (condition.function != expr::Function::kBeginsWith) {
        invalid_operator(function_text(condition.function));
      }
      break;
    case Kind::kBetween:
      break;
  }
  KeyCondition leaf = leaf_condition(condition);
  for (const KeyCondition& earlier : out) {
    if (earlier.attribute == leaf.attribute) {
      invalid_key_expression("KeyConditionExpressions must only contain one condition per key");
    }
  }
  out.push_back(std::move(leaf));
}

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

// [DL] "should return ValidationException for ExclusiveStartKey with ...": the start key's values
// must be legal key values, inside the partition and matching the sort condition.
void check_start_key(const storage::TableInfo& table, const KeyQuery& query,
                     const storage::Item& start_key) {
  try {
    validate_key(table, start_key);
  } catch (const ApiError& e) {
    throw ApiError::validation("The provided starting key is invalid: " + e.message());
  }
  const bool same_partition =
      expr::values_equal(start_key.find(query.partition_name)->second, query.partition);
  if (query.sort_op == SortOp::kAll) {
    if (!same_partition) {
      throw ApiError::validation(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    return;
  }
  if (!query.sort_matches(start_key.find(query.sort_name)->second)) {
    throw ApiError::validation("The provided starting key does not match the range key predicate");
  }
  if (!same_partition) {
    throw ApiError::validation("The query can return at most one row and cannot be restarted");
  }
}

bool ordered(const AttributeValue& a, const AttributeValue& b,
             bool (*accept)(std::strong_ordering)) {
  std::optional<std::strong_ordering> order = expr::order_values(a, b);
  return order && accept(*order);
}

}  // namespace

std::vector<KeyCondition> key_conditions_of(const expr::Condition& condition) {
  std::vector<KeyCondition> out;
  collect(condition, out);
  return out;
}

bool KeyQuery::sort_matches(const AttributeValue& value) const {
  switch (sort_op) {
    case SortOp::kAll:
      return true;
    case SortOp::kEq:
      return expr::values_equal(value, sort_values[0]);
    case SortOp::kLt:
      return ordered(value, sort_values[0], [](std::strong_ordering o) { return o < 0; });
    case SortOp::kLe:
      return ordered(value, sort_values[0], [](std::strong_ordering o) { return o <= 0; });
    case SortOp::kGt:
      return ordered(value, sort_values[0], [](std::strong_ordering o) { return o > 0; });
    case SortOp::kGe:
      return ordered(value, sort_values[0], [](std::strong_ordering o) { return o >= 0; });
    case SortOp::kBetween:
      return ordered(value, sort_values[0], [](std::strong_ordering o) { return o >= 0; }) &&
             ordered(value, sort_values[1], [](std::strong_ordering o) { return o <= 0; });
    case SortOp::kBeginsWith:
      return expr::begins_with(&value, &sort_values[0]);
  }
  return false;
}

bool KeyQuery::matches(const storage::Item& item) const {
  auto partition_it = item.find(partition_name);
  if (partition_it == item.end() || !expr::values_equal(partition_it->second, partition)) {
    return false;
  }
  if (sort_op == SortOp::kAll) {
    return true;
  }
  auto sort_it = item.find(sort_name);
  return sort_it != item.end() && sort_matches(sort_it->second);
}

storage::key_range::Range KeyQuery::range(uint32_t table_id) const {
  const AttributeValue* low = sort_values.empty() ? nullptr : &sort_values[0];
  const AttributeValue* high = sort_values.size() < 2 ? nullptr : &sort_values[1];
  return storage::key_range::partition(table_id, partition, sort_op, low, high);
}

KeyQuery plan_key_query(const storage::TableInfo& table,
                        const std::vector<KeyCondition>& conditions,
                        const storage::Item* start_key) {
  const size_t key_count = table.key_schema.size();
  if (start_key != nullptr && start_key->size() != key_count) {
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
  query.partition_name = table.partition_key();
  const ValueType partition_type = key_type(table, query.partition_name);
  check_start_attribute(start_key, query.partition_name, partition_type);
  const KeyCondition* partition = find_condition(conditions, query.partition_name);
  if (partition == nullptr) {
    throw ApiError::validation("Query condition missed key schema element: " +
                               query.partition_name);
  }
  check_key_condition(*partition, partition_type, true);
  query.partition = partition->values[0];
  if (const std::string* sort_name = table.sort_key()) {
    query.sort_name = *sort_name;
    const ValueType sort_type = key_type(table, *sort_name);
    check_start_attribute(start_key, *sort_name, sort_type);
    const KeyCondition* sort = find_condition(conditions, *sort_name);
    if (sort == nullptr && conditions.size() > 1) {
      throw ApiError::validation("Query condition missed key schema element: " + *sort_name);
    }
    if (sort != nullptr) {
      check_key_condition(*sort, sort_type, false);
      query.sort_op = sort->op;
      query.sort_values = sort->values;
    }
  }
  if (start_key != nullptr) {
    check_start_key(table, query, *start_key);
  }
  return query;
}

}  // namespace protocol
