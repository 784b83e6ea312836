#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/value.h"

// The expression language's syntax tree, shared by condition, filter, key-condition, projection and
// update expressions. Parsing fills it with references (#name, :value) as written; resolve()
// replaces them with the request's ExpressionAttributeNames/Values; evaluation then runs on typed
// items only (never JSON).
namespace protocol::expr {

// One step of a document path: an attribute or map key name, or a list index.
struct PathElement {
  enum class Kind : uint8_t { kName, kIndex };
  Kind kind = Kind::kName;
  std::string name;           // kName: the name itself, or "#ref" before resolution
  bool is_reference = false;  // kName written as #ref (cleared by resolve)
  uint32_t index = 0;         // kIndex
};

// a.b[2].c  -> {a}, {b}, {[2]}, {c}
struct Path {
  std::vector<PathElement> elements;
};

// A value-producing operand.
struct Operand {
  enum class Kind : uint8_t {
    kPath,         // path
    kValue,        // :value (value_ref before resolution, value after)
    kSize,         // size(path)                       (conditions)
    kIfNotExists,  // if_not_exists(path, operand)     (update SET)
    kListAppend,   // list_append(operand, operand)    (update SET)
    kPlus,         // operand + operand                (update SET)
    kMinus,        // operand - operand                (update SET)
  };
  Kind kind = Kind::kPath;
  Path path;
  std::string value_ref;          // ":name" as written
  storage::AttributeValue value;  // resolved value
  std::vector<Operand> args;      // function/arithmetic arguments, in order
};

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

enum class Function : uint8_t {
  kAttributeExists,     // attribute_exists(path)
  kAttributeNotExists,  // attribute_not_exists(path)
  kAttributeType,       // attribute_type(path, :type)
  kBeginsWith,          // begins_with(operand, operand)
  kContains,            // contains(operand, operand)
};

struct Condition {
  enum class Kind : uint8_t { kCompare, kBetween, kIn, kFunction, kAnd, kOr, kNot };
  Kind kind = Kind::kCompare;
  Comparator comparator = Comparator::kEq;         // kCompare
  Function function = Function::kAttributeExists;  // kFunction
  // kCompare: 2; kBetween: 3 (value, low, high); kIn: 1 + candidates; kFunction: arguments.
  std::vector<Operand> operands;
  std::vector<Condition> children;  // kAnd/kOr: 2; kNot: 1
};

struct UpdateAction {
  enum class Kind : uint8_t { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  Path path;
  Operand value;  // SET: the new value; ADD/DELETE: the :value operand; REMOVE: unused
};

struct UpdateExpression {
  std::vector<UpdateAction> actions;  // in the order written
};

using Projection = std::vector<Path>;

}  // namespace protocol::expr
