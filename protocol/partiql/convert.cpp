#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "protocol/expr/build.h"
#include "protocol/partiql/syntax.h"
#include "protocol/wire/number_errors.h"
#include "storage/number.h"

// DynamoDB's translation of a parsed PartiQL tree into its own operations: WHERE trees become
// conditions, SET right-hand sides update actions, literals and parameters AttributeValues. What
// PartiQL parses but DynamoDB does not run is refused here with DynamoDB's texts.
namespace protocol::partiql {

namespace {

using expr::Condition;
using expr::Operand;
using storage::AttributeValue;
using storage::ValueType;

constexpr const char* kBagTypes =
    "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags";
constexpr const char* kNotBoolean =
    "WHERE clause must contain an expression that resolves to a boolean";
constexpr const char* kMissingCompared = "MISSING must be compared using IS operator";

// DynamoDB's text for a value nested deeper than 32 levels (the same as for items sent as JSON).
[[noreturn]] void too_deep() {
  invalid(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit");
}

void check_depth(const AttributeValue& value, size_t depth) {
  if (depth >= kMaxDocumentNesting) {
    too_deep();
  }
  for (const AttributeValue& element : value.list) {
    check_depth(element, depth + 1);
  }
  for (const auto& [name, member] : value.map) {
    check_depth(member, depth + 1);
  }
}

bool is_comparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == "<=" || op == ">" ||
         op == ">=";
}

// Whether `node` is a predicate PartiQL can combine with AND, OR and NOT.
bool is_predicate(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kBinary:
      return is_comparison(node.text) || node.text == "and" || node.text == "or" ||
             node.text == "in" || node.text == "like";
    case Node::Kind::kUnary:
      return node.text == "not";
    case Node::Kind::kBetween:
    case Node::Kind::kIs:
    case Node::Kind::kCall:
      return true;
    default:
      return false;
  }
}

expr::Comparator comparator(const std::string& op) {
  if (op == "=") return expr::Comparator::kEq;
  if (op == "<") return expr::Comparator::kLt;
  if (op == "<=") return expr::Comparator::kLe;
  if (op == ">") return expr::Comparator::kGt;
  if (op == ">=") return expr::Comparator::kGe;
  return expr::Comparator::kNe;  // <> and !=
}

using expr::path_operand;
using expr::value_operand;

// An ordering operator (<, <=, >, >=, BETWEEN) refuses a value of a type with no order, whatever
// the other side is: "Incorrect operand type for operator or function; operator or function: <,
// operand type: BOOL" (dynamodb-conformance tier2 partiql/comparison, AWS-verified).
void check_ordered(const std::string& op, const Condition& condition) {
  for (const Operand& operand : condition.operands) {
    if (operand.kind != Operand::Kind::kValue) {
      continue;
    }
    const ValueType type = operand.value.type;
    if (type != ValueType::kString && type != ValueType::kNumber && type != ValueType::kBinary) {
      invalid("Incorrect operand type for operator or function; operator or function: " + op +
              ", operand type: " + std::string(storage::type_name(type)));
    }
  }
}

[[noreturn]] void operand_count(const std::string& name, size_t count) {
  invalid("Incorrect number of operands for operator or function; operator or function: " + name +
          ", number of operands: " + std::to_string(count));
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  return text;
}

}  // namespace

bool is_value_node(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kString:
    case Node::Kind::kNumber:
    case Node::Kind::kBool:
    case Node::Kind::kNull:
    case Node::Kind::kParameter:
    case Node::Kind::kList:
    case Node::Kind::kStruct:
    case Node::Kind::kBag:
      return true;
    default:
      return false;
  }
}

AttributeValue Converter::value(const Node& node, const std::string& where, size_t depth) const {
  if (depth >= kMaxDocumentNesting) {
    too_deep();
  }
  switch (node.kind) {
    case Node::Kind::kString:
      return AttributeValue::string(node.text);
    case Node::Kind::kNumber:
      try {
        return AttributeValue::num(storage::Number::parse(node.text));
      } catch (const storage::NumberError& e) {
        invalid(number_problem_message(e.problem(), node.text) + " under " + where);
      }
    case Node::Kind::kBool:
      return AttributeValue::boolean_value(node.boolean);
    case Node::Kind::kNull:
      return AttributeValue::null();
    case Node::Kind::kParameter: {
      const AttributeValue& parameter = parameters_[node.parameter];
      check_depth(parameter, depth);
      return parameter;
    }
    case Node::Kind::kList: {
      std::vector<AttributeValue> elements;
      for (size_t i = 0; i < node.children.size(); ++i) {
        elements.push_back(
            value(node.children[i], where + "[" + std::to_string(i) + "]", depth + 1));
      }
      return AttributeValue::list_of(std::move(elements));
    }
    case Node::Kind::kStruct:
      return AttributeValue::map_of(tuple(node, where, depth));
    case Node::Kind::kBag:
      return bag(node);
    case Node::Kind::kMissing:
      invalid(kMissingCompared);
    case Node::Kind::kCall:  // DynamoDB names the function and points at it
      invalid("Unsupported data type: " + node.text + " under key " + where + at(node.position));
    default:
      invalid("Unsupported data type: " +
              std::string(node.kind == Node::Kind::kPath ? "PATH" : "EXPRESSION") + " under key " +
              where);
  }
}

