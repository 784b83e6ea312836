// UpdateExpression application on typed items, and DynamoDB's static checks on its :values.
//
// The model is DynamoDB Local's ExpressionExecutor.createNewDocumentInternal ([Local], see
// compare.cpp): the action paths form a tree, and the new item is built by walking the old item
// along that tree. That gives DynamoDB's observable rules without special cases:
//   - every right-hand side reads the item as it was before the update ([Local] evaluates against
//     the original document; [Alternator] test_update_expression_multi_with_copy, "SET x = :v,
//     y = x" copies the old x);
//   - list indexes name positions in the old list, so "REMOVE a[1] SET a[3] = :v" changes the old
//     a[3] ([Alternator] test_update_expression_nested_remove_list_item_original_number);
//   - writes past a list's end append, in index order ([Alternator]
//     test_nested_attribute_update_array_out_of_bounds; Developer Guide, "Adding elements to a
//     list");
//   - a path whose parent is missing or of the wrong kind is "invalid for update", for SET, REMOVE,
//     ADD and DELETE alike ([dynalite] test/updateItem.js, "update non-existent nested attribute"),
//     while a missing leaf is fine for REMOVE and DELETE.
// Run-time errors carry no "Invalid UpdateExpression:" prefix ([Local] ExceptionHandler maps them
// to ErrorFactory's bare texts); static ones do.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "protocol/wire/number_errors.h"

