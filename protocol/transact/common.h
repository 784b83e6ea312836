#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/context.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"
#include "storage/value.h"

// Pieces shared by TransactWriteItems and TransactGetItems. tests/integration/DYNAMODB_MESSAGES.md,
// "Transactions", records the texts and where they come from.
namespace protocol::transact {

// DynamoDB's limits: actions per call, and bytes of items one transaction may carry or return.
constexpr size_t kMaxActions = 100;
constexpr size_t kMaxPayloadBytes = 4 * 1024 * 1024;

// Adds the violations of the TransactItems list itself: absent, empty, over 100. `echo` renders the
// list as DynamoDB echoes it (Java toString form); it is called only when a message needs it.
void check_transact_items(Violations& v, const JsonValue* items,
                          const std::function<std::string()>& echo);

// One member of a request structure in DynamoDB's Java toString echo.
struct JavaField {
  enum class Kind { kString, kAttributeMap, kStringMap, kStructure };
  std::string_view member;     // JSON member, e.g. "TableName"
  std::string_view java_name;  // e.g. "tableName"
  Kind kind = Kind::kString;
  // kStructure only: its class name and fields.
  std::string_view class_name = {};
  const std::vector<JavaField>* fields = nullptr;
};

// "Put(item={pk=...AttributeValue@1a2b}, tableName=t, conditionExpression=null, ...)"; "null" for
// a null or non-object value.
std::string java_structure(std::string_view class_name, const JsonValue* object,
                           const std::vector<JavaField>& fields);

// "[element, element, ...]" with each element rendered by `element`, cut after about
// batch::kMaxEchoBytes.
std::string java_list(const JsonValue& list,
                      const std::function<std::string(const JsonValue&)>& element);

// Throws TransactionCanceledException listing every action's reason in request order.
[[noreturn]] void throw_canceled(std::vector<CancellationReason> reasons);

// What an action names: its table and key. `whole_item` is a Put's item (its key attributes are
// the key, and missing or mistyped ones get PutItem's texts).
struct TargetRequest {
  std::string_view table_name;
  const storage::Item* attributes = nullptr;
  bool whole_item = false;
};

// An action's table, and the ValidationError reason found before anything is read (a key that does
// not fit the schema, an update of a key attribute): such a problem cancels the transaction rather
// than failing the request.
struct ActionTarget {
  storage::TablePtr table;
  std::optional<std::string> problem;
};

// Looks up each action's table (ResourceNotFoundException), checks its key against the schema,
// refuses empty or oversized key values (ValidationException, before anything is read) and two
// actions on one item ("Transaction request cannot include multiple operations on one item").
// In request order.
std::vector<ActionTarget> resolve_targets(const OpContext& ctx,
                                          const std::vector<TargetRequest>& requests);

}  // namespace protocol::transact
