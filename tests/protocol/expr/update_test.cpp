// UpdateExpression application and its static checks (protocol/expr/update.cpp). Trees are built by
// hand; behaviours and texts are sourced in tests/integration/DYNAMODB_MESSAGES.md, "Expression
// evaluation".

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "tests/protocol/expr/test_errors.h"
#include "tests/protocol/expr/test_trees.h"

using namespace protocol::expr;
using namespace expr_test;
using storage::AttributeValue;
using storage::Item;

namespace {

Operand call(Operand::Kind kind, Operand a, Operand b) {
  Operand o;
  o.kind = kind;
  o.args = {std::move(a), std::move(b)};
  return o;
}
Operand plus(Operand a, Operand b) {
  return call(Operand::Kind::kPlus, std::move(a), std::move(b));
}
Operand minus(Operand a, Operand b) {
  return call(Operand::Kind::kMinus, std::move(a), std::move(b));
}
Operand list_append(Operand a, Operand b) {
  return call(Operand::Kind::kListAppend, std::move(a), std::move(b));
}
// if_not_exists(path, fallback) in the form with the path in `path`.
Operand if_not_exists(const std::string& p, Operand fallback) {
  Operand o;
  o.kind = Operand::Kind::kIfNotExists;
  o.path = P(p);
  o.args = {std::move(fallback)};
  return o;
}

UpdateAction set(const std::string& p, Operand value) {
  return UpdateAction{UpdateAction::Kind::kSet, P(p), std::move(value)};
}
UpdateAction rm(const std::string& p) {
  return UpdateAction{UpdateAction::Kind::kRemove, P(p), Operand{}};
}
UpdateAction add(const std::string& p, AttributeValue v) {
  return UpdateAction{UpdateAction::Kind::kAdd, P(p), val(std::move(v))};
}
UpdateAction del(const std::string& p, AttributeValue v) {
  return UpdateAction{UpdateAction::Kind::kDelete, P(p), val(std::move(v))};
}

Item apply(const Item& item, std::vector<UpdateAction> actions) {
  return apply_update(UpdateExpression{std::move(actions)}, item);
}

std::string error_of(const Item& item, std::vector<UpdateAction> actions) {
  return typed_error_of([&] { apply(item, std::move(actions)); });
}

std::string check_error(std::vector<UpdateAction> actions) {
  return typed_error_of([&] { check_update_operands(UpdateExpression{std::move(actions)}); });
}

const std::string kInvalidPath =
    "ValidationException: The document path provided in the update expression is invalid for "
    "update";
const std::string kMissing =
    "ValidationException: The provided expression refers to an attribute that does not exist in "
    "the item";
const std::string kWrongType =
    "ValidationException: An operand in the update expression has an incorrect data type";

}  // namespace

TEST_CASE("SET writes top-level and nested attributes, replacing whatever was there") {
  const Item item{
      {"p", S("k")}, {"a", M({{"b", N("3")}, {"c", M({{"one", N("1")}})}})}, {"d", N("5")}};
  CHECK(apply(item, {set("x", val(N("4")))}) ==
        Item{{"p", S("k")}, {"a", item.at("a")}, {"d", N("5")}, {"x", N("4")}});
  CHECK(apply(item, {set("d", val(S("hey")))}).at("d") == S("hey"));
  CHECK(apply(item, {set("a.c", val(N("7")))}).at("a") == M({{"b", N("3")}, {"c", N("7")}}));
  CHECK(apply(item, {set("a.e", val(L({})))}).at("a").map.at("e") == L({}));
  CHECK(apply(item, {set("a.c.two", val(N("2")))}).at("a").map.at("c") ==
        M({{"one", N("1")}, {"two", N("2")}}));
  CHECK(apply(Item{}, {set("b", val(N("4")))}) == Item{{"b", N("4")}});
}

