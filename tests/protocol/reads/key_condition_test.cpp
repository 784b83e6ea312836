// Key conditions of Query (protocol/key_condition.cpp) and the legacy KeyConditions translation
// (protocol/legacy.cpp). Expected texts: tests/integration/DYNAMODB_MESSAGES.md, "Query and Scan".

#include "protocol/reads/key_condition.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/items/legacy.h"
#include "protocol/reads/legacy_key_conditions.h"
#include "protocol/wire/json.h"
#include "tests/protocol/expr/test_errors.h"

using namespace protocol;
using expr_test::error_of;
using storage::AttributeValue;
using storage::Item;
using storage::Number;
using storage::SortOp;

namespace {

AttributeValue S(const std::string& s) { return AttributeValue::string(s); }
AttributeValue N(const char* n) { return AttributeValue::num(Number::parse(n)); }

// Parses, resolves and operand-checks a KeyConditionExpression as Query does, then extracts.
std::vector<KeyCondition> conditions(const std::string& text,
                                     const storage::AttributeMap& values = {},
                                     std::map<std::string, std::string, std::less<>> names = {}) {
  expr::ExpressionAttributes attributes;
  attributes.values = values;
  attributes.names = std::move(names);
  expr::Resolver resolver(attributes);
  expr::Condition condition = expr::parse_condition(text, expr::Source::kKeyConditionExpression);
  resolver.resolve(condition, expr::Source::kKeyConditionExpression);
  expr::check_condition_operands(condition, expr::Source::kKeyConditionExpression);
  return key_conditions_of(condition);
}

std::string extract_error(const std::string& text, const storage::AttributeMap& values = {}) {
  return error_of([&] { conditions(text, values); });
}

storage::TableInfo table(storage::ValueType sort_type, bool with_sort = true) {
  storage::TableInfo t;
  t.id = 3;
  t.name = "tbl";
  t.attribute_definitions = {{"pk", storage::ValueType::kString}};
  t.key_schema = {{"pk", storage::KeyType::kHash}};
  if (with_sort) {
    t.attribute_definitions.push_back({"sk", sort_type});
    t.key_schema.push_back({"sk", storage::KeyType::kRange});
  }
  return t;
}

KeyQuery plan(const storage::TableInfo& t, const std::string& text,
              const storage::AttributeMap& values, const Item* start = nullptr) {
  return plan_key_query(t, conditions(text, values), start);
}

// Whether `item` holds the key values `q` selects (storage re-checks every item read this way).
bool matches(const KeyQuery& q, const Item& item) {
  return q.selection.matches(item, q.partition_names, q.sort_names);
}

std::string plan_error(const storage::TableInfo& t, const std::string& text,
                       const storage::AttributeMap& values, const Item* start = nullptr) {
  return error_of([&] { plan(t, text, values, start); });
}

const char* kPrefix = "Invalid KeyConditionExpression: ";

}  // namespace

TEST_CASE("key_conditions_of: comparisons, BETWEEN and begins_with", "[key_condition]") {
  auto c = conditions("pk = :p AND sk BETWEEN :a AND :b",
                      {{":p", S("x")}, {":a", N("1")}, {":b", N("5")}});
  REQUIRE(c.size() == 2);
  CHECK(c[0].attribute == "pk");
  CHECK(c[0].op == SortOp::kEq);
  CHECK(c[1].attribute == "sk");
  CHECK(c[1].op == SortOp::kBetween);
  CHECK(c[1].values.size() == 2);

  c = conditions("begins_with(#s, :a) AND (:p = pk)", {{":p", S("x")}, {":a", S("ab")}},
                 {{"#s", "sk"}});
  CHECK(c[0].op == SortOp::kBeginsWith);
  CHECK(c[0].attribute == "sk");
  CHECK(c[1].op == SortOp::kEq);

  // A value written first reverses the comparison.
  const storage::AttributeMap v = {{":v", N("1")}};
  CHECK(conditions(":v < sk", v)[0].op == SortOp::kGt);
  CHECK(conditions(":v <= sk", v)[0].op == SortOp::kGe);
  CHECK(conditions(":v > sk", v)[0].op == SortOp::kLt);
  CHECK(conditions(":v >= sk", v)[0].op == SortOp::kLe);
  CHECK(conditions("sk < :v", v)[0].op == SortOp::kLt);
}

