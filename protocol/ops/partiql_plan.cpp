#include "protocol/ops/partiql_plan.h"

#include <algorithm>
#include <utility>

#include "protocol/error.h"
#include "protocol/expr/build.h"

// Messages: DynamoDB Local's PartiQL ValidationExceptionMessages (tests/integration/
// DYNAMODB_MESSAGES.md, "PartiQL").
namespace protocol::partiql {

namespace {

using expr::Condition;
using expr::Operand;

// The attribute a one-element path names, or null (a nested path is never a key).
const std::string* top_level_name(const Operand& operand) {
  if (operand.kind != Operand::Kind::kPath || operand.path.elements.size() != 1 ||
      operand.path.elements[0].kind != expr::PathElement::Kind::kName) {
    return nullptr;
  }
  return &operand.path.elements[0].name;
}

// `name = value` or `value = name` with `name` one of `names`: that name and value.
std::optional<std::pair<std::string, storage::AttributeValue>> key_equality(
    const Condition& c, const std::vector<std::string>& names) {
  if (c.kind != Condition::Kind::kCompare || c.comparator != expr::Comparator::kEq) {
    return std::nullopt;
  }
  for (int side = 0; side < 2; ++side) {
    const std::string* name = top_level_name(c.operands[side]);
    const Operand& other = c.operands[1 - side];
    if (name != nullptr && other.kind == Operand::Kind::kValue &&
        std::find(names.begin(), names.end(), *name) != names.end()) {
      return std::make_pair(*name, other.value);
    }
  }
  return std::nullopt;
}

// The conditions joined by the top-level ANDs of `c`, in the order written.
void conjuncts(const Condition& c, std::vector<const Condition*>& out) {
  if (c.kind == Condition::Kind::kAnd) {
    for (const Condition& child : c.children) {
      conjuncts(child, out);
    }
  } else {
    out.push_back(&c);
  }
}

std::optional<Condition> and_of(std::vector<Condition> parts) {
  if (parts.empty()) {
    return std::nullopt;
  }
  Condition joined = std::move(parts.front());
  for (size_t i = 1; i < parts.size(); ++i) {
    joined = expr::combine(Condition::Kind::kAnd, std::move(joined), std::move(parts[i]));
  }
  return joined;
}

Condition exists_condition(const std::string& name, bool exists) {
  return expr::function_condition(
      exists ? expr::Function::kAttributeExists : expr::Function::kAttributeNotExists,
      {expr::path_operand(expr::top_level_path(name))});
}

ReturnValues return_values_of(Returning returning) {
  switch (returning) {
    case Returning::kNone:
      return ReturnValues::kNone;
    case Returning::kAllOld:
      return ReturnValues::kAllOld;
    case Returning::kModifiedOld:
      return ReturnValues::kUpdatedOld;
    case Returning::kAllNew:
      return ReturnValues::kAllNew;
    case Returning::kModifiedNew:
      return ReturnValues::kUpdatedNew;
  }
  return ReturnValues::kNone;
}

// A comparison of `name` with one value, BETWEEN or begins_with: what a Query's key condition on
// the sort key can be.
std::optional<KeyCondition> sort_key_condition(const Condition& c, const std::string& name) {
  KeyCondition key;
  key.attribute = name;
  auto value_of = [](const Operand& operand) -> const storage::AttributeValue* {
    return operand.kind == Operand::Kind::kValue ? &operand.value : nullptr;
  };
  if (c.kind == Condition::Kind::kCompare && c.comparator != expr::Comparator::kNe) {
    bool reversed = false;
    const storage::AttributeValue* value = nullptr;
    if (const std::string* left = top_level_name(c.operands[0]); left && *left == name) {
      value = value_of(c.operands[1]);
    } else if (const std::string* right = top_level_name(c.operands[1]); right && *right == name) {
      value = value_of(c.operands[0]);
      reversed = true;
    }
    if (value == nullptr) {
      return std::nullopt;
    }
    switch (c.comparator) {
      case expr::Comparator::kEq:
        key.op = storage::SortOp::kEq;
        break;
      case expr::Comparator::kLt:
        key.op = reversed ? storage::SortOp::kGt : storage::SortOp::kLt;
        break;
      case expr::Comparator::kLe:
        key.op = reversed ? storage::SortOp::kGe : storage::SortOp::kLe;
        break;
      case expr::Comparator::kGt:
        key.op = reversed ? storage::SortOp::kLt : storage::SortOp::kGt;
        break;
      case expr::Comparator::kGe:
        key.op = reversed ? storage::SortOp::kLe : storage::SortOp::kGe;
        break;
      case expr::Comparator::kNe:
        return std::nullopt;
    }
    key.values.push_back(*value);
    return key;
  }
  if (c.kind == Condition::Kind::kBetween) {
    const std::string* subject = top_level_name(c.operands[0]);
    const storage::AttributeValue* low = value_of(c.operands[1]);
    const storage::AttributeValue* high = value_of(c.operands[2]);
    if (subject == nullptr || *subject != name || low == nullptr || high == nullptr) {
      return std::nullopt;
    }
    key.op = storage::SortOp::kBetween;
    key.values = {*low, *high};
    return key;
  }
  if (c.kind == Condition::Kind::kFunction && c.function == expr::Function::kBeginsWith) {
    const std::string* subject = top_level_name(c.operands[0]);
    const storage::AttributeValue* prefix = value_of(c.operands[1]);
    if (subject == nullptr || *subject != name || prefix == nullptr) {
      return std::nullopt;
    }
    key.op = storage::SortOp::kBeginsWith;
    key.values.push_back(*prefix);
    return key;
  }
  return std::nullopt;
}

// `name IN [values]` (each a value): those values.
std::optional<std::vector<storage::AttributeValue>> in_values(const Condition& c,
                                                              const std::string& name) {
  if (c.kind != Condition::Kind::kIn) {
    return std::nullopt;
  }
  const std::string* subject = top_level_name(c.operands[0]);
  if (subject == nullptr || *subject != name) {
    return std::nullopt;
  }
  std::vector<storage::AttributeValue> values;
  for (size_t i = 1; i < c.operands.size(); ++i) {
    if (c.operands[i].kind != Operand::Kind::kValue) {
      return std::nullopt;
    }
    values.push_back(c.operands[i].value);
  }
  return values;
}

}  // namespace

std::vector<std::string> key_names(const storage::TableInfo& table,
                                   const std::optional<std::string>& index) {
  const std::vector<storage::KeySchemaElement>* schema = &table.key_schema;
  if (index) {
    if (const storage::IndexDefinition* definition = table.find_index(*index)) {
      schema = &definition->key_schema;
    }
  }
  std::vector<std::string> names;
  for (const auto& element : *schema) {
    names.push_back(element.name);
  }
  return names;
}

KeyedWhere split_key(const storage::TableInfo& table, const std::optional<Condition>& where) {
  const std::vector<std::string> names = key_names(table, std::nullopt);
  KeyedWhere keyed;
  std::vector<const Condition*> parts;
  if (where) {
    conjuncts(*where, parts);
  }
  std::vector<Condition> rest;
  for (const Condition* part : parts) {
    auto equality = key_equality(*part, names);
    if (!equality) {
      rest.push_back(*part);
      continue;
    }
    auto [found, inserted] = keyed.key.emplace(equality->first, equality->second);
    if (!inserted && !(found->second == equality->second)) {
      throw ApiError::validation("Multiple conditions on same key " + equality->first +
                                 ". Only single item Update/Insert/Delete are supported");
    }
  }
  for (const std::string& name : names) {
    if (keyed.key.find(name) == keyed.key.end()) {
      throw ApiError::validation(
          "Where clause does not contain a mandatory equality on all key attributes");
    }
  }
  keyed.rest = and_of(std::move(rest));
  return keyed;
}

ops::PutItemRequest plan_insert(const storage::TableInfo& table, InsertStatement statement) {
  ops::PutItemRequest request;
  request.common.table_name = std::move(statement.table);
  request.item = std::move(statement.item);
  request.condition.condition = exists_condition(table.partition_key(), false);
  return request;
}

ops::UpdateItemRequest plan_update(const storage::TableInfo& table, UpdateStatement statement) {
  KeyedWhere keyed = split_key(table, statement.where);
  ops::UpdateItemRequest request;
  request.common.table_name = std::move(statement.table);
  request.common.return_values = return_values_of(statement.returning);
  request.key = std::move(keyed.key);
  // PartiQL's UPDATE changes an item that exists; it never creates one.
  std::vector<Condition> condition{exists_condition(table.partition_key(), true)};
  if (keyed.rest) {
    condition.push_back(std::move(*keyed.rest));
  }
  request.condition.condition = and_of(std::move(condition));
  request.update.actions = std::move(statement.actions);
  return request;
}

ops::DeleteItemRequest plan_delete(const storage::TableInfo& table, DeleteStatement statement) {
  KeyedWhere keyed = split_key(table, statement.where);
  ops::DeleteItemRequest request;
  request.common.table_name = std::move(statement.table);
  request.common.return_values = return_values_of(statement.returning);
  request.key = std::move(keyed.key);
  request.condition.condition = std::move(keyed.rest);
  return request;
}

SelectPlan plan_select(const storage::TableInfo& table, const SelectStatement& statement) {
  const std::vector<std::string> names = key_names(table, statement.from.index);
  const std::string& hash = names.front();
  std::vector<const Condition*> parts;
  if (statement.where) {
    conjuncts(*statement.where, parts);
  }
  // The partitions: the one equality, or the one IN, on the partition key.
  std::vector<storage::AttributeValue> partitions;
  const Condition* pinning = nullptr;
  for (const Condition* part : parts) {
    std::optional<std::vector<storage::AttributeValue>> values;
    if (auto equality = key_equality(*part, {hash})) {
      values = std::vector<storage::AttributeValue>{equality->second};
    } else {
      values = in_values(*part, hash);
    }
    if (values) {
      if (pinning != nullptr) {
        pinning = nullptr;  // two conditions on the partition key: DynamoDB scans
        break;
      }
      pinning = part;
      partitions = std::move(*values);
    }
  }

  auto fill = [&](ReadRequestBase& r, std::optional<Condition> filter) {
    r.table_name = statement.from.table;
    r.index_name = statement.from.index;
    r.filter = std::move(filter);
    r.projection = statement.projection;
    r.effective_select =
        statement.projection
            ? Select::kSpecificAttributes
            : (statement.from.index ? Select::kAllProjectedAttributes : Select::kAllAttributes);
  };
  SelectPlan plan;
  if (pinning == nullptr) {
    ops::ScanRequest scan;
    fill(scan, statement.where);
    plan.scan = std::move(scan);
    return plan;
  }
  // One condition on the sort key can narrow each Query; every other condition filters.
  std::optional<KeyCondition> sort;
  const Condition* sorting = nullptr;
  if (names.size() > 1) {
    for (const Condition* part : parts) {
      if (part == pinning) {
        continue;
      }
      if (auto condition = sort_key_condition(*part, names[1])) {
        if (sorting != nullptr) {
          sorting = nullptr;  // several: all of them filter
          sort.reset();
          break;
        }
        sorting = part;
        sort = std::move(condition);
      }
    }
  }
  std::vector<Condition> rest;
  for (const Condition* part : parts) {
    if (part != pinning && part != sorting) {
      rest.push_back(*part);
    }
  }
  std::optional<Condition> filter = and_of(std::move(rest));
  for (storage::AttributeValue& partition : partitions) {
    ops::QueryRequest query;
    fill(query, filter);
    query.filter_may_name_keys = true;
    query.forward = !(statement.order_by && statement.order_by->descending);
    query.key_conditions.push_back(
        KeyCondition{hash, storage::SortOp::kEq, {std::move(partition)}});
    if (sort) {
      query.key_conditions.push_back(*sort);
    }
    plan.queries.push_back(std::move(query));
  }
  return plan;
}

transact::GetAction plan_item_read(const storage::TableInfo& table,
                                   const SelectStatement& statement,
                                   const std::string& missing_key_message) {
  if (statement.from.index) {
    throw ApiError::validation("Reads on indices are not supported within transactions.");
  }
  transact::GetAction action;
  action.table_name = statement.from.table;
  KeyedWhere keyed;
  try {
    keyed = split_key(table, statement.where);
  } catch (const ApiError&) {
    throw ApiError::validation(missing_key_message);
  }
  // The read is a GetItem, which cannot filter: a WHERE with more than the key is refused with
  // the same text (AWS, dynamodb-conformance partiqlFunctions: `pk = 'x' AND
  // attribute_exists(ss)`).
  if (keyed.rest) {
    throw ApiError::validation(missing_key_message);
  }
  action.key = std::move(keyed.key);
  action.projection = statement.projection;
  return action;
}

transact::WriteAction plan_transact_write(const storage::TableInfo& table, Statement statement) {
  transact::WriteAction action;
  if (auto* insert = std::get_if<InsertStatement>(&statement)) {
    ops::PutItemRequest put = plan_insert(table, std::move(*insert));
    action.kind = transact::ActionKind::kPut;
    action.table_name = std::move(put.common.table_name);
    action.attributes = std::move(put.item);
    action.condition = std::move(put.condition);
  } else if (auto* update = std::get_if<UpdateStatement>(&statement)) {
    ops::UpdateItemRequest planned = plan_update(table, std::move(*update));
    action.kind = transact::ActionKind::kUpdate;
    action.table_name = std::move(planned.common.table_name);
    action.attributes = std::move(planned.key);
    action.condition = std::move(planned.condition);
    action.update = std::move(planned.update);
  } else if (auto* erase = std::get_if<DeleteStatement>(&statement)) {
    ops::DeleteItemRequest planned = plan_delete(table, std::move(*erase));
    action.kind = transact::ActionKind::kDelete;
    action.table_name = std::move(planned.common.table_name);
    action.attributes = std::move(planned.key);
    action.condition = std::move(planned.condition);
  } else if (auto* exists = std::get_if<ExistsStatement>(&statement)) {
    if (exists->select.from.index) {
      throw ApiError::validation("Operations on indices are not supported in transactions");
    }
    constexpr const char* kExistsShape =
        "EXISTS() must contain a single item read with additional condition";
    KeyedWhere keyed;
    try {
      keyed = split_key(table, exists->select.where);
    } catch (const ApiError&) {
      throw ApiError::validation(kExistsShape);
    }
    // The key alone is refused too: EXISTS needs a condition beyond it (dynamodb-conformance tier3
    // error-messages/partiqlFunctions, AWS-verified).
    if (!keyed.rest) {
      throw ApiError::validation(kExistsShape);
    }
    // EXISTS holds when the item is there and meets the rest of the WHERE.
    std::vector<Condition> condition{exists_condition(table.partition_key(), true)};
    if (keyed.rest) {
      condition.push_back(std::move(*keyed.rest));
    }
    action.kind = transact::ActionKind::kConditionCheck;
    action.table_name = exists->select.from.table;
    action.attributes = std::move(keyed.key);
    action.condition.condition = and_of(std::move(condition));
  } else {
    throw ApiError::validation("Unsupported operation in transaction.");
  }
  return action;
}

}  // namespace protocol::partiql
