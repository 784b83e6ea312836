#pragma once

#include <string>
#include <utility>
#include <vector>

#include "protocol/expr/ast.h"

// Syntax trees built by code rather than parsed: the legacy parameters (Expected, QueryFilter)
// and PartiQL's statements become conditions of the expression language through these.
namespace protocol::expr {

inline Path top_level_path(const std::string& name) {
  Path path;
  path.elements.push_back(PathElement{PathElement::Kind::kName, name, false, 0});
  return path;
}

inline Operand path_operand(Path path) {
  Operand operand;
  operand.kind = Operand::Kind::kPath;
  operand.path = std::move(path);
  return operand;
}

inline Operand value_operand(storage::AttributeValue value) {
  Operand operand;
  operand.kind = Operand::Kind::kValue;
  operand.value = std::move(value);
  return operand;
}

inline Condition function_condition(Function function, std::vector<Operand> operands) {
  Condition c;
  c.kind = Condition::Kind::kFunction;
  c.function = function;
  c.operands = std::move(operands);
  return c;
}

// kAnd or kOr of two conditions.
inline Condition combine(Condition::Kind kind, Condition a, Condition b) {
  Condition c;
  c.kind = kind;
  c.children.push_back(std::move(a));
  c.children.push_back(std::move(b));
  return c;
}

inline Condition negate(Condition inner) {
  Condition c;
  c.kind = Condition::Kind::kNot;
  c.children.push_back(std::move(inner));
  return c;
}

}  // namespace protocol::expr