TEST_CASE("SET of a list element replaces it, or appends past the end in index order") {
  const Item item{{"a", L({S("one"), S("two"), S("three")})}};
  CHECK(apply(item, {set("a[1]", val(S("hello")))}).at("a") ==
        L({S("one"), S("hello"), S("three")}));
  CHECK(apply(item, {set("a[7]", val(S("hello")))}).at("a") ==
        L({S("one"), S("two"), S("three"), S("hello")}));
  CHECK(apply(item, {set("a[84]", val(S("a1"))), set("a[37]", val(S("a2"))),
                     set("a[17]", val(S("a3"))), set("a[50]", val(S("a4")))})
            .at("a") == L({S("one"), S("two"), S("three"), S("a3"), S("a2"), S("a4"), S("a1")}));
  CHECK(apply(Item{{"l", L({})}}, {set("l[0]", val(S("first")))}).at("l") == L({S("first")}));
  const Item deep{{"a", M({{"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("5")})}})}})})}})}};
  CHECK(apply(deep, {set("a.c[1].x.y[1]", val(N("9")))}).at("a").map.at("c").list[1] ==
        M({{"x", M({{"y", L({N("3"), N("9")})}})}}));
}

TEST_CASE("SET under a missing or wrong-kind parent is an invalid document path") {
  const Item item{{"a", S("hello")}, {"b", L({S("hi")})}, {"c", M({{"1", S("a")}})}};
  for (const char* target :
       {"a.c", "b.c", "x.c", "a[0]", "x[0]", "c[1]", "b[1].x", "c.z.y", "b[0].x", "b[0][0]"}) {
    INFO(target);
    CHECK(error_of(item, {set(target, val(N("7")))}) == kInvalidPath);
  }
  CHECK(error_of(Item{}, {set("c.c", val(N("7")))}) == kInvalidPath);
  CHECK(error_of(Item{}, {set("b[0]", val(N("7")))}) == kInvalidPath);
}

TEST_CASE("SET reads every operand from the item as it was before the update") {
  const Item item{{"a", S("old")}, {"n", N("2")}};
  const Item result = apply(item, {set("a", val(S("new"))), set("b", path("a"))});
  CHECK(result.at("a") == S("new"));
  CHECK(result.at("b") == S("old"));
  // x does not exist before the update, so copying it fails even though SET x comes first.
  CHECK(error_of(item, {set("x", val(N("4"))), set("y", path("x"))}) == kMissing);
  CHECK(apply(item, {set("a", path("a"))}) == item);
  CHECK(error_of(item, {set("z", path("z"))}) == kMissing);
  CHECK(error_of(Item{}, {set("c", path("z"))}) == kMissing);
  CHECK(apply(item, {set("nn", minus(val(N("7")), path("n")))}).at("nn") == N("5"));
  CHECK(apply(Item{{"a", M({{"c", M({{"x", N("7")}})}})}}, {set("z", path("a.c.x"))}).at("z") ==
        N("7"));
}

TEST_CASE("if_not_exists takes the path's value when present, else the fallback") {
  const Item item{{"a", N("2")}, {"l", L({N("1")})}};
  CHECK(apply(Item{}, {set("a", if_not_exists("a", val(N("2"))))}).at("a") == N("2"));
  CHECK(apply(item, {set("a", if_not_exists("a", val(N("3"))))}).at("a") == N("2"));
  CHECK(apply(item, {set("b", if_not_exists("c", val(N("4"))))}).at("b") == N("4"));
  CHECK(apply(item, {set("b", if_not_exists("a", val(N("6"))))}).at("b") == N("2"));
  CHECK(apply(item, {set("b", plus(if_not_exists("b", val(N("2"))), val(N("3"))))}).at("b") ==
        N("5"));
  CHECK(apply(item, {set("l", list_append(if_not_exists("l", val(L({}))), val(L({N("2")}))))})
            .at("l") == L({N("1"), N("2")}));
  // A fallback that is itself missing fails, even when it is not needed.
  CHECK(error_of(item, {set("b", if_not_exists("a", path("missing")))}) == kMissing);
  // The argument form: both operands in args.
  Operand both_args;
  both_args.kind = Operand::Kind::kIfNotExists;
  both_args.args = {path("q"), val(S("fallback"))};
  CHECK(apply(item, {set("b", both_args)}).at("b") == S("fallback"));
}

TEST_CASE("list_append joins two lists; anything else is an error") {
  const Item item{{"a", L({S("hi"), N("2")})}, {"n", N("7")}, {"s", SS({"x"})}};
  CHECK(apply(item, {set("a", list_append(path("a"), val(L({N("4"), S("hello")}))))}).at("a") ==
        L({S("hi"), N("2"), N("4"), S("hello")}));
  CHECK(apply(item, {set("a", list_append(val(L({S("dog")})), path("a")))}).at("a") ==
        L({S("dog"), S("hi"), N("2")}));
  CHECK(apply(item, {set("c", list_append(path("a"), path("a")))}).at("c").list.size() == 4);
  CHECK(apply(Item{}, {set("c", list_append(val(L({})), val(L({}))))}).at("c") == L({}));
  for (const char* other : {"n", "s"}) {
    CHECK(error_of(item, {set("c", list_append(path(other), val(L({}))))}) == kWrongType);
    CHECK(error_of(item, {set("c", list_append(val(L({})), path(other)))}) == kWrongType);
  }
  CHECK(error_of(item, {set("c", list_append(path("b"), val(L({}))))}) == kMissing);
  CHECK(error_of(item, {set("c", list_append(val(L({})), path("b")))}) == kMissing);
  // Both operands are read first, then checked in order: missing before wrong type.
  CHECK(error_of(item, {set("c", list_append(path("b"), path("n")))}) == kMissing);
  CHECK(error_of(item, {set("c", list_append(path("n"), path("b")))}) == kWrongType);
}

TEST_CASE("SET with + and - does exact decimal arithmetic") {
  const Item item{{"a", N("2")}, {"s", S("hi")}, {"m", M({{"counter", N("10")}})}};
  CHECK(apply(item, {set("a", plus(path("a"), val(N("3"))))}).at("a") == N("5"));
  CHECK(apply(item, {set("a", plus(val(N("4")), path("a")))}).at("a") == N("6"));
  CHECK(apply(item, {set("b", minus(path("a"), val(N("5"))))}).at("b") == N("-3"));
  CHECK(apply(item, {set("b", plus(val(N("0.1")), val(N("0.2"))))}).at("b") == N("0.3"));
  CHECK(apply(item, {set("b", minus(val(N("1")), val(N("1"))))}).at("b") == N("0"));
  CHECK(apply(item, {set("b", plus(val(N("9e125")), val(N("9e124"))))}).at("b") == N("9.9e125"));
  CHECK(apply(item, {set("m.counter", plus(path("m.counter"), val(N("5"))))}).at("m") ==
        M({{"counter", N("15")}}));
  CHECK(error_of(item, {set("b", plus(path("s"), val(N("1"))))}) == kWrongType);
  CHECK(error_of(item, {set("b", minus(val(N("1")), path("s")))}) == kWrongType);
  CHECK(error_of(item, {set("b", plus(path("q"), val(N("1"))))}) == kMissing);
  CHECK(error_of(item, {set("b", plus(path("a"), path("q")))}) == kMissing);
}

TEST_CASE("arithmetic beyond DynamoDB's numbers fails with its overflow and underflow texts") {
  const std::string overflow =
      "ValidationException: Number overflow. Attempting to store a number with magnitude larger "
      "than supported range";
  CHECK(error_of(Item{}, {set("b", plus(val(N("9e125")), val(N("9e125"))))}) == overflow);
  CHECK(error_of(Item{}, {set("b", minus(val(N("9e125")), val(N("-9e125"))))}) == overflow);
  // DynamoDB reports a result needing more than 38 digits as an overflow too.
  CHECK(error_of(Item{}, {set("b", plus(val(N("1e50")), val(N("1"))))}) == overflow);
  CHECK(error_of(Item{}, {set("b", minus(val(N("1e50")), val(N("1"))))}) == overflow);
  CHECK(error_of(Item{{"n", N("1e50")}}, {add("n", N("1"))}) == overflow);
  CHECK(error_of(Item{}, {set("b", minus(val(N("1.1e-130")), val(N("1e-130"))))}) ==
        "ValidationException: Number underflow. Attempting to store a number with magnitude "
        "smaller than supported range");
  // 38 digits exactly is fine.
  CHECK(apply(Item{}, {set("b", plus(val(N("1e37")), val(N("1"))))}).at("b") ==
        N("10000000000000000000000000000000000001"));
}

TEST_CASE("REMOVE deletes attributes, map members and list elements") {
  const Item item{{"a", S("hello")},
                  {"b", S("hi")},
                  {"m", M({{"b", N("3")},
                           {"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("5"), N("7")})}})},
                                                {"q", N("2")}})})}})}};
  CHECK(apply(item, {rm("a")}).count("a") == 0);
  CHECK(apply(item, {rm("nope")}) == item);
  CHECK(apply(item, {rm("m.c[1].x.y[1]"), rm("m.c[1].q")}).at("m") ==
        M({{"b", N("3")}, {"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("7")})}})}})})}}));
  CHECK(apply(Item{{"m", M({{"b", N("1")}})}}, {rm("m.b")}).at("m") == M({}));
  CHECK(apply(Item{{"l", L({N("1")})}}, {rm("l[0]")}).at("l") == L({}));
  // Removing past a list's end, or a missing leaf under an existing parent, changes nothing.
  const Item small{{"a", M({{"x", N("3")}})}, {"b", L({S("hi")})}};
  CHECK(apply(small, {rm("a.y"), rm("b[7]"), rm("c")}) == small);
}

TEST_CASE("list indexes refer to positions before the update, whatever the action order") {
  const Item item{{"a", L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7")})}};
  const AttributeValue expected = L({N("2"), N("4"), N("17"), N("6"), N("7")});
  CHECK(apply(item, {rm("a[1]"), set("a[3]", val(N("17")))}).at("a") == expected);
  CHECK(apply(item, {set("a[3]", val(N("17"))), rm("a[1]")}).at("a") == expected);
  const Item tools{
      {"r", L({S("Chisel"), S("Hammer"), S("Nails"), S("Screwdriver"), S("Hacksaw")})}};
  CHECK(apply(tools, {rm("r[1]"), rm("r[2]")}).at("r") ==
        L({S("Chisel"), S("Screwdriver"), S("Hacksaw")}));
}

TEST_CASE("REMOVE under a missing or wrong-kind parent is an invalid document path") {
  const Item item{{"a", S("hello")}, {"b", L({S("hi")})}, {"c", M({{"1", S("a")}})}};
  for (const char* target : {"a.c", "b.c", "x.c", "a[0]", "x[0]", "c[1]", "b[3].x"}) {
    INFO(target);
    CHECK(error_of(item, {rm(target)}) == kInvalidPath);
  }
}

TEST_CASE("ADD adds to numbers (a missing one counts as 0) and unites sets") {
  const Item item{{"a", N("3")},
                  {"b", S("hi")},
                  {"ss", SS({"dog", "cat", "mouse"})},
                  {"ns", NS({"1", "2"})},
                  {"bs", BS({"\x01\x02", "\x02"})},
                  {"m", M({{"n", N("1")}})}};
  CHECK(apply(item, {add("a", N("4"))}).at("a") == N("7"));
  CHECK(apply(item, {add("a", N("-4.5"))}).at("a") == N("-1.5"));
  CHECK(apply(item, {add("new", N("7"))}).at("new") == N("7"));
  CHECK(apply(Item{}, {add("b", N("8"))}) == Item{{"b", N("8")}});
  CHECK(apply(item, {add("ss", SS({"pig"}))}).at("ss") == SS({"dog", "cat", "mouse", "pig"}));
  CHECK(apply(item, {add("ss", SS({"cat", "badger"}))}).at("ss") ==
        SS({"dog", "cat", "mouse", "badger"}));
  CHECK(apply(item, {add("ns", NS({"2.0", "3"}))}).at("ns") == NS({"1", "2", "3"}));
  CHECK(apply(item, {add("bs", BS({"\x02", "\x01"}))}).at("bs") ==
        BS({"\x01\x02", "\x02", "\x01"}));
  CHECK(apply(item, {add("newset", SS({"dog"}))}).at("newset") == SS({"dog"}));
  CHECK(apply(item, {add("m.n", N("1"))}).at("m") == M({{"n", N("2")}}));
  CHECK(apply(item, {add("m.k", NS({"5"}))}).at("m") == M({{"n", N("1")}, {"k", NS({"5"})}}));
}

TEST_CASE("ADD to a value of another type is an incorrect data type") {
  const Item item{
      {"a", N("3")}, {"b", S("hi")}, {"ss", SS({"x"})}, {"l", L({N("1")})}, {"ns", NS({"1"})}};
  CHECK(error_of(item, {add("b", N("1"))}) == kWrongType);
  CHECK(error_of(item, {add("ss", NS({"1"}))}) == kWrongType);
  CHECK(error_of(item, {add("ns", N("1"))}) == kWrongType);
  CHECK(error_of(item, {add("a", SS({"x"}))}) == kWrongType);
  CHECK(error_of(item, {add("l", NS({"3"}))}) == kWrongType);
  CHECK(error_of(item, {add("x.y", N("1"))}) == kInvalidPath);
  CHECK(error_of(item, {add("b.y", N("1"))}) == kInvalidPath);
  CHECK(error_of(item, {add("l.y", N("1"))}) == kInvalidPath);
}

TEST_CASE("DELETE removes set elements; an emptied set and a missing target leave no attribute") {
  const Item item{{"a", SS({"dog", "cat", "mouse"})},
                  {"b", S("hi")},
                  {"n", NS({"1", "2", "3"})},
                  {"bs", BS({"\x01", "\x02"})}};
  CHECK(apply(item, {del("a", SS({"cat", "mouse"}))}).at("a") == SS({"dog"}));
  CHECK(apply(item, {del("a", SS({"pig"}))}) == item);
  CHECK(apply(item, {del("a", SS({"dog", "cat", "mouse"}))}).count("a") == 0);
  CHECK(apply(item, {del("missing", SS({"dog"}))}) == item);
  CHECK(apply(item, {del("n", NS({"1.0", "4"}))}).at("n") == NS({"2", "3"}));
  CHECK(apply(item, {del("bs", BS({"\x02"}))}).at("bs") == BS({"\x01"}));
  CHECK(error_of(item, {del("b", SS({"hi"}))}) == kWrongType);
  CHECK(error_of(item, {del("a", NS({"1"}))}) == kWrongType);
  CHECK(error_of(item, {del("y.a", SS({"a"}))}) == kInvalidPath);
  CHECK(error_of(item, {del("a[1]", SS({"a"}))}) == kInvalidPath);
}

TEST_CASE("ADD and DELETE stay fast on large sets") {
  std::vector<std::string> evens;
  std::vector<std::string> all;
  for (int i = 0; i < 60000; ++i) {
    all.push_back(std::to_string(i));
    if (i % 2 == 0) {
      evens.push_back(std::to_string(i));
    }
  }
  const Item item{{"s", SS(evens)}};
  CHECK(apply(item, {add("s", SS(all))}).at("s").byte_set.size() == all.size());
  CHECK(apply(item, {del("s", SS(all))}).count("s") == 0);
  CHECK(apply(Item{{"s", SS(all)}}, {del("s", SS(evens))}).at("s").byte_set.size() == 30000);
}

TEST_CASE("one update mixing every action on nested paths, as DynamoDB answers it") {
  // dynalite test/updateItem.js "should update nested attributes" (checked against DynamoDB):
  // SET b.c = c[1] + b.a, b.a = a, c[1] = a, c[4] = b.a - b.b, c[2] = b.c ADD c[8] :b, c[6] :a
  const AttributeValue key = S("key");
  const Item before{{"a", key},
                    {"b", M({{"a", N("1")}, {"b", N("2")}, {"c", N("3")}})},
                    {"c", L({N("1"), N("3")})}};
  const UpdateExpression update{
      {set("b.c", plus(path("c[1]"), path("b.a"))), set("b.a", path("a")), set("c[1]", path("a")),
       set("c[4]", minus(path("b.a"), path("b.b"))), set("c[2]", path("b.c")),
       add("c[8]", SS({"a"})), add("c[6]", N("2"))}};
  const Item after = apply_update(update, before);
  CHECK(after == Item{{"a", key},
                      {"b", M({{"a", key}, {"b", N("2")}, {"c", N("4")}})},
                      {"c", L({N("1"), key, N("3"), N("-1"), N("2"), SS({"a"})})}});
  CHECK(updated_attributes(after, update) ==
        Item{{"b", M({{"a", key}, {"c", N("4")}})}, {"c", L({key, N("3"), N("2")})}});
  CHECK(updated_attributes(before, update) ==
        Item{{"b", M({{"a", N("1")}, {"c", N("3")}})}, {"c", L({N("3")})}});
}

TEST_CASE("apply_update is a pure function of its inputs") {
  const Item item{{"n", N("1")}, {"l", L({N("1"), N("2")})}};
  const UpdateExpression update{{add("n", N("1")), rm("l[0]"), set("l[5]", path("n"))}};
  const Item first = apply_update(update, item);
  CHECK(apply_update(update, item) == first);
  CHECK(first == Item{{"n", N("2")}, {"l", L({N("2"), N("1")})}});
  CHECK(item == Item{{"n", N("1")}, {"l", L({N("1"), N("2")})}});
}

TEST_CASE("an update may not nest values deeper than DynamoDB allows") {
  AttributeValue deep = N("1");
  for (int i = 0; i < 31; ++i) {
    deep = L({deep});  // 31 lists: the number sits at depth 31, as deep as allowed
  }
  CHECK(apply(Item{}, {set("a", val(deep))}).at("a") == deep);
  CHECK(error_of(Item{{"m", M({})}}, {set("m.x", val(deep))}) ==
        "ValidationException: Nesting Levels have exceeded supported limits");
}

TEST_CASE("overlapping paths that slipped past check_update are still refused") {
  CHECK(error_of(Item{}, {set("a", val(N("1"))), rm("a")}) ==
        "ValidationException: Invalid UpdateExpression: Two document paths overlap with each "
        "other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(error_of(Item{}, {set("a.b", val(N("1"))), set("a[1]", val(N("2")))}) ==
        "ValidationException: Invalid UpdateExpression: Two document paths conflict with each "
        "other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]");
}

TEST_CASE("static checks: ADD and DELETE value types") {
  const std::string prefix =
      "ValidationException: Invalid UpdateExpression: Incorrect operand type for operator or "
      "function; ";
  CHECK(check_error({add("a", S("hello"))}) ==
        prefix + "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(check_error({add("a", L({N("3")}))}) ==
        prefix + "operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(check_error({add("a", M({}))}) ==
        prefix + "operator: ADD, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(check_error({add("a", BOOL(true))}) ==
        prefix + "operator: ADD, operand type: BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(check_error({add("a", B("x"))}) ==
        prefix + "operator: ADD, operand type: BINARY, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(check_error({del("a", S("hello"))}) ==
        prefix + "operator: DELETE, operand type: STRING, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  CHECK(check_error({del("a", N("1"))}) ==
        prefix + "operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  for (const AttributeValue& ok : {N("1"), SS({"a"}), NS({"1"}), BS({"a"})}) {
    CHECK(check_error({add("a", ok)}) == "no error");
  }
  for (const AttributeValue& ok : {SS({"a"}), NS({"1"}), BS({"a"})}) {
    CHECK(check_error({del("a", ok)}) == "no error");
  }
  // apply_update repeats the check, so an unchecked ADD of a string still fails.
  CHECK(error_of(Item{}, {add("a", S("hello"))}) ==
        prefix + "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
}

TEST_CASE("static checks: SET operands of + - list_append and if_not_exists") {
  const std::string prefix =
      "ValidationException: Invalid UpdateExpression: Incorrect operand type for operator or "
      "function; operator or function: ";
  CHECK(check_error({set("b", plus(val(S("dog")), val(N("3"))))}) == prefix + "+, operand type: S");
  CHECK(check_error({set("b", minus(path("a"), val(L({}))))}) == prefix + "-, operand type: L");
  CHECK(check_error({set("b", list_append(val(L({})), val(S("hi"))))}) ==
        prefix + "list_append, operand type: S");
  CHECK(check_error({set("b", list_append(val(M({})), path("a")))}) ==
        prefix + "list_append, operand type: M");
  CHECK(check_error({set("b", list_append(plus(val(N("1")), val(N("2"))), path("a")))}) ==
        prefix + "list_append, operand type: N");
  // Operands are checked before the function that takes them.
  CHECK(check_error({set("b", list_append(if_not_exists("a", val(L({}))),
                                          list_append(val(S("x")), val(L({})))))}) ==
        prefix + "list_append, operand type: S");
  CHECK(check_error({set("b", plus(if_not_exists("b", val(S("x"))), val(N("1"))))}) ==
        "no error");  // if_not_exists can return anything until evaluated
  CHECK(check_error({set("b", list_append(if_not_exists("a", val(L({}))), path("c")))}) ==
        "no error");
  CHECK(check_error({set("a", if_not_exists("a", path("a")))}) ==
        "ValidationException: Invalid UpdateExpression: The first operand must be distinct from "
        "the remaining operands for this operator or function; operator: if_not_exists, first "
        "operand: [a]");
  Operand value_first;
  value_first.kind = Operand::Kind::kIfNotExists;
  value_first.args = {val(N("3")), val(N("6"))};
  CHECK(check_error({set("b", value_first)}) ==
        "ValidationException: Invalid UpdateExpression: Operator or function requires a document "
        "path; operator or function: if_not_exists");
  CHECK(check_error({set("a", val(N("1"))), rm("b"), add("c", N("1")), del("d", SS({"x"}))}) ==
        "no error");
}