TEST_CASE("key_conditions_of: DynamoDB's structural errors", "[key_condition]") {
  const storage::AttributeMap v = {{":a", N("1")}, {":b", N("2")}, {":s", S("s")}, {":t", S("S")}};
  const std::string op = std::string(kPrefix) + "Invalid operator used in KeyConditionExpression: ";
  CHECK(extract_error("pk = :a OR sk = :b", v) == op + "OR");
  CHECK(extract_error("NOT pk = :a", v) == op + "NOT");
  CHECK(extract_error("pk IN (:a, :b)", v) == op + "IN");
  CHECK(extract_error("pk <> :a", v) == op + "<>");
  CHECK(extract_error("attribute_exists(pk)", v) == op + "attribute_exists");
  CHECK(extract_error("contains(pk, :a)", v) == op + "contains");
  CHECK(extract_error("attribute_type(pk, :t)", v) == op + "attribute_type");
  const std::string condition =
      std::string(kPrefix) + "Invalid condition in KeyConditionExpression: ";
  CHECK(extract_error("a = b", v) == condition + "Multiple attribute names used in one condition");
  CHECK(extract_error("begins_with(:s, a) AND b = :a", v) ==
        condition + "begins_with operator must have the key attribute as its first operand");
  CHECK(extract_error(":a BETWEEN a AND :b", v) ==
        condition + "BETWEEN operator must have the key attribute as its first operand");
  CHECK(extract_error(":a = :b", v) == condition + "No key attribute specified");
  CHECK(extract_error("a.b = :a", v) ==
        std::string(kPrefix) +
            "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(extract_error("a[0] = :a", v) ==
        std::string(kPrefix) +
            "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(extract_error("size(a) = :a", v) ==
        std::string(kPrefix) + "KeyConditionExpressions cannot contain nested operations");
  CHECK(extract_error("pk = :a AND sk > :a AND sk < :b", v) ==
        std::string(kPrefix) + "KeyConditionExpressions must only contain one condition per key");
  // Operand types are judged first, by the expression checks.
  CHECK(extract_error("begins_with(sk, :a)", v) ==
        std::string(kPrefix) +
            "Incorrect operand type for operator or function; operator or function: begins_with, "
            "operand type: N");
}

TEST_CASE("plan_key_query: checks against the key schema", "[key_condition]") {
  const auto t = table(storage::ValueType::kNumber);
  const storage::AttributeMap v = {{":p", S("x")}, {":n", N("1")}, {":s", S("y")}};
  CHECK(plan_error(t, "sk = :n", v) == "Query condition missed key schema element: pk");
  CHECK(plan_error(t, "extra = :s", v) == "Query condition missed key schema element: pk");
  CHECK(plan_error(t, "pk = :p AND extra = :n", v) ==
        "Query condition missed key schema element: sk");
  CHECK(plan_error(t, "pk > :p", v) == "Query key condition not supported");
  CHECK(plan_error(t, "pk = :n", v) ==
        "One or more parameter values were invalid: Condition parameter type does not match schema "
        "type");
  CHECK(plan_error(t, "pk = :p AND begins_with(sk, :s)", v) ==
        "One or more parameter values were invalid: Condition parameter type does not match schema "
        "type");
  CHECK(plan_error(t, "pk = :p AND sk = :n AND extra = :n", v) ==
        "The number of query conditions (3) exceeds the number of key attributes defined in the "
        "schema (2)");
  CHECK(plan_error(table(storage::ValueType::kString, false), "pk = :p AND sk = :n", v) ==
        "The number of query conditions (2) exceeds the number of key attributes defined in the "
        "schema (1)");
  CHECK(plan_error(t, "pk = :e", {{":e", S("")}}) ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
        "contain an empty string value. Key: pk");
  const auto strings = table(storage::ValueType::kString);
  CHECK(plan_error(strings, "pk = :p AND sk > :long",
                   {{":p", S("x")}, {":long", S(std::string(1025, 'a'))}}) ==
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
        "the size limit of 1024 bytes");
}