// {'k': v, ...}: keys are string literals, each once; members sit one level deeper.
storage::AttributeMap Converter::tuple(const Node& node, const std::string& where,
                                       size_t depth) const {
  storage::AttributeMap members;
  for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
    const Node& key = node.children[i];
    if (key.kind != Node::Kind::kString) {
      invalid("Tuple keys must be of type String. Actual type: " +
              std::string(key.kind == Node::Kind::kNumber ? "N" : "UNKNOWN") + " under " + where);
    }
    if (members.count(key.text) != 0) {
      invalid("Duplicate keys in tuple. Key: " + key.text + " under " + where);
    }
    members.emplace(key.text, value(node.children[i + 1], where + "." + key.text, depth + 1));
  }
  return members;
}

// <<...>>: string or number literals only, all of one kind, none twice.
AttributeValue Converter::bag(const Node& node) const {
  if (node.children.empty()) {
    invalid("Empty bags are not supported");
  }
  const Node::Kind kind = node.children[0].kind;
  for (const Node& element : node.children) {
    if (element.kind != kind || (kind != Node::Kind::kString && kind != Node::Kind::kNumber)) {
      invalid(kBagTypes);
    }
  }
  if (kind == Node::Kind::kString) {
    std::vector<std::string> strings;
    for (const Node& element : node.children) {
      strings.push_back(element.text);
    }
    if (std::set<std::string>(strings.begin(), strings.end()).size() != strings.size()) {
      // As a string set on the wire (dynamodb-conformance tier3 error-messages/partiqlFunctions,
      // AWS-verified); a number bag keeps DynamoDB's bare text, as an NS does.
      std::string listed;
      for (const std::string& text : strings) {
        listed += (listed.empty() ? "" : ", ") + text;
      }
      invalid("One or more parameter values were invalid: Input collection [" + listed +
              "] contains duplicates.");
    }
    return AttributeValue::string_set(std::move(strings));
  }
  std::vector<storage::Number> numbers;
  for (const Node& element : node.children) {
    numbers.push_back(value(element).number);
  }
  std::vector<storage::Number> sorted = numbers;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    invalid("Input collection contains duplicates");
  }
  return AttributeValue::number_set_of(std::move(numbers));
}

storage::Item Converter::item(const Node& node) const {
  if (node.kind == Node::Kind::kParameter && parameters_[node.parameter].type == ValueType::kMap) {
    return parameters_[node.parameter].map;
  }
  if (node.kind != Node::Kind::kStruct) {
    invalid(
        "Unsupported format in item expression. Please use struct format {...} to express item "
        "values for insert statement.");
  }
  // DynamoDB names each attribute's value "root" in its messages; the item itself is no level.
  storage::Item item;
  for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
    const Node& key = node.children[i];
    if (key.kind != Node::Kind::kString) {
      invalid("Tuple keys must be of type String. Actual type: " +
              std::string(key.kind == Node::Kind::kNumber ? "N" : "UNKNOWN") + " under root");
    }
    if (item.count(key.text) != 0) {
      invalid("Duplicate keys in tuple. Key: " + key.text + " under root");
    }
    item.emplace(key.text, value(node.children[i + 1]));
  }
  return item;
}

Operand Converter::operand(const Node& node) const {
  if (node.kind == Node::Kind::kPath) {
    return path_operand(node.path);
  }
  if (is_value_node(node)) {
    return value_operand(value(node));
  }
  if (node.kind == Node::Kind::kMissing) {
    invalid(kMissingCompared);
  }
  if (node.kind == Node::Kind::kCall && node.text == "size") {
    if (node.children.size() != 1) {
      operand_count("size", node.children.size());
    }
    Operand size;
    size.kind = Operand::Kind::kSize;
    size.args.push_back(operand(node.children[0]));
    return size;
  }
  if (node.kind == Node::Kind::kCall) {
    invalid("Unrecognized function: " + node.text + at(node.position));
  }
  invalid("Unsupported operator in Condition Expression. Operator: " + node.text);
}

