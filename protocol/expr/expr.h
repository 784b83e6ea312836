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
  // Replaces #refs and :refs in place; undefined ones are DynamoDB's ValidationException.
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

// Evaluation: pure functions of the item (an absent item is the empty item) and resolved values.
bool evaluate(const Condition& condition, const storage::Item& item);
// Applies an update to `item` and returns the result. Type errors at run time (e.g. ADD to a
// string, list_append on a number, arithmetic overflow) are ValidationExceptions.
storage::Item apply_update(const UpdateExpression& update, storage::Item item);
// The parts of `item` named by `paths` (ProjectionExpression semantics).
storage::Item project(const storage::Item& item, const Projection& paths);
// The top-level-and-nested parts of `item` that `update` touched (for UPDATED_OLD/UPDATED_NEW).
storage::Item updated_attributes(const storage::Item& item, const UpdateExpression& update);

}  // namespace protocol::expr