TEST_CASE("plan_key_query: the start key", "[key_condition]") {
  const auto t = table(storage::ValueType::kNumber);
  const storage::AttributeMap v = {{":p", S("x")}, {":n", N("5")}};
  const Item good = {{"pk", S("x")}, {"sk", N("7")}};
  CHECK(plan_error(t, "pk = :p", v, &good) == "no error");
  const Item missing = {{"pk", S("x")}};
  CHECK(plan_error(t, "pk = :p", v, &missing) == "The provided starting key is invalid");
  const Item renamed = {{"pk", S("x")}, {"zz", N("7")}};
  CHECK(plan_error(t, "pk = :p", v, &renamed) == "The provided starting key is invalid");
  const Item mistyped = {{"pk", S("x")}, {"sk", S("7")}};
  CHECK(plan_error(t, "pk = :p", v, &mistyped) ==
        "The provided key element does not match the schema");
  const Item elsewhere = {{"pk", S("y")}, {"sk", N("7")}};
  CHECK(plan_error(t, "pk = :p", v, &elsewhere) ==
        "The provided starting key is outside query boundaries based on provided conditions");
  CHECK(plan_error(t, "pk = :p AND sk < :n", v, &good) ==
        "The provided starting key does not match the range key predicate");
  CHECK(plan_error(t, "pk = :p AND sk > :n", v, &elsewhere) ==
        "The query can return at most one row and cannot be restarted");
  const Item empty = {{"pk", S("")}, {"sk", N("7")}};
  CHECK(plan_error(t, "pk = :p", v, &empty) ==
        "The provided starting key is invalid: One or more parameter values are not valid. The "
        "AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
}

// The range storage reads for such a selection: tests/storage/read_txn_test.cpp.
TEST_CASE("KeyQuery: matching", "[key_condition]") {
  const auto t = table(storage::ValueType::kString);
  KeyQuery q = plan(t, "pk = :p AND begins_with(sk, :b)", {{":p", S("x")}, {":b", S("ab")}});
  CHECK(matches(q, {{"pk", S("x")}, {"sk", S("abc")}}));
  CHECK(matches(q, {{"pk", S("x")}, {"sk", S("ab")}}));
  CHECK_FALSE(matches(q, {{"pk", S("x")}, {"sk", S("a")}}));
  CHECK_FALSE(matches(q, {{"pk", S("y")}, {"sk", S("abc")}}));

  q = plan(t, "pk = :p AND sk BETWEEN :a AND :b", {{":p", S("x")}, {":a", S("b")}, {":b", S("d")}});
  CHECK(q.selection.matches_sort(S("b")));
  CHECK(q.selection.matches_sort(S("c")));
  CHECK(q.selection.matches_sort(S("d")));
  CHECK_FALSE(q.selection.matches_sort(S("d\x01")));
  CHECK_FALSE(q.selection.matches_sort(S("a")));

  const auto numbers = table(storage::ValueType::kNumber);
  q = plan(numbers, ":n > sk AND pk = :p", {{":p", S("x")}, {":n", N("10")}});
  CHECK(q.selection.sort_op == SortOp::kLt);
  CHECK(q.selection.matches_sort(N("9.5")));
  CHECK(q.selection.matches_sort(N("-100")));
  CHECK_FALSE(q.selection.matches_sort(N("10")));
  CHECK_FALSE(q.selection.matches_sort(N("100")));
}

TEST_CASE("legacy KeyConditions", "[key_condition][legacy]") {
  auto read = [](const char* json) {
    JsonDocument doc;
    parse_request(json, doc);
    Fields f(doc);
    return legacy::read_key_conditions(f);
  };
  auto c = read(R"({"KeyConditions": {"pk": {"ComparisonOperator": "EQ",
      "AttributeValueList": [{"S": "x"}]}, "sk": {"ComparisonOperator": "BETWEEN",
      "AttributeValueList": [{"N": "1"}, {"N": "2"}]}}})");
  REQUIRE(c);
  REQUIRE(c->size() == 2);
  CHECK((*c)[0].attribute == "pk");
  CHECK((*c)[1].op == SortOp::kBetween);
  CHECK((*c)[1].indexable);
  CHECK_FALSE(read("{}"));

  c = read(R"({"KeyConditions": {"pk": {"ComparisonOperator": "NE",
      "AttributeValueList": [{"S": "x"}]}}})");
  CHECK_FALSE((*c)[0].indexable);
  CHECK(error_of([&] { plan_key_query(table(storage::ValueType::kString), *c, nullptr); }) ==
        "Attempted conditional constraint is not an indexable operation");

  CHECK(error_of([&] { read(R"({"KeyConditions": {"pk": {"ComparisonOperator": "EQ"}}})"); }) ==
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
        "ComparisonOperator");
  CHECK(
      error_of([&] {
        read(R"({"KeyConditions": {"sk": {"ComparisonOperator": "BETWEEN",
              "AttributeValueList": [{"N": "5"}, {"N": "1"}]}}})");
      }) ==
      "The BETWEEN condition was provided a range where the lower bound is greater than the upper "
      "bound");
  CHECK(error_of([&] {
          read(R"({"KeyConditions": {"sk": {"ComparisonOperator": "IN",
              "AttributeValueList": [{"N": "5"}, {"S": "1"}]}}})");
        }) ==
        "One or more parameter values were invalid: AttributeValues inside AttributeValueList must "
        "be of same type");
  CHECK(
      error_of([&] {
        read(R"({"KeyConditions": {"sk": {"ComparisonOperator": "BEGINS_WITH",
              "AttributeValueList": [{"N": "5"}]}}})");
      }) ==
      "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for "
      "N AttributeValue type");
}