namespace protocol::expr {

using storage::AttributeMap;
using storage::AttributeValue;
using storage::Item;
using storage::Number;
using storage::ValueType;

namespace {

// Values nested in more containers than this are refused, as protocol/value_json.cpp refuses them
// on input (kMaxAttributeNesting there; repeated here to keep expr/ free of JSON).
constexpr int kMaxNesting = 32;

[[noreturn]] void missing_attribute() {
  throw ApiError::validation(
      "The provided expression refers to an attribute that does not exist in the item");
}
[[noreturn]] void incorrect_type() {
  throw ApiError::validation(std::string(kIncorrectOperandTypeMessage));
}
[[noreturn]] void invalid_path() {
  throw ApiError::validation(
      "The document path provided in the update expression is invalid for update");
}

// [Alternator] test_update_expression_plus_imprecise: DynamoDB reports a sum that needs more than
// 38 digits (1e50 + 1) with its overflow text, not the "38 significant digits" one.
Number arithmetic(const Number& a, const Number& b, bool add) {
  try {
    return add ? a.plus(b) : a.minus(b);
  } catch (const storage::NumberError& e) {
    const storage::NumberProblem problem = e.problem() == storage::NumberProblem::kUnderflow
                                               ? storage::NumberProblem::kUnderflow
                                               : storage::NumberProblem::kOverflow;
    throw ApiError::validation(number_problem_message(problem, ""));
  }
}

// The two operands of if_not_exists: the parser may keep the path in `path` with the fallback in
// args[0], or give both as args.
std::pair<Operand, const Operand*> if_not_exists_parts(const Operand& operand) {
  if (operand.args.size() >= 2) {
    return {operand.args[0], &operand.args[1]};
  }
  Operand path;
  path.kind = Operand::Kind::kPath;
  path.path = operand.path;
  return {path, operand.args.empty() ? nullptr : &operand.args[0]};
}

std::optional<AttributeValue> value_of(const Operand& operand, const Item& before);

// [Local] executeOperator: every operand is evaluated first, then checked in order: missing, then
// of the wrong type.
std::pair<AttributeValue, AttributeValue> two_of(const Operand& operand, ValueType type,
                                                 const Item& before) {
  if (operand.args.size() != 2) {
    missing_attribute();
  }
  std::optional<AttributeValue> first = value_of(operand.args[0], before);
  std::optional<AttributeValue> second = value_of(operand.args[1], before);
  for (const std::optional<AttributeValue>* value : {&first, &second}) {
    if (!value->has_value()) {
      missing_attribute();
    }
    if ((*value)->type != type) {
      incorrect_type();
    }
  }
  return {std::move(*first), std::move(*second)};
}

// The value of a SET right-hand side, read from the item before the update; nullopt if missing.
std::optional<AttributeValue> value_of(const Operand& operand, const Item& before) {
  switch (operand.kind) {
    case Operand::Kind::kPath: {
      const AttributeValue* found = find_path(before, operand.path);
      return found ? std::optional<AttributeValue>(*found) : std::nullopt;
    }
    case Operand::Kind::kValue:
      return operand.value;
    case Operand::Kind::kIfNotExists: {
      auto [path, fallback] = if_not_exists_parts(operand);
      std::optional<AttributeValue> existing = value_of(path, before);
      std::optional<AttributeValue> otherwise =
          fallback ? value_of(*fallback, before) : std::nullopt;
      if (!otherwise) {
        missing_attribute();  // [Local] ifNotExist: a missing fallback fails even if unused
      }
      return existing ? existing : otherwise;
    }
    case Operand::Kind::kListAppend: {
      auto [first, second] = two_of(operand, ValueType::kList, before);
      first.list.insert(first.list.end(), std::make_move_iterator(second.list.begin()),
                        std::make_move_iterator(second.list.end()));
      return first;
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      auto [first, second] = two_of(operand, ValueType::kNumber, before);
      return AttributeValue::num(
          arithmetic(first.number, second.number, operand.kind == Operand::Kind::kPlus));
    }
    case Operand::Kind::kSize:
      break;  // not an update function; the parser refuses it
  }
  return std::nullopt;
}

bool is_set(ValueType t) {
  return t == ValueType::kStringSet || t == ValueType::kNumberSet || t == ValueType::kBinarySet;
}
bool allowed_for_add(ValueType t) { return t == ValueType::kNumber || is_set(t); }

// Set union and difference through an ordered index of one side, so that two large sets (an item
// may hold tens of thousands of small elements) cost O(n log n), not O(n * m).
template <typename T>
void unite(std::vector<T>& into, const std::vector<T>& more) {
  std::set<T> present(into.begin(), into.end());
  for (const T& element : more) {
    if (present.insert(element).second) {
      into.push_back(element);  // existing elements keep their places; new ones follow
    }
  }
}

template <typename T>
void subtract(std::vector<T>& from, const std::vector<T>& gone) {
  const std::set<T> removed(gone.begin(), gone.end());
  std::erase_if(from, [&](const T& element) { return removed.contains(element); });
}

// ADD: a missing target takes the value (numbers start from 0); otherwise the types must match.
AttributeValue add_to(const AttributeValue* existing, const AttributeValue& value) {
  if (existing == nullptr) {
    return value;
  }
  if (existing->type != value.type) {
    incorrect_type();
  }
  AttributeValue result = *existing;
  if (value.type == ValueType::kNumber) {
    result.number = arithmetic(existing->number, value.number, true);
  } else if (value.type == ValueType::kNumberSet) {
    unite(result.number_set, value.number_set);
  } else {
    unite(result.byte_set, value.byte_set);
  }
  return result;
}

// DELETE: removes the elements; an emptied set disappears (DynamoDB has no empty sets), and a
// missing target stays missing.
std::optional<AttributeValue> delete_from(const AttributeValue* existing,
                                          const AttributeValue& value) {
  if (existing == nullptr) {
    return std::nullopt;
  }
  if (existing->type != value.type) {
    incorrect_type();
  }
  AttributeValue result = *existing;
  if (value.type == ValueType::kNumberSet) {
    subtract(result.number_set, value.number_set);
  } else {
    subtract(result.byte_set, value.byte_set);
  }
  const bool emptied =
      value.type == ValueType::kNumberSet ? result.number_set.empty() : result.byte_set.empty();
  return emptied ? std::nullopt : std::optional<AttributeValue>(std::move(result));
}

// One node of the tree of action paths: a leaf holds its action, an inner node its children.
struct Node {
  const UpdateAction* action = nullptr;
  const AttributeValue* set_value = nullptr;  // SET leaves: the value computed before any write
  std::map<std::string, Node, std::less<>> names;
  std::map<uint32_t, Node> indexes;
};

const Path& first_leaf_path(const Node& node) {
  const Node* current = &node;
  while (current->action == nullptr) {
    current = current->names.empty() ? &current->indexes.begin()->second
                                     : &current->names.begin()->second;
  }
  return current->action->path;
}

// check_update rejects overlapping and conflicting paths first; this only keeps the walk sound if
// it was skipped.
[[noreturn]] void path_clash(const char* what, const Path& one, const Path& two) {
  throw paths_clash(Source::kUpdateExpression, what, one, two);
}

void add_to_tree(Node& root, const UpdateAction& action, const AttributeValue* set_value) {
  Node* node = &root;
  for (const PathElement& step : action.path.elements) {
    if (node->action != nullptr) {
      path_clash("overlap", action.path, node->action->path);
    }
    const bool by_name = step.kind == PathElement::Kind::kName;
    if (by_name ? !node->indexes.empty() : !node->names.empty()) {
      path_clash("conflict", action.path, first_leaf_path(*node));
    }
    node = by_name ? &node->names[step.name] : &node->indexes[step.index];
  }
  if (node->action != nullptr || !node->names.empty() || !node->indexes.empty()) {
    path_clash("overlap", action.path, first_leaf_path(*node));
  }
  node->action = &action;
  node->set_value = set_value;
}

// What a leaf's action leaves at its path, given the value there now (nullptr if none); nullopt
// means the path ends up without a value.
std::optional<AttributeValue> leaf_result(const Node& leaf, const AttributeValue* existing) {
  const UpdateAction& action = *leaf.action;
  switch (action.kind) {
    case UpdateAction::Kind::kSet:
      return *leaf.set_value;
    case UpdateAction::Kind::kRemove:
      return std::nullopt;
    case UpdateAction::Kind::kAdd:
      return add_to(existing, action.value.value);
    case UpdateAction::Kind::kDelete:
      return delete_from(existing, action.value.value);
  }
  return std::nullopt;
}

void apply_map(const Node& node, AttributeMap& map);
void apply_list(const Node& node, std::vector<AttributeValue>& list);

// Descends into an existing value for an inner node: it must be the container the children name.
void apply_inner(const Node& node, AttributeValue& value) {
  if (!node.names.empty() && value.type == ValueType::kMap) {
    apply_map(node, value.map);
  } else if (!node.indexes.empty() && value.type == ValueType::kList) {
    apply_list(node, value.list);
  } else {
    invalid_path();
  }
}

void apply_map(const Node& node, AttributeMap& map) {
  if (!node.indexes.empty()) {
    invalid_path();
  }
  for (const auto& [name, child] : node.names) {
    auto found = map.find(name);
    AttributeValue* existing = found == map.end() ? nullptr : &found->second;
    if (child.action == nullptr) {
      if (existing == nullptr) {
        invalid_path();
      }
      apply_inner(child, *existing);
      continue;
    }
    std::optional<AttributeValue> result = leaf_result(child, existing);
    if (result && existing) {
      *existing = std::move(*result);
    } else if (result) {
      map.emplace(name, std::move(*result));
    } else if (existing) {
      map.erase(found);
    }
  }
}

// Rebuilds the list in one pass over the old positions, then appends writes past the end in index
// order; removed positions simply produce nothing.
void apply_list(const Node& node, std::vector<AttributeValue>& list) {
  std::vector<AttributeValue> out;
  out.reserve(list.size() + node.indexes.size());
  auto child = node.indexes.begin();
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (child == node.indexes.end() || child->first != i) {
      out.push_back(std::move(list[i]));
      continue;
    }
    if (child->second.action == nullptr) {
      apply_inner(child->second, list[i]);
      out.push_back(std::move(list[i]));
    } else if (std::optional<AttributeValue> result = leaf_result(child->second, &list[i])) {
      out.push_back(std::move(*result));
    }
    ++child;
  }
  for (; child != node.indexes.end(); ++child) {
    if (child->second.action == nullptr) {
      invalid_path();  // a nested path under an element that does not exist
    }
    if (std::optional<AttributeValue> result = leaf_result(child->second, nullptr)) {
      out.push_back(std::move(*result));
    }
  }
  list = std::move(out);
}

// True when some value sits inside kMaxNesting or more containers (a top-level attribute's value is
// at depth 0), the same limit protocol/value_json.cpp applies to items as they arrive.
bool too_deep(const AttributeValue& value, int depth) {
  if (depth >= kMaxNesting) {
    return true;
  }
  if (value.type == ValueType::kList) {
    for (const AttributeValue& element : value.list) {
      if (too_deep(element, depth + 1)) {
        return true;
      }
    }
  } else if (value.type == ValueType::kMap) {
    for (const auto& [name, member] : value.map) {
      if (too_deep(member, depth + 1)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

Item apply_update(const UpdateExpression& update, Item item) {
  // Normally already done for the request; repeated so that a skipped check cannot let an ADD of a
  // string or a DELETE of a number through. It never throws for an expression that passed.
  check_update_operands(update);
  // SET values first, from the unchanged item; the vector is complete before the tree points in.
  std::vector<AttributeValue> set_values;
  set_values.reserve(update.actions.size());
  for (const UpdateAction& action : update.actions) {
    if (action.kind == UpdateAction::Kind::kSet) {
      std::optional<AttributeValue> value = value_of(action.value, item);
      if (!value) {
        missing_attribute();
      }
      set_values.push_back(std::move(*value));
    } else if (action.kind != UpdateAction::Kind::kRemove &&
               action.value.kind != Operand::Kind::kValue) {
      missing_attribute();  // ADD and DELETE take a :value; the parser allows nothing else
    }
  }
  Node root;
  size_t next_value = 0;
  for (const UpdateAction& action : update.actions) {
    const bool is_set_action = action.kind == UpdateAction::Kind::kSet;
    add_to_tree(root, action, is_set_action ? &set_values[next_value++] : nullptr);
  }
  apply_map(root, item);
  for (const auto& [name, value] : item) {
    if (too_deep(value, 0)) {
      throw ApiError::validation("Nesting Levels have exceeded supported limits");
    }
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// Static checks ([Local] ExpressionValidator.attachUpdateExpression: each action's value tree is
// validated operands-first, then ADD/DELETE value types, action by action in written order).
// ---------------------------------------------------------------------------------------------
namespace {

bool accepts_number(ValueType t) { return t == ValueType::kNumber; }
bool accepts_list(ValueType t) { return t == ValueType::kList; }

[[noreturn]] void fail_static(const std::string& message) {
  throw invalid(Source::kUpdateExpression, message);
}

void check_set_operand(const Operand& operand) {
  for (const Operand& argument : operand.args) {
    check_set_operand(argument);
  }
  switch (operand.kind) {
    case Operand::Kind::kPlus:
      check_operand_types(Source::kUpdateExpression, "+", operand.args, accepts_number);
      break;
    case Operand::Kind::kMinus:
      check_operand_types(Source::kUpdateExpression, "-", operand.args, accepts_number);
      break;
    case Operand::Kind::kListAppend:
      check_operand_types(Source::kUpdateExpression, "list_append", operand.args, accepts_list);
      break;
    case Operand::Kind::kIfNotExists: {
      auto [path, fallback] = if_not_exists_parts(operand);
      std::vector<Operand> operands{path};
      if (fallback) {
        operands.push_back(*fallback);
      }
      if (std::optional<std::string> repeated = repeated_first_operand("if_not_exists", operands)) {
        fail_static(*repeated);
      }
      if (path.kind != Operand::Kind::kPath) {
        fail_static(
            "Operator or function requires a document path; operator or function: "
            "if_not_exists");
      }
      break;
    }
    default:
      break;
  }
}

// [Local] validateAddDeleteAction prints the action, DynamoDB's internal type name and the set of
// allowed types by its internal name.
void check_add_delete(const UpdateAction& action) {
  if (action.value.kind != Operand::Kind::kValue) {
    return;
  }
  const bool add = action.kind == UpdateAction::Kind::kAdd;
  const ValueType type = action.value.value.type;
  if (add ? allowed_for_add(type) : is_set(type)) {
    return;
  }
  fail_static("Incorrect operand type for operator or function; operator: " +
              std::string(add ? "ADD" : "DELETE") +
              ", operand type: " + std::string(long_type_name(type)) +
              ", typeSet: " + (add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
}

}  // namespace

void check_update_operands(const UpdateExpression& update) {
  for (const UpdateAction& action : update.actions) {
    switch (action.kind) {
      case UpdateAction::Kind::kSet:
        check_set_operand(action.value);
        break;
      case UpdateAction::Kind::kAdd:
      case UpdateAction::Kind::kDelete:
        check_add_delete(action);
        break;
      case UpdateAction::Kind::kRemove:
        break;
    }
  }
}

}  // namespace protocol::expr
