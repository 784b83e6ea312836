#include <catch2/catch.hpp>

#include <string>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "storage/number.h"
#include "storage/value.h"
#include "tests/protocol/expr/test_errors.h"
#include "tests/protocol/expr/test_trees.h"

using namespace protocol;
using namespace protocol::expr;
using namespace expr_test;
using storage::AttributeValue;

namespace {

// Parses and resolves one condition against `attributes`; returns the error or "no error".
std::string resolve_condition(const std::string& text, const ExpressionAttributes& attributes,
                              Source source = Source::kConditionExpression) {
  return error_of([&] {
    Condition condition = parse_condition(text, source);
    Resolver(attributes).resolve(condition, source);
  });
}

std::string resolve_update(const std::string& text, const ExpressionAttributes& attributes) {
  return error_of([&] {
    UpdateExpression update = parse_update(text);
    Resolver(attributes).resolve(update);
  });
}

const char* kCond = "Invalid ConditionExpression: ";
const char* kUpdate = "Invalid UpdateExpression: ";

}  // namespace

TEST_CASE("resolution replaces #names and :values") {
  ExpressionAttributes attributes;
  attributes.names = {{"#n", "name.with.dots"}, {"#x", "x"}};
  attributes.values = {{":v", N("7")}, {":s", S("hi")}};
  Resolver resolver(attributes);

  Condition condition =
      parse_condition("#n.#x[2] = :v AND begins_with(b, :s)", Source::kConditionExpression);
  resolver.resolve(condition, Source::kConditionExpression);
  const Condition& compare = condition.children[0];
  const Path& path = compare.operands[0].path;
  REQUIRE(path.elements.size() == 3);
  CHECK(path.elements[0].name == "name.with.dots");  // one element, dots and all
  CHECK_FALSE(path.elements[0].is_reference);
  CHECK(path.elements[1].name == "x");
  CHECK(path.elements[2].index == 2);
  CHECK(compare.operands[1].value == N("7"));
  CHECK(compare.operands[1].value_ref == ":v");
  CHECK(condition.children[1].operands[1].value == S("hi"));
  CHECK_NOTHROW(resolver.check_all_used());
}

