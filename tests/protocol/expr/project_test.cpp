// ProjectionExpression and UPDATED_OLD/UPDATED_NEW (protocol/expr/project.cpp). Expected results
// follow scylladb test/alternator/test_projection_expression.py (run against DynamoDB) and
// DynamoDB Local's ExpressionExecutor.project.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "tests/protocol/expr/test_trees.h"

using namespace protocol::expr;
using namespace expr_test;
using storage::Item;

namespace {

Item proj(const Item& item, std::vector<std::string> paths) {
  Projection projection;
  for (const std::string& p : paths) {
    projection.push_back(P(p));
  }
  return project(item, projection);
}

// {p, a: {b: [2, 4, {x: hi, y: yo}], c: 5}, b: hello}
Item sample() {
  return Item{
      {"p", S("key")},
      {"a", M({{"b", L({N("2"), N("4"), M({{"x", S("hi")}, {"y", S("yo")}})})}, {"c", N("5")}})},
      {"b", S("hello")}};
}

UpdateAction action(UpdateAction::Kind kind, const std::string& p) {
  return UpdateAction{kind, P(p), Operand{}};
}

}  // namespace

TEST_CASE("top-level paths select attributes; missing ones are left out") {
  const Item item{{"p", S("k")}, {"c", S("s")}, {"a", S("hello")}, {"b", S("hi")}};
  CHECK(proj(item, {"a"}) == Item{{"a", S("hello")}});
  CHECK(proj(item, {"c", "a"}) == Item{{"c", S("s")}, {"a", S("hello")}});
  CHECK(proj(item, {"p", "c"}) == Item{{"p", S("k")}, {"c", S("s")}});
  CHECK(proj(item, {"nonexistent"}).empty());
  CHECK(proj(Item{}, {"a"}).empty());
  PathElement dotted;
  dotted.name = "a.b";
  CHECK(project(Item{{"a.b", S("hi")}, {"a", M({{"b", S("yo")}})}}, Projection{Path{{dotted}}}) ==
        Item{{"a.b", S("hi")}});
}

TEST_CASE("nested paths keep the structure around the projected value") {
  const Item item = sample();
  CHECK(proj(item, {"a"}) == Item{{"a", item.at("a")}});
  CHECK(proj(item, {"a.b"}) == Item{{"a", M({{"b", item.at("a").map.at("b")}})}});
  CHECK(proj(item, {"a.b[0]"}) == Item{{"a", M({{"b", L({N("2")})}})}});
  CHECK(proj(item, {"a.b[2]"}) ==
        Item{{"a", M({{"b", L({M({{"x", S("hi")}, {"y", S("yo")}})})}})}});
  CHECK(proj(item, {"a.b[2].y"}) == Item{{"a", M({{"b", L({M({{"y", S("yo")}})})}})}});
}

TEST_CASE("paths that do not lead to a value contribute nothing") {
  const Item item = sample();
  for (const char* missing : {"x", "a.b[3]", "a.x", "a.x.y", "a.b[3].x", "a.b.x", "a[0]",
                              "a.b[0].x", "a.b[0][0]", "b.x", "b[0]"}) {
    INFO(missing);
    CHECK(proj(item, {missing}).empty());
  }
  CHECK(proj(item, {"a.x", "a.b[0]", "x", "a.b[3].x"}) == Item{{"a", M({{"b", L({N("2")})}})}});
  // A set is not a list: it cannot be indexed.
  CHECK(proj(Item{{"s", SS({"a", "b"})}}, {"s[0]"}).empty());
}

TEST_CASE("several paths merge into one item; list elements keep list order") {
  const Item item = sample();
  CHECK(proj(item, {"a.b[0]", "a.b[1]"}) == Item{{"a", M({{"b", L({N("2"), N("4")})}})}});
  CHECK(proj(item, {"a.b[1]", "a.b[0]"}) == Item{{"a", M({{"b", L({N("2"), N("4")})}})}});
  CHECK(proj(item, {"a.b[2].y", "a.b[0]"}) ==
        Item{{"a", M({{"b", L({N("2"), M({{"y", S("yo")}})})}})}});
  CHECK(proj(item, {"a.b[0]", "a.c"}) == Item{{"a", M({{"b", L({N("2")})}, {"c", N("5")}})}});
  CHECK(proj(item, {"a.c", "b"}) == Item{{"a", M({{"c", N("5")}})}, {"b", S("hello")}});
  const Item letters{{"letters", L({S("x"), S("y"), S("z")})}};
  CHECK(proj(letters, {"letters[2]", "letters[0]"}) == Item{{"letters", L({S("x"), S("z")})}});
  CHECK(proj(letters, {"letters[1]"}) == Item{{"letters", L({S("y")})}});
}

TEST_CASE("empty containers are projected whole but never produced by a deeper path") {
  const Item item{{"e", M({})}, {"l", L({})}, {"m", M({{"inner", M({})}})}};
  CHECK(proj(item, {"e", "l"}) == Item{{"e", M({})}, {"l", L({})}});
  CHECK(proj(item, {"m.inner"}) == Item{{"m", M({{"inner", M({})}})}});
  CHECK(proj(item, {"m.inner.x"}).empty());
  CHECK(proj(item, {"l[0]"}).empty());
}

TEST_CASE("overlapping or conflicting paths that reach project are handled soundly") {
  const Item item = sample();
  // check_projection refuses these first; here the shorter path simply wins.
  CHECK(proj(item, {"a", "a.b[0]"}) == Item{{"a", item.at("a")}});
  CHECK(proj(item, {"a.b[0]", "a"}) == Item{{"a", item.at("a")}});
  // A name and an index under one path: only the one fitting the value applies.
  CHECK(proj(item, {"a.b[1]", "a.b.x"}) == Item{{"a", M({{"b", L({N("4")})}})}});
}

TEST_CASE("updated_attributes projects the update's action paths") {
  const Item old_item{{"p", S("k")},
                      {"b", M({{"a", S("a")}, {"b", L({})}})},
                      {"c", N("1")},
                      {"d", S("untouched")},
                      {"r", S("removed")}};
  const UpdateExpression update{
      {action(UpdateAction::Kind::kSet, "b.a"), action(UpdateAction::Kind::kAdd, "c"),
       action(UpdateAction::Kind::kRemove, "r"), action(UpdateAction::Kind::kSet, "new")}};
  CHECK(updated_attributes(old_item, update) ==
        Item{{"b", M({{"a", S("a")}})}, {"c", N("1")}, {"r", S("removed")}});
  const Item new_item{{"p", S("k")},
                      {"b", M({{"a", S("b")}, {"b", L({})}})},
                      {"c", N("2")},
                      {"d", S("untouched")},
                      {"new", N("9")}};
  CHECK(updated_attributes(new_item, update) ==
        Item{{"b", M({{"a", S("b")}})}, {"c", N("2")}, {"new", N("9")}});
  // A write past a list's end lands at the end, so its path finds nothing afterwards.
  const UpdateExpression append{{action(UpdateAction::Kind::kSet, "l[7]")}};
  CHECK(updated_attributes(Item{{"l", L({N("1"), N("2")})}}, append).empty());
  CHECK(updated_attributes(Item{}, update).empty());
}
