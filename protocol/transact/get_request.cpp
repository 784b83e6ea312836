#include "protocol/transact/get_request.h"

#include "protocol/items/expression_request.h"
#include "protocol/items/projection_request.h"
#include "protocol/transact/common.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"

namespace protocol::transact {

namespace {

using Kind = JavaField::Kind;

// The Java toString members, in the order DynamoDB's model declares them.
const std::vector<JavaField> kGetFields = {
    {"Key", "key", Kind::kAttributeMap},
    {"TableName", "tableName"},
    {"ProjectionExpression", "projectionExpression"},
    {"ExpressionAttributeNames", "expressionAttributeNames", Kind::kStringMap}};
const std::vector<JavaField> kTransactGetItemFields = {
    {"Get", "get", Kind::kStructure, "Get", &kGetFields}};

// The type checks of every Get (SerializationException), before any constraint. Null entries are
// the Gets that are missing.
std::vector<const JsonValue*> read_raw_gets(const JsonValue* items) {
  std::vector<const JsonValue*> gets;
  if (items == nullptr) {
    return gets;
  }
  for (const auto& element : items->GetArray()) {
    const JsonValue* get = nullptr;
    if (!element.IsNull()) {
      get = Fields(expect_structure(element)).structure("Get");
    }
    if (get != nullptr) {
      Fields f(*get);
      f.map("Key");
      f.string("TableName");
      f.string("ProjectionExpression");
      f.map("ExpressionAttributeNames");
    }
    gets.push_back(get);
  }
  return gets;
}

void check_constraints(const Fields& f, const JsonValue* items,
                       const std::vector<const JsonValue*>& gets, TransactGetRequest& result) {
  Violations v;
  check_transact_items(v, items, [items] {
    return java_list(*items, [](const JsonValue& element) {
      return java_structure("TransactGetItem", &element, kTransactGetItemFields);
    });
  });
  for (size_t i = 0; i < gets.size(); ++i) {
    std::string prefix = "transactItems." + std::to_string(i + 1) + ".member.get";
    if (gets[i] == nullptr) {
      v.add(std::nullopt, prefix, "Member must not be null");
      continue;
    }
    Fields get(*gets[i]);
    if (get.map("Key") == nullptr) {
      v.add(std::nullopt, prefix + ".key", "Member must not be null");
    }
    check_table_name(v, get.string("TableName"), prefix + ".tableName", true);
  }
  result.capacity = read_capacity_mode(f, v);
  v.raise_if_any();
}

GetAction read_get(const JsonValue& get) {
  Fields f(get);
  GetAction action;
  action.table_name = std::string(*f.string("TableName"));
  action.key = parse_attribute_map(*f.map("Key"));
  ExpressionMembers members = read_expression_members(f, {"ProjectionExpression"}, {});
  expr::Resolver resolver(members.attributes);
  if (f.raw("ProjectionExpression") != nullptr) {
    action.projection = read_projection(f, members, resolver);
  }
  resolver.check_all_used();
  return action;
}

}  // namespace

TransactGetRequest read_transact_get_request(const JsonValue& request) {
  Fields f(request);
  const JsonValue* items = f.list("TransactItems");
  std::vector<const JsonValue*> gets = read_raw_gets(items);
  TransactGetRequest result;
  check_constraints(f, items, gets, result);
  result.actions.reserve(gets.size());
  for (const JsonValue* get : gets) {
    result.actions.push_back(read_get(*get));
  }
  return result;
}

}  // namespace protocol::transact
