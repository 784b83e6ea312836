#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "protocol/expr/ast.h"
#include "storage/value.h"

// The public face of the expression language: parse, resolve, evaluate. Every failure is an
// ApiError (ValidationException) with DynamoDB's message text.
namespace protocol::expr {

// Which request member an expression came from; DynamoDB names it in its messages
// ("Invalid ConditionExpression: ...", "Invalid UpdateExpression: ...").
enum class Source : uint8_t {
  kConditionExpression,
  kFilterExpression,
  kKeyConditionExpression,
  kProjectionExpression,
  kUpdateExpression,
};
std::string_view source_name(Source source);
// A condition function's name as written and as DynamoDB prints it: "attribute_exists" ...
std::string_view function_name(Function function);

// Limits from the DynamoDB Developer Guide ("Expression limits"): 4 KB per expression string,
// 300 operators/functions, IN with at most 100 operands, paths at most 32 levels deep.
constexpr size_t kMaxExpressionBytes = 4096;
constexpr size_t kMaxInOperands = 100;
constexpr size_t kMaxPathDepth = 32;

// Parsing: syntax only (names and values stay as references). Throws ApiError.
Condition parse_condition(std::string_view text, Source source);
UpdateExpression parse_update(std::string_view text);
Projection parse_projection(std::string_view text);

// A request's ExpressionAttributeNames ("#n" -> name) and ExpressionAttributeValues
// (":v" -> value), already type-checked.
struct ExpressionAttributes {
  std::map<std::string, std::string, std::less<>> names;
  storage::AttributeMap values;
};

// Resolves the references of one request's expressions and records which were used. One Resolver
// serves all expressions of a request so that unused ones can be reported at the end.
class Resolver {
 public:
  explicit Resolver(const ExpressionAttributes& attributes) : attributes_(attributes) {}
  // Replaces #refs and :refs in place; undefined ones are DynamoDB's ValidationException. Like
  // DynamoDB's own validation walk it also refuses, in the same pass: paths deeper than 32, wrong
  // operand counts of functions, IN with over 100 candidates, more than 300 operators, and
  // (updates, projections) paths that overlap or conflict.
  void resolve(Condition& condition, Source source);
  void resolve(UpdateExpression& update);
  void resolve(Projection& projection);
  // DynamoDB's "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}"
  // and the same for values. Call after resolving every expression of the request.
  void check_all_used() const;

 private:
  const ExpressionAttributes& attributes_;
  std::set<std::string> used_names_;
  std::set<std::string> used_values_;
};

// Semantic checks DynamoDB applies after resolution (e.g. overlapping or conflicting update paths,
// key attributes in an update, projection path overlap). Throws ApiError.
void check_update(const UpdateExpression& update, const std::vector<std::string>& key_names);
void check_projection(const Projection& projection);

// DynamoDB's checks on resolved :values, made before any item is read: operand types per operator
// ("Incorrect operand type for operator or function; ..."), a first operand repeated among the
// others, BETWEEN bounds of different types or in the wrong order, IN with over 100 candidates,
// attribute_type's type name, ADD/DELETE value types, if_not_exists/attribute_exists needing a
// path. Call once per request after resolve(); evaluate() and apply_update() assume they passed.
// Throws ApiError (ValidationException, "Invalid <Source>: ..."). Implemented in evaluate.cpp and
// update.cpp.
void check_condition_operands(const Condition& condition, Source source);
void check_update_operands(const UpdateExpression& update);

// apply_update's message for a run-time type error. AttributeUpdates (the legacy form) words the
// same failure "Type mismatch for attribute to update".
inline constexpr std::string_view kIncorrectOperandTypeMessage =
    "An operand in the update expression has an incorrect data type";

// Evaluation: pure functions of the item (an absent item is the empty item) and resolved values.
// evaluate() never throws: a condition that passed check_condition_operands has no run-time errors.
bool evaluate(const Condition& condition, const storage::Item& item);
// Applies an update to `item` and returns the result. Type errors at run time (e.g. ADD to a
// string, list_append on a number, arithmetic overflow) are ValidationExceptions.
storage::Item apply_update(const UpdateExpression& update, storage::Item item);
// The parts of `item` named by `paths` (ProjectionExpression semantics).
storage::Item project(const storage::Item& item, const Projection& paths);
// The top-level-and-nested parts of `item` that `update` touched (for UPDATED_OLD/UPDATED_NEW).
storage::Item updated_attributes(const storage::Item& item, const UpdateExpression& update);

}  // namespace protocol::expr
