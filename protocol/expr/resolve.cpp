#include <set>
#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "protocol/expr/parse_state.h"

// Resolution follows DynamoDB's validation of a parsed expression (ExpressionValidator in DynamoDB
// Local): a walk that visits each operator's operands before the operator, checking each path's
// depth before its #names, looking up each :value, then the operator's operand count (and IN's
// at most 100 candidates), then counting it against the limit of 300. The first problem met ends
// the walk. The checks of operand types that follow are check_condition_operands' and
// check_update_operands' (evaluate.cpp, update.cpp).
namespace protocol::expr {

namespace {

std::string count_problem(std::string_view name, size_t count) {
  return "Incorrect number of operands for operator or function; operator or function: " +
         std::string(name) + ", number of operands: " + std::to_string(count);
}

// One expression's walk. Marks the #names and :values it uses in the Resolver's sets.
class Walk {
 public:
  Walk(const ExpressionAttributes& attributes, std::set<std::string>& used_names,
       std::set<std::string>& used_values, Source source)
      : attributes_(attributes),
        used_names_(used_names),
        used_values_(used_values),
        source_(source) {}

  void path(Path& path) {
    if (path.elements.size() > kMaxPathDepth) {
      throw invalid(source_, "The document path has too many nesting levels; nesting levels: " +
                                 std::to_string(path.elements.size()));
    }
    for (PathElement& element : path.elements) {
      if (element.kind == PathElement::Kind::kName && element.is_reference) {
        name(element);
      }
    }
  }

  void operand(Operand& operand) {
    switch (operand.kind) {
      case Operand::Kind::kPath:
        path(operand.path);
        return;
      case Operand::Kind::kValue:
        value(operand);
        return;
      case Operand::Kind::kSize:
        return call(operand, "size", 1);
      case Operand::Kind::kIfNotExists:
        return call(operand, "if_not_exists", 2);
      case Operand::Kind::kListAppend:
        return call(operand, "list_append", 2);
      case Operand::Kind::kPlus:
        return call(operand, "+", 2);
      case Operand::Kind::kMinus:
        return call(operand, "-", 2);
    }
  }

  void condition(Condition& condition) {
    for (Operand& operand : condition.operands) {
      this->operand(operand);
    }
    for (Condition& child : condition.children) {
      this->condition(child);
    }
    if (condition.kind == Condition::Kind::kIn && condition.operands.size() - 1 > kMaxInOperands) {
      throw too_many_in_operands(source_, condition.operands.size() - 1);
    }
    if (condition.kind == Condition::Kind::kFunction) {
      const size_t wanted = condition.function == Function::kAttributeExists ||
                                    condition.function == Function::kAttributeNotExists
                                ? 1
                                : 2;
      if (condition.operands.size() != wanted) {
        throw invalid(source_,
                      count_problem(function_name(condition.function), condition.operands.size()));
      }
    }
    count_operator();
  }

 private:
  void name(PathElement& element) {
    auto it = attributes_.names.find(element.name);
    if (it == attributes_.names.end()) {
      throw invalid(source_,
                    "An expression attribute name used in the document path is not defined; "
                    "attribute name: " +
                        element.name);
    }
    used_names_.insert(element.name);
    element.name = it->second;
    element.is_reference = false;
  }

  void value(Operand& operand) {
    auto it = attributes_.values.find(operand.value_ref);
    if (it == attributes_.values.end()) {
      throw invalid(source_,
                    "An expression attribute value used in expression is not defined; "
                    "attribute value: " +
                        operand.value_ref);
    }
    used_values_.insert(operand.value_ref);
    operand.value = it->second;
  }

  void call(Operand& operand, std::string_view name, size_t wanted) {
    for (Operand& arg : operand.args) {
      this->operand(arg);
    }
    if (operand.args.size() != wanted) {
      throw invalid(source_, count_problem(name, operand.args.size()));
    }
    count_operator();
  }

  // Comparisons, BETWEEN, IN, AND, OR, NOT and function calls count; the message names the count
  // that crossed the limit, so it always says 301.
  void count_operator() {
    if (++operators_ > kMaxOperators) {
      throw invalid(source_, "The expression contains too many operators; operator count: " +
                                 std::to_string(operators_));
    }
  }

  const ExpressionAttributes& attributes_;
  std::set<std::string>& used_names_;
  std::set<std::string>& used_values_;
  Source source_;
  size_t operators_ = 0;
};

// "keys: {#a, #b}" for the defined keys the expressions never used.
template <typename Map>
std::string unused_keys(const Map& defined, const std::set<std::string>& used) {
  std::string keys;
  for (const auto& entry : defined) {
    if (used.count(entry.first) == 0) {
      keys += keys.empty() ? "" : ", ";
      keys += entry.first;
    }
  }
  return keys;
}

}  // namespace

void Resolver::resolve(Condition& condition, Source source) {
  Walk(attributes_, used_names_, used_values_, source).condition(condition);
}

// The updated paths come first, each checked against the ones before it as soon as its #names are
// known; then each action's value.
void Resolver::resolve(UpdateExpression& update) {
  Walk walk(attributes_, used_names_, used_values_, Source::kUpdateExpression);
  std::vector<const Path*> earlier;
  for (UpdateAction& action : update.actions) {
    walk.path(action.path);
    check_new_path(earlier, action.path, Source::kUpdateExpression);
    earlier.push_back(&action.path);
  }
  for (UpdateAction& action : update.actions) {
    if (action.kind != UpdateAction::Kind::kRemove) {
      walk.operand(action.value);
    }
  }
}

void Resolver::resolve(Projection& projection) {
  Walk walk(attributes_, used_names_, used_values_, Source::kProjectionExpression);
  std::vector<const Path*> earlier;
  for (Path& path : projection) {
    walk.path(path);
    check_new_path(earlier, path, Source::kProjectionExpression);
    earlier.push_back(&path);
  }
}

void Resolver::check_all_used() const {
  if (std::string keys = unused_keys(attributes_.names, used_names_); !keys.empty()) {
    throw ApiError::validation(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
  }
  if (std::string keys = unused_keys(attributes_.values, used_values_); !keys.empty()) {
    throw ApiError::validation(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}");
  }
}

}  // namespace protocol::expr
