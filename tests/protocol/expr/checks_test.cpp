#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "storage/number.h"
#include "storage/value.h"
#include "tests/protocol/expr/test_errors.h"

using namespace protocol;
using namespace protocol::expr;
using namespace expr_test;

namespace {

// Values for :val1 .. :val3 and :v, so that any of the test expressions resolves.
ExpressionAttributes values_only() {
  ExpressionAttributes attributes;
  for (const char* name : {":val1", ":val2", ":val3", ":v"}) {
    attributes.values[name] = storage::AttributeValue::num(storage::Number::from_int(1));
  }
  return attributes;
}

UpdateExpression resolved_update(const std::string& text, const ExpressionAttributes& attributes) {
  UpdateExpression update = parse_update(text);
  Resolver(attributes).resolve(update);
  return update;
}

std::string update_check(const std::string& text, const std::vector<std::string>& keys = {}) {
  const ExpressionAttributes attributes = values_only();
  return error_of([&] {
    // check_update is the whole story for paths; resolve() runs the same overlap check earlier.
    check_update(parse_update(text), keys);
    resolved_update(text, attributes);
  });
}

std::string projection_check(const std::string& text) {
  return error_of([&] { check_projection(parse_projection(text)); });
}

}  // namespace

TEST_CASE("source names as DynamoDB prints them") {
  CHECK(source_name(Source::kConditionExpression) == "ConditionExpression");
  CHECK(source_name(Source::kFilterExpression) == "FilterExpression");
  CHECK(source_name(Source::kKeyConditionExpression) == "KeyConditionExpression");
  CHECK(source_name(Source::kProjectionExpression) == "ProjectionExpression");
  CHECK(source_name(Source::kUpdateExpression) == "UpdateExpression");
}

TEST_CASE("condition function names as written, and back") {
  CHECK(function_name(Function::kAttributeExists) == "attribute_exists");
  CHECK(function_name(Function::kAttributeNotExists) == "attribute_not_exists");
  CHECK(function_name(Function::kAttributeType) == "attribute_type");
  CHECK(function_name(Function::kBeginsWith) == "begins_with");
  CHECK(function_name(Function::kContains) == "contains");
  for (Function f : {Function::kAttributeExists, Function::kAttributeNotExists,
                     Function::kAttributeType, Function::kBeginsWith, Function::kContains}) {
    CHECK(condition_function(function_name(f)) == f);
  }
  // Function names are case-sensitive, and size() is an operand, not a condition.
  CHECK_FALSE(condition_function("ATTRIBUTE_EXISTS").has_value());
  CHECK_FALSE(condition_function("size").has_value());
}

TEST_CASE("update paths may not overlap") {
  // Alternator's test_update_expression_multi_overlap(_nested), run against DynamoDB.
  for (const char* text : {"SET a = :val1, a.b = :val2",
                           "SET a.b = :val1, a = :val2",
                           "SET a.b = :val1, a.b = :val2",
                           "SET a.b = :val1, a.b.c = :val2",
                           "SET a.b.c = :val1, a.b = :val2",
                           "SET a.b.c = :val1, a.b.c = :val2",
                           "SET a.b = :val1, a.b.c.d.e = :val2",
                           "SET a.b.c.d.e = :val1, a.b = :val2",
                           "SET a = :val1, a[1] = :val2",
                           "SET a[1] = :val1, a = :val2",
                           "SET a[1] = :val1, a[1] = :val2",
                           "SET a[1][1] = :val1, a[1] = :val2",
                           "SET a[1] = :val1, a[1][1] = :val2",
                           "SET a[1][1] = :val1, a[1][1] = :val2",
                           "SET a[1][1][1][1] = :val1, a[1][1] = :val2",
                           "SET a[1][1] = :val1, a[1][1][1][1] = :val2",
                           "SET a[1][1][1][1] = :val1, a[1][1][1][1] = :val2",
                           "REMOVE a SET a = :v",
                           "SET a = :v REMOVE a",
                           "SET a = :v1, a = :v2"}) {
    INFO(text);
    CHECK(update_check(text).find("Two document paths overlap with each other") !=
          std::string::npos);
  }
  CHECK(update_check("SET a.b = :v REMOVE a") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a, b], path two: [a]");
  CHECK(update_check("SET a[1] = :val1, a[1][1] = :val2") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a, [1]], path two: [a, [1], [1]]");
}