TEST_CASE("undefined references are reported in the order written") {
  ExpressionAttributes none;
  CHECK(resolve_condition("#a = :v", none) ==
        std::string(kCond) +
            "An expression attribute name used in the document path is not defined; attribute "
            "name: #a");
  CHECK(resolve_condition(":v = #a", none) ==
        std::string(kCond) +
            "An expression attribute value used in expression is not defined; attribute value: :v");
  CHECK(resolve_condition("pk = :pk AND #missing = :fv",
                          ExpressionAttributes{{}, {{":pk", S("a")}, {":fv", S("x")}}},
                          Source::kFilterExpression) ==
        "Invalid FilterExpression: An expression attribute name used in the document path is not "
        "defined; attribute name: #missing");
  CHECK(resolve_update("SET attr1 = :v", none) ==
        std::string(kUpdate) +
            "An expression attribute value used in expression is not defined; attribute value: :v");
  // An update's names are all checked before its values.
  CHECK(resolve_update("SET a = :v, #b = :w", none) ==
        std::string(kUpdate) +
            "An expression attribute name used in the document path is not defined; attribute "
            "name: #b");
  CHECK(error_of([&] {
          Projection projection = parse_projection("a, #b.c");
          Resolver(none).resolve(projection);
        }) ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #b");
}

TEST_CASE("unused names and values are refused once every expression is resolved") {
  ExpressionAttributes attributes;
  attributes.names = {{"#a", "a"}, {"#b", "b"}, {"#unused", "someattr"}};
  attributes.values = {{":v", N("1")}, {":w", N("2")}, {":unused", S("extra")}};

  Resolver resolver(attributes);
  UpdateExpression update = parse_update("SET #a = :v");
  resolver.resolve(update);
  CHECK(error_of([&] { resolver.check_all_used(); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #unused}");

  // A second expression of the same request uses more of them; values are reported after names.
  Condition condition = parse_condition("#b = :w OR #unused = :v", Source::kConditionExpression);
  resolver.resolve(condition, Source::kConditionExpression);
  CHECK(error_of([&] { resolver.check_all_used(); }) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");

  ExpressionAttributes one_unused;
  one_unused.names = {{"#unused", "x"}};
  CHECK(error_of([&] { Resolver(one_unused).check_all_used(); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
}

TEST_CASE("operand counts are checked after the operands' references") {
  ExpressionAttributes attributes;
  attributes.values = {{":v", N("1")}, {":l", AttributeValue::list_of({N("1")})}};
  CHECK(resolve_condition("attribute_exists(a, b)", attributes) ==
        std::string(kCond) +
            "Incorrect number of operands for operator or function; operator or function: "
            "attribute_exists, number of operands: 2");
  CHECK(resolve_condition("begins_with(a)", attributes) ==
        std::string(kCond) +
            "Incorrect number of operands for operator or function; operator or function: "
            "begins_with, number of operands: 1");
  CHECK(resolve_condition("attribute_type(a, :v, :v)", attributes) ==
        std::string(kCond) +
            "Incorrect number of operands for operator or function; operator or function: "
            "attribute_type, number of operands: 3");
  CHECK(resolve_condition("size(a, a) = :v", attributes) ==
        std::string(kCond) +
            "Incorrect number of operands for operator or function; operator or function: size, "
            "number of operands: 2");
  // The operands are resolved first, so an undefined :value is reported first...
  CHECK(
      resolve_condition("attribute_exists(a, :zz)", attributes) ==
      std::string(kCond) +
          "An expression attribute value used in expression is not defined; attribute value: :zz");
  // ...but only the operands of that operator: the walk goes operator by operator.
  CHECK(resolve_condition("contains(a) AND b = :zz", attributes) ==
        std::string(kCond) +
            "Incorrect number of operands for operator or function; operator or function: "
            "contains, number of operands: 1");
  CHECK(resolve_update("SET a = list_append(:l)", attributes) ==
        std::string(kUpdate) +
            "Incorrect number of operands for operator or function; operator or function: "
            "list_append, number of operands: 1");
  CHECK(resolve_update("SET a = if_not_exists(a, :v, :v)", attributes) ==
        std::string(kUpdate) +
            "Incorrect number of operands for operator or function; operator or function: "
            "if_not_exists, number of operands: 3");
  CHECK(resolve_condition("size(a) > :v AND attribute_type(a, :v)", attributes) == "no error");
}

TEST_CASE("IN takes at most 100 candidates") {
  ExpressionAttributes attributes;
  std::string list;
  for (int i = 0; i <= 100; ++i) {
    attributes.values[":v" + std::to_string(i)] = N("1");
    list += (i == 0 ? ":v" : ", :v") + std::to_string(i);
  }
  CHECK(resolve_condition("a IN (" + list + ")", attributes, Source::kFilterExpression) ==
        "Invalid FilterExpression: The IN operator is provided with too many operands; number of "
        "operands: 101");
  CHECK(resolve_condition("a IN (" + list.substr(0, list.rfind(',')) + ")", attributes) ==
        "no error");
}

TEST_CASE("paths are at most 32 levels deep") {
  ExpressionAttributes attributes;
  attributes.values = {{":v", N("1")}};
  std::string deep = "a";
  for (int i = 0; i < 31; ++i) {
    deep += ".b";
  }
  CHECK(resolve_condition(deep + " = :v", attributes) == "no error");
  CHECK(resolve_condition(deep + "[0] = :v", attributes) ==
        std::string(kCond) + "The document path has too many nesting levels; nesting levels: 33");
  CHECK(error_of([&] {
          Projection projection = parse_projection("x, " + deep + ".c.d");
          Resolver(attributes).resolve(projection);
        }) ==
        "Invalid ProjectionExpression: The document path has too many nesting levels; "
        "nesting levels: 34");
  // The depth is checked before the path's #names.
  CHECK(resolve_update("SET #undefined" + deep.substr(1) + ".c = :v", attributes) ==
        std::string(kUpdate) + "The document path has too many nesting levels; nesting levels: 33");
}

TEST_CASE("at most 300 operators, functions included") {
  ExpressionAttributes attributes;
  attributes.values = {{":v", N("1")}};
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
      out += s;
    }
    return out;
  };
  // 150 comparisons and 149 ORs: 299 operators.
  CHECK(resolve_condition("a<b " + repeat("or (a<b ", 149) + std::string(149, ')'), attributes) ==
        "no error");
  const std::string too_many = repeat("a<b or ", 300) + "a<b";  // 601 operators
  // DynamoDB stops counting at the first operator over the limit, so it always says 301.
  CHECK(resolve_condition(too_many, attributes) ==
        std::string(kCond) + "The expression contains too many operators; operator count: 301");
  CHECK(resolve_condition(repeat("not ", 1000) + "a<b", attributes) ==
        std::string(kCond) + "The expression contains too many operators; operator count: 301");
  // 150 attribute_exists calls and 149 ANDs are 299; one more call is too many.
  CHECK(resolve_condition(repeat("attribute_exists(a) and ", 149) + "attribute_exists(a)",
                          attributes) == "no error");
  CHECK(resolve_condition(repeat("attribute_exists(a) and ", 150) + "attribute_exists(a)",
                          attributes) ==
        std::string(kCond) + "The expression contains too many operators; operator count: 301");
  // In an update, functions and + and - count; the SET actions themselves do not.
  CHECK(
      resolve_update("SET " + repeat("a = b + :v, ", 299) + "a = :v", attributes).find("overlap") !=
      std::string::npos);
  std::string sums = "SET a0=b+:v";
  for (int i = 1; i < 301; ++i) {
    sums += ",a" + std::to_string(i) + "=b+:v";
  }
  CHECK(sums.size() < 4096);
  CHECK(resolve_update(sums, attributes) ==
        std::string(kUpdate) + "The expression contains too many operators; operator count: 301");
  // An undefined :value met before the 301st operator is reported instead.
  CHECK(
      resolve_condition("a < :zz OR " + too_many, attributes) ==
      std::string(kCond) +
          "An expression attribute value used in expression is not defined; attribute value: :zz");
}

TEST_CASE("updated paths are resolved and compared before the values") {
  ExpressionAttributes attributes;
  attributes.names = {{"#a1", "a"}, {"#a2", "a"}};
  attributes.values = {{":v1", S("yo")}, {":v2", S("he")}};
  CHECK(resolve_update("SET #a1 = :v1, #a2 = :v2", attributes) ==
        std::string(kUpdate) +
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]");
  CHECK(resolve_update("ADD #a1 :v1 REMOVE #a2", attributes) ==
        std::string(kUpdate) +
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]");
  // The overlap of the first two paths is found before the undefined :value and #name after it.
  CHECK(resolve_update("SET a = :undefined, a.b = :v1, #undefined = :v2", attributes) ==
        std::string(kUpdate) +
            "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a, b]");
  // A #name in a path is resolved before that path is compared with the earlier ones.
  CHECK(resolve_update("SET a = :v1, #undefined = :v2, a = :v1", attributes) ==
        std::string(kUpdate) +
            "An expression attribute name used in the document path is not defined; attribute "
            "name: #undefined");
  // The values are resolved after all the paths.
  CHECK(resolve_update("SET a = #undefined, b = :v1", attributes) ==
        std::string(kUpdate) +
            "An expression attribute name used in the document path is not defined; attribute "
            "name: #undefined");
}

TEST_CASE("projection paths are resolved and compared one by one") {
  ExpressionAttributes attributes;
  attributes.names = {{"#a", "a"}};
  auto resolve_projection = [&](const std::string& text) {
    return error_of([&] {
      Projection projection = parse_projection(text);
      Resolver(attributes).resolve(projection);
    });
  };
  CHECK(resolve_projection("a, #a.b, #undefined") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a, b]");
  CHECK(resolve_projection("a, #undefined, a") ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #undefined");
  CHECK(resolve_projection("a.b, #a[1]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
        "or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
  CHECK(resolve_projection("#a.b, a.c, b") == "no error");
}