Condition Converter::condition(const Node& node, bool top) const {
  if (!is_predicate(node)) {
    invalid(top ? kNotBoolean : "The arguments to AND/OR must be Expressions");
  }
  Condition condition;
  if (node.kind == Node::Kind::kIs) {
    return is_test(node);
  }
  if (node.kind == Node::Kind::kCall) {
    return function(node);
  }
  if (node.kind == Node::Kind::kUnary) {
    if (!is_predicate(node.children[0])) {
      invalid("The argument to NOT must be a Type or Expression");
    }
    return expr::negate(this->condition(node.children[0], false));
  }
  if (node.kind == Node::Kind::kBetween) {
    condition.kind = Condition::Kind::kBetween;
    for (const Node& child : node.children) {
      condition.operands.push_back(operand(child));
    }
    check_ordered("BETWEEN", condition);
    return node.negated ? expr::negate(std::move(condition)) : condition;
  }
  const std::string& op = node.text;
  if (op == "and" || op == "or") {
    condition.kind = op == "and" ? Condition::Kind::kAnd : Condition::Kind::kOr;
    condition.children.push_back(this->condition(node.children[0], false));
    condition.children.push_back(this->condition(node.children[1], false));
    return condition;
  }
  if (op == "in") {
    const Node& candidates = node.children[1];
    if (candidates.kind != Node::Kind::kList || candidates.children.empty()) {
      invalid(
          "IN operator must have a left hand argument of type Variable Reference and right hand "
          "argument of type Seq with at least one member");
    }
    condition.kind = Condition::Kind::kIn;
    condition.operands.push_back(operand(node.children[0]));
    for (const Node& candidate : candidates.children) {
      condition.operands.push_back(operand(candidate));
    }
    return node.negated ? expr::negate(std::move(condition)) : condition;
  }
  if (op == "like") {
    invalid("Unsupported operator in Condition Expression. Operator: like");
  }
  // A test compared with TRUE or FALSE is that test or its negation: AWS accepts
  // `attribute_exists(a) = true` (dynamodb-conformance tier2 partiql/whereFunctions).
  if (op == "=" || op == "<>" || op == "!=") {
    for (size_t side = 0; side < 2; ++side) {
      const Node& test = node.children[side];
      const Node& literal = node.children[1 - side];
      if (test.kind == Node::Kind::kCall && test.text != "size" &&
          literal.kind == Node::Kind::kBool) {
        Condition inner = this->condition(test, false);
        return literal.boolean == (op == "=") ? inner : expr::negate(std::move(inner));
      }
    }
  }
  condition.kind = Condition::Kind::kCompare;
  condition.comparator = comparator(op);
  condition.operands.push_back(operand(node.children[0]));
  condition.operands.push_back(operand(node.children[1]));
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    check_ordered(op, condition);
  }
  return condition;
}

// begins_with, contains, attribute_type, attribute_exists, attribute_not_exists.
Condition Converter::function(const Node& node) const {
  struct Known {
    const char* name;
    expr::Function function;
    size_t arity;
  };
  static constexpr Known kFunctions[] = {
      {"begins_with", expr::Function::kBeginsWith, 2},
      {"contains", expr::Function::kContains, 2},
      {"attribute_type", expr::Function::kAttributeType, 2},
      {"attribute_exists", expr::Function::kAttributeExists, 1},
      {"attribute_not_exists", expr::Function::kAttributeNotExists, 1},
  };
  for (const Known& known : kFunctions) {
    if (node.text != known.name) {
      continue;
    }
    if (node.children.size() != known.arity) {
      operand_count(node.text, node.children.size());
    }
    const bool exists_test = known.function == expr::Function::kAttributeExists ||
                             known.function == expr::Function::kAttributeNotExists;
    if (exists_test && node.children[0].kind != Node::Kind::kPath) {
      // attribute_exists('a') or (?) is no test of a path (dynamodb-conformance tier3
      // error-messages/partiqlFunctions, AWS-verified).
      invalid("Operator or function requires a document path; operator or function: " + node.text);
    }
    Condition condition;
    condition.kind = Condition::Kind::kFunction;
    condition.function = known.function;
    for (const Node& child : node.children) {
      condition.operands.push_back(operand(child));
    }
    return condition;
  }
  if (node.text == "size") {
    invalid(kNotBoolean);
  }
  invalid("Unrecognized function: " + node.text + at(node.position));
}

// x IS [NOT] MISSING is attribute_not_exists(x) (attribute_exists(x)); the other types DynamoDB
// accepts are attribute_type tests (NULL: attribute_type(x, 'NULL')), IS NOT their negation.
Condition Converter::is_test(const Node& node) const {
  const Node& subject = node.children[0];
  if (subject.kind != Node::Kind::kPath) {
    invalid("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
  }
  Condition condition;
  condition.kind = Condition::Kind::kFunction;
  condition.operands.push_back(path_operand(subject.path));
  if (node.text == "missing") {
    condition.function =
        node.negated ? expr::Function::kAttributeExists : expr::Function::kAttributeNotExists;
    return condition;
  }
  static constexpr std::pair<const char*, const char*> kTypes[] = {
      {"null", "NULL"}, {"boolean", "BOOL"}, {"bool", "BOOL"}, {"blob", "B"}, {"string", "S"},
      {"numeric", "N"}, {"struct", "M"},     {"tuple", "M"},   {"list", "L"},
  };
  for (const auto& [type, short_name] : kTypes) {
    if (node.text == type) {
      condition.function = expr::Function::kAttributeType;
      condition.operands.push_back(value_operand(AttributeValue::string(short_name)));
      return node.negated ? expr::negate(std::move(condition)) : condition;
    }
  }
  invalid("Unsupported data type for IS operator: " + upper(node.text) +
          ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, "
          "TUPLE, LIST]");
}

}  // namespace protocol::partiql
