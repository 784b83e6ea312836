#pragma once

// Builders for the expression tests (tests/protocol/expr_*_test.cpp): typed values in DynamoDB's
// short type names, and paths and operands built by hand, so that evaluation, updates and
// projections are tested without the parser.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "protocol/expr/ast.h"
#include "storage/number.h"
#include "storage/value.h"

namespace expr_test {

using protocol::expr::Operand;
using protocol::expr::Path;
using protocol::expr::PathElement;
using storage::AttributeValue;

inline AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
inline AttributeValue N(const char* text) {
  return AttributeValue::num(storage::Number::parse(text));
}
inline AttributeValue B(std::string b) { return AttributeValue::binary(std::move(b)); }
inline AttributeValue BOOL(bool b) { return AttributeValue::boolean_value(b); }
inline AttributeValue NUL() { return AttributeValue::null(); }
inline AttributeValue L(std::vector<AttributeValue> v) {
  return AttributeValue::list_of(std::move(v));
}
inline AttributeValue M(storage::AttributeMap m) { return AttributeValue::map_of(std::move(m)); }
inline AttributeValue SS(std::vector<std::string> v) {
  return AttributeValue::string_set(std::move(v));
}
inline AttributeValue BS(std::vector<std::string> v) {
  return AttributeValue::binary_set(std::move(v));
}
inline AttributeValue NS(std::vector<const char*> texts) {
  std::vector<storage::Number> numbers;
  for (const char* t : texts) {
    numbers.push_back(storage::Number::parse(t));
  }
  return AttributeValue::number_set_of(std::move(numbers));
}

// "a.b[2].c" -> {a}, {b}, {[2]}, {c}
inline Path P(const std::string& text) {
  Path path;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
    } else if (text[i] == '[') {
      const size_t close = text.find(']', i);
      PathElement e;
      e.kind = PathElement::Kind::kIndex;
      e.index = static_cast<uint32_t>(std::stoul(text.substr(i + 1, close - i - 1)));
      path.elements.push_back(e);
      i = close + 1;
    } else {
      const size_t end = text.find_first_of(".[", i);
      PathElement e;
      e.name = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
      path.elements.push_back(e);
      i = end == std::string::npos ? text.size() : end;
    }
  }
  return path;
}

// The operand for the path "a.b[2].c" (see P).
inline Operand path(const std::string& text) {
  Operand o;
  o.kind = Operand::Kind::kPath;
  o.path = P(text);
  return o;
}

// A resolved :value (written ":v").
inline Operand val(AttributeValue v) {
  Operand o;
  o.kind = Operand::Kind::kValue;
  o.value_ref = ":v";
  o.value = std::move(v);
  return o;
}

}  // namespace expr_test