TEST_CASE("legacy filters: operator violations and translation", "[key_condition][legacy]") {
  JsonDocument doc;
  parse_request(R"({"QueryFilter": {"a": {}, "b": {"ComparisonOperator": "XX"},
      "c": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]}},
      "ConditionalOperator": "OR"})",
                doc);
  Fields f(doc);
  Violations v;
  legacy::add_condition_map_violations(f, "QueryFilter", "queryFilter", v);
  const std::string message = error_of([&] { v.raise_if_any(); });
  CHECK(message.find("2 validation errors detected: ") == 0);
  CHECK(message.find("Value null at 'queryFilter.a.member.comparisonOperator' failed to satisfy "
                     "constraint: Member must not be null") != std::string::npos);
  CHECK(message.find("Value 'XX' at 'queryFilter.b.member.comparisonOperator'") !=
        std::string::npos);

  JsonDocument ok;
  parse_request(R"({"ScanFilter": {"a": {"ComparisonOperator": "GT", "AttributeValueList":
      [{"N": "1"}]}, "b": {"ComparisonOperator": "NULL"}}, "ConditionalOperator": "OR"})",
                ok);
  auto filter = legacy::read_filter(Fields(ok), "ScanFilter");
  REQUIRE(filter);
  CHECK(filter->kind == expr::Condition::Kind::kOr);
  CHECK(expr::evaluate(*filter, {{"a", N("2")}, {"b", S("x")}}));
  CHECK(expr::evaluate(*filter, {{"a", N("0")}}));
  CHECK_FALSE(expr::evaluate(*filter, {{"a", N("0")}, {"b", S("x")}}));
}

namespace {

// pk (S) table with a GSI on (h1 S, h2 N) HASH and (r1 S, r2 N) RANGE: multi-attribute keys.
storage::TableInfo multi_attribute_table(storage::IndexDefinition& index) {
  storage::TableInfo t = table(storage::ValueType::kString, false);
  t.attribute_definitions.insert(t.attribute_definitions.end(),
                                 {{"h1", storage::ValueType::kString},
                                  {"h2", storage::ValueType::kNumber},
                                  {"r1", storage::ValueType::kString},
                                  {"r2", storage::ValueType::kNumber}});
  index.name = "multi";
  index.global = true;
  index.index_id = 4;
  index.key_schema = {{"h1", storage::KeyType::kHash},
                      {"h2", storage::KeyType::kHash},
                      {"r1", storage::KeyType::kRange},
                      {"r2", storage::KeyType::kRange}};
  return t;
}

}  // namespace

TEST_CASE("plan_key_query: multi-attribute index keys", "[key_condition]") {
  storage::IndexDefinition index;
  const auto t = multi_attribute_table(index);
  const QueryKeys keys = index_query_keys(t, index);
  CHECK(keys.start_key_names == std::vector<std::string>{"h1", "h2", "r1", "r2", "pk"});
  const storage::AttributeMap v = {{":a", S("x")}, {":b", N("2")}, {":c", S("c")}, {":d", N("5")}};
  auto plan_index = [&](const std::string& text) {
    return plan_key_query(t, keys, conditions(text, v), nullptr);
  };
  KeyQuery q = plan_index("h1 = :a AND h2 = :b AND r1 = :c AND r2 > :d");
  CHECK(q.selection.partition.size() == 2);
  CHECK(q.selection.sort_prefix.size() == 1);
  CHECK(q.selection.sort_op == SortOp::kGt);
  CHECK(*q.conditioned_sort_name() == "r2");
  CHECK(matches(q, {{"h1", S("x")}, {"h2", N("2")}, {"r1", S("c")}, {"r2", N("6")}}));
  CHECK_FALSE(matches(q, {{"h1", S("x")}, {"h2", N("2")}, {"r1", S("d")}, {"r2", N("6")}}));
  CHECK_FALSE(matches(q, {{"h1", S("x")}, {"h2", N("3")}, {"r1", S("c")}, {"r2", N("6")}}));
  q = plan_index("h1 = :a AND h2 = :b AND r1 = :c");
  CHECK(q.selection.sort_prefix.size() == 1);
  CHECK(q.selection.sort_op == SortOp::kAll);
  q = plan_index("h2 = :b AND h1 = :a AND r1 = :c AND r2 = :d");
  CHECK(q.selection.sort_op == SortOp::kEq);
  CHECK(error_of([&] { plan_index("h1 = :a AND r1 = :c"); }) ==
        "Query condition missed key schema element: h2");
  CHECK(error_of([&] { plan_index("h1 = :a AND h2 = :b AND r2 > :d"); }) ==
        "Query condition missed key schema element: r1");
  CHECK(error_of([&] { plan_index("h1 = :a AND h2 = :b AND r1 > :c AND r2 = :d"); }) ==
        "Query key condition not supported");
  const Item start = {{"h1", S("x")}, {"h2", N("2")}, {"r1", S("c")}, {"r2", N("9")}};
  CHECK(error_of([&] { plan_key_query(t, keys, conditions("h1 = :a AND h2 = :b", v), &start); }) ==
        "The provided starting key is invalid");
}
