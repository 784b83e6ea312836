#include <algorithm>
#include <string>
#include <utility>

#include "protocol/partiql/syntax.h"

// UPDATE's SET right-hand sides as the expression language's update actions: values and paths,
// `a + n` and `a - n`, list_append and if_not_exists; `set_add(p, <<...>>)` and
// `set_delete(p, <<...>>)` are the expression language's ADD and DELETE of set elements.
namespace protocol::partiql {

namespace {

using expr::Operand;
using expr::UpdateAction;
using storage::ValueType;

[[noreturn]] void unsupported_operator(const std::string& op) {
  invalid("Unsupported operator in Update Expression. Operator: " + op);
}

bool is_set(ValueType type) {
  return type == ValueType::kStringSet || type == ValueType::kNumberSet ||
         type == ValueType::kBinarySet;
}

}  // namespace

UpdateAction Converter::assignment(expr::Path target, const Node& node) const {
  UpdateAction action;
  action.path = std::move(target);
  const bool set_call =
      node.kind == Node::Kind::kCall && (node.text == "set_add" || node.text == "set_delete");
  if (!set_call) {
    if (node.kind == Node::Kind::kBinary && (node.text == "+" || node.text == "-")) {
      action.value.kind = node.text == "+" ? Operand::Kind::kPlus : Operand::Kind::kMinus;
      action.value.args.push_back(update_operand(node.children[0]));
      action.value.args.push_back(update_operand(node.children[1]));
    } else {
      action.value = update_operand(node);
    }
    return action;
  }
  const std::string name = node.text == "set_add" ? "ADD" : "DELETE";
  action.kind = name == "ADD" ? UpdateAction::Kind::kAdd : UpdateAction::Kind::kDelete;
  if (node.children.size() != 2) {
    invalid("SET_" + name + " must have exactly two arguments" + at(node.position));
  }
  const Node& first = node.children[0];
  if (first.kind != Node::Kind::kPath ||
      first.path.elements.size() != action.path.elements.size() ||
      !std::equal(first.path.elements.begin(), first.path.elements.end(),
                  action.path.elements.begin(), [](const auto& a, const auto& b) {
                    return a.kind == b.kind && a.name == b.name && a.index == b.index;
                  })) {
    invalid("The first argument to SET_" + name + " must equal the assignment value" +
            at(node.position));
  }
  const Node& second = node.children[1];
  if (!is_value_node(second)) {
    invalid("The second argument to SET_" + name + " must be a value with type SET" +
            at(first.position));
  }
  storage::AttributeValue elements = value(second);
  if (!is_set(elements.type)) {
    invalid("The second argument to SET_" + name + " must be a value with type SET" +
            at(first.position));
  }
  action.value.kind = Operand::Kind::kValue;
  action.value.value = std::move(elements);
  return action;
}

// A SET operand: a path, a value, list_append(a, b) or if_not_exists(path, v); arithmetic only at
// the top of the right-hand side, as in the expression language.
Operand Converter::update_operand(const Node& node) const {
  if (node.kind == Node::Kind::kPath || is_value_node(node) || node.kind == Node::Kind::kMissing) {
    return operand(node);
  }
  if (node.kind == Node::Kind::kIs) {
    invalid("IS operator is not supported in update expressions");
  }
  if (node.kind != Node::Kind::kCall) {
    unsupported_operator(node.kind == Node::Kind::kBetween ? "between" : node.text);
  }
  Operand call;
  if (node.text == "list_append") {
    call.kind = Operand::Kind::kListAppend;
  } else if (node.text == "if_not_exists") {
    call.kind = Operand::Kind::kIfNotExists;
    if (!node.children.empty() && node.children[0].kind != Node::Kind::kPath) {
      invalid("Unsupported operator in Update Expression. Operator: if_not_exists");
    }
  } else {
    invalid("Unrecognized function: " + node.text + at(node.position));
  }
  if (node.children.size() != 2) {
    invalid("Incorrect number of operands for operator or function; operator or function: " +
            node.text + ", number of operands: " + std::to_string(node.children.size()));
  }
  for (const Node& argument : node.children) {
    call.args.push_back(update_operand(argument));
  }
  return call;
}

}  // namespace protocol::partiql