TEST_CASE("update paths may not conflict, and disjoint paths are fine") {
  CHECK(update_check("SET a.b = :val1, a[1] = :val2") ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
  CHECK(update_check("SET a.b.c = :val1, a.b[2] = :val2") ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [a, b, c], path two: [a, b, [2]]");
  // The first path that meets an earlier one decides.
  CHECK(update_check("SET a.b = :val1, a[1] = :val2, c = :v, c.d = :v").find("conflict") !=
        std::string::npos);
  CHECK(update_check("SET c = :v, c.d = :v, a.b = :val1, a[1] = :val2").find("overlap") !=
        std::string::npos);
  CHECK(update_check("SET a.b = :val1, a.c.d = :val2, b.x = :val3 REMOVE a.x, b.y") == "no error");
  CHECK(update_check("SET a[1] = :val1, a[2] = :val2, ab = :v") == "no error");
  // Reading a path that is also written is not an overlap.
  CHECK(update_check("REMOVE a SET b = a") == "no error");
}

TEST_CASE("key attributes cannot be updated") {
  const std::vector<std::string> keys = {"pk", "sk"};
  const std::string message =
      "One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
      "part of the key";
  CHECK(update_check("SET pk = :v", keys) == message);
  CHECK(update_check("REMOVE pk", keys) == message);
  CHECK(update_check("ADD pk :v", keys) == message);
  CHECK(update_check("DELETE pk :v", keys) == message);
  CHECK(update_check("SET pk.x = :v", keys) == message);
  CHECK(update_check("SET a = :v, sk = :val1", keys) ==
        "One or more parameter values were invalid: Cannot update attribute sk. This attribute is "
        "part of the key");
  CHECK(update_check("SET a = pk, b.pk = :v", keys) == "no error");
  // Key attributes named through #references are found after resolution.
  ExpressionAttributes attributes = values_only();
  attributes.names = {{"#k", "pk"}};
  UpdateExpression update = resolved_update("SET #k = :v", attributes);
  CHECK_THROWS_WITH(check_update(update, keys), message);
}

TEST_CASE("projection paths may not overlap or conflict") {
  // Alternator's test_projection_expression_path_overlap and _conflict.
  for (const char* text :
       {"a, a", "a.b, a.b", "a[1], a[1]", "a, a.b", "a.b, a", "a.b, a.b[2]", "a.b, a.b.c",
        "a, a.b[2].c", "a.b.d, a.b", "a.b.d.e, a.b", "a.b, a.b.d", "a.b, a.b.d.e"}) {
    INFO(text);
    CHECK(projection_check(text).find("Invalid ProjectionExpression: Two document paths overlap") ==
          0);
  }
  for (const char* text : {"a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]"}) {
    INFO(text);
    CHECK(projection_check(text) == "no error");
  }
  CHECK(projection_check("a, a") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(projection_check("a.b[0],a.b[0]") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a, b, [0]], path two: [a, b, [0]]");
  CHECK(projection_check("a.b, a[1]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
        "or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
  // Paths are compared after resolution: #n naming "a.b" is the top-level attribute "a.b".
  ExpressionAttributes attributes;
  attributes.names = {{"#n", "a.b"}, {"#a", "a"}};
  Projection projection = parse_projection("#n, a.b");
  Resolver(attributes).resolve(projection);
  CHECK_NOTHROW(check_projection(projection));
  Projection same = parse_projection("#a.b, a.b");
  CHECK_THROWS_WITH(Resolver(attributes).resolve(same),
                    "Invalid ProjectionExpression: Two document paths overlap with each other; "
                    "must remove or rewrite one of these paths; path one: [a, b], path two: [a, "
                    "b]");
}
