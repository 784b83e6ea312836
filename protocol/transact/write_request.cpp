#include "protocol/transact/write_request.h"

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/item_update.h"
#include "protocol/transact/common.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol::transact {

namespace {

// ClientRequestToken: 1 to 36 characters.
constexpr size_t kMaxTokenLength = 36;

using Kind = JavaField::Kind;

// The Java toString members of an action, in the order DynamoDB's model declares them: its item or
// key, Update's UpdateExpression, then the members all actions share.
std::vector<JavaField> action_fields(JavaField attributes, bool update) {
  std::vector<JavaField> fields = {attributes};
  if (update) {
    fields.push_back({"UpdateExpression", "updateExpression"});
  }
  fields.insert(fields.end(),
                {{"TableName", "tableName"},
                 {"ConditionExpression", "conditionExpression"},
                 {"ExpressionAttributeNames", "expressionAttributeNames", Kind::kStringMap},
                 {"ExpressionAttributeValues", "expressionAttributeValues", Kind::kAttributeMap},
                 {"ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure"}});
  return fields;
}

const JavaField kItemField = {"Item", "item", Kind::kAttributeMap};
const JavaField kKeyField = {"Key", "key", Kind::kAttributeMap};
const std::vector<JavaField> kConditionCheckFields = action_fields(kKeyField, false);
const std::vector<JavaField> kPutFields = action_fields(kItemField, false);
const std::vector<JavaField> kDeleteFields = action_fields(kKeyField, false);
const std::vector<JavaField> kUpdateFields = action_fields(kKeyField, true);
const std::vector<JavaField> kTransactWriteItemFields = {
    {"ConditionCheck", "conditionCheck", Kind::kStructure, "ConditionCheck",
     &kConditionCheckFields},
    {"Put", "put", Kind::kStructure, "Put", &kPutFields},
    {"Delete", "delete", Kind::kStructure, "Delete", &kDeleteFields},
    {"Update", "update", Kind::kStructure, "Update", &kUpdateFields}};

// What differs between the four actions.
struct ActionSpec {
  ActionKind kind;
  std::string_view member;               // "Put"
  std::string_view path;                 // "put", in constraint messages
  std::string_view attributes;           // "Item" or "Key"
  std::string_view required;             // an expression the action cannot do without, or ""
  std::vector<std::string> expressions;  // the expression members it accepts
};

// In the order of DynamoDB's model (TransactWriteItem's members).
const std::vector<ActionSpec>& action_specs() {
  static const std::vector<ActionSpec> specs = {
      {ActionKind::kConditionCheck,
       "ConditionCheck",
       "conditionCheck",
       "Key",
       "ConditionExpression",
       {"ConditionExpression"}},
      {ActionKind::kPut, "Put", "put", "Item", "", {"ConditionExpression"}},
      {ActionKind::kDelete, "Delete", "delete", "Key", "", {"ConditionExpression"}},
      {ActionKind::kUpdate,
       "Update",
       "update",
       "Key",
       "UpdateExpression",
       {"UpdateExpression", "ConditionExpression"}},
  };
  return specs;
}

struct RawAction {
  const ActionSpec* spec = nullptr;
  const JsonValue* object = nullptr;
};

// The actions present in one TransactWriteItem (exactly one when the request is valid).
using RawItem = std::vector<RawAction>;

// The type checks of one action's members (SerializationException), before any constraint.
void check_action_types(const JsonValue& object, const ActionSpec& spec) {
  Fields f(object);
  f.map(spec.attributes);
  f.string("TableName");
  for (const auto& expression : spec.expressions) {
    f.string(expression);
  }
  f.map("ExpressionAttributeNames");
  f.map("ExpressionAttributeValues");
  f.string("ReturnValuesOnConditionCheckFailure");
}

std::vector<RawItem> read_raw_items(const JsonValue* items) {
  std::vector<RawItem> raw_items;
  if (items == nullptr) {
    return raw_items;
  }
  for (const auto& element : items->GetArray()) {
    RawItem raw;
    if (!element.IsNull()) {
      Fields f(expect_structure(element));
      for (const auto& spec : action_specs()) {
        if (const JsonValue* object = f.structure(spec.member)) {
          check_action_types(*object, spec);
          raw.push_back({&spec, object});
        }
      }
    }
    raw_items.push_back(std::move(raw));
  }
  return raw_items;
}

std::string lower_first(std::string_view name) {
  std::string text(name);
  text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

void add_action_violations(Violations& v, const RawAction& raw, size_t position) {
  Fields f(*raw.object);
  std::string prefix =
      "transactItems." + std::to_string(position) + ".member." + std::string(raw.spec->path) + ".";
  if (f.map(raw.spec->attributes) == nullptr) {
    v.add(std::nullopt, prefix + lower_first(raw.spec->attributes), "Member must not be null");
  }
  bool update = raw.spec->kind == ActionKind::kUpdate;
  if (update && f.raw(raw.spec->required) == nullptr) {
    v.add(std::nullopt, prefix + lower_first(raw.spec->required), "Member must not be null");
  }
  check_table_name(v, f.string("TableName"), prefix + "tableName", true);
  if (!update && !raw.spec->required.empty() && f.raw(raw.spec->required) == nullptr) {
    v.add(std::nullopt, prefix + lower_first(raw.spec->required), "Member must not be null");
  }
  read_return_old_on_failure(f, v, prefix + "returnValuesOnConditionCheckFailure");
}

void check_token(Violations& v, std::optional<std::string_view> token) {
  if (token && expr::utf16_length(*token) > kMaxTokenLength) {
    v.add(*token, "clientRequestToken", "Member must have length less than or equal to 36");
  }
  if (token && token->empty()) {
    v.add(*token, "clientRequestToken", "Member must have length greater than or equal to 1");
  }
}

// Constraint violations of the whole request, reported together (SerializationException texts
// were raised by the type pass before).
void check_constraints(const Fields& f, const JsonValue* items,
                       const std::vector<RawItem>& raw_items, TransactWriteRequest& result) {
  Violations v;
  check_transact_items(v, items, [items] {
    return java_list(*items, [](const JsonValue& element) {
      return java_structure("TransactWriteItem", &element, kTransactWriteItemFields);
    });
  });
  for (size_t i = 0; i < raw_items.size(); ++i) {
    for (const auto& raw : raw_items[i]) {
      add_action_violations(v, raw, i + 1);
    }
  }
  result.capacity = read_capacity_mode(f, v);
  result.collection_metrics = read_collection_metrics(f, v);
  result.token = read_client_request_token(f, v);
  v.raise_if_any();
}

void check_shapes(const std::vector<RawItem>& raw_items) {
  for (const auto& raw : raw_items) {
    if (raw.size() > 1) {
      throw ApiError::validation(
          "TransactItems can only contain one of Check, Put, Update or Delete");
    }
    if (raw.empty()) {
      throw ApiError::validation(
          "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
    }
  }
}

// One action's values and expressions, checked as the single-item operation checks them.
// `payload` grows by what the action carries (its item or key, and its expression values).
WriteAction read_action(const RawAction& raw, size_t& payload) {
  Fields f(*raw.object);
  WriteAction action;
  action.kind = raw.spec->kind;
  action.table_name = std::string(*f.string("TableName"));
  action.attributes = parse_attribute_map(*f.map(raw.spec->attributes));
  action.condition.return_old_on_failure =
      f.string("ReturnValuesOnConditionCheckFailure") == "ALL_OLD";
  ExpressionMembers members = read_expression_members(f, raw.spec->expressions, {});
  expr::Resolver resolver(members.attributes);
  if (action.kind == ActionKind::kUpdate) {
    action.update = read_update(f, resolver);
  }
  if (f.raw("ConditionExpression") != nullptr) {
    action.condition.condition = read_condition(f, members, resolver);
  }
  resolver.check_all_used();
  if (action.kind == ActionKind::kPut) {
    check_item_size(action.attributes);
  }
  payload += storage::item_size(action.attributes);
  for (const auto& [name, value] : members.attributes.values) {
    payload += storage::value_size(value);
  }
  return action;
}

// DynamoDB's text repeats itself; it is recorded as seen (DYNAMODB_MESSAGES.md).
[[noreturn]] void payload_too_large(size_t payload) {
  const std::string head = "Transaction payload size cannot exceed 4MB. Payload Size: ";
  throw ApiError::validation(head + ": " + head + std::to_string(payload));
}

}  // namespace

std::optional<std::string> read_client_request_token(const Fields& f, Violations& v) {
  auto token = f.string("ClientRequestToken");
  check_token(v, token);
  return token ? std::optional<std::string>(*token) : std::nullopt;
}

TransactWriteRequest read_transact_write_request(const JsonValue& request) {
  Fields f(request);
  const JsonValue* items = f.list("TransactItems");
  std::vector<RawItem> raw_items = read_raw_items(items);
  TransactWriteRequest result;
  check_constraints(f, items, raw_items, result);
  check_shapes(raw_items);
  size_t payload = 0;
  result.actions.reserve(raw_items.size());
  for (const auto& raw : raw_items) {
    result.actions.push_back(read_action(raw.front(), payload));
    if (payload > kMaxPayloadBytes) {
      payload_too_large(payload);
    }
  }
  result.fingerprint = fingerprint(*items);
  return result;
}

}  // namespace protocol::transact
