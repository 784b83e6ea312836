// Condition evaluation and the static operand checks (protocol/expr/evaluate.cpp, compare.cpp).
// Trees are built by hand; the expected behaviours and texts come from the sources listed in
// tests/integration/DYNAMODB_MESSAGES.md, "Expression evaluation".

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/expr/expr.h"
#include "tests/protocol/expr/test_errors.h"
#include "tests/protocol/expr/test_trees.h"

using namespace protocol::expr;
using namespace expr_test;
using storage::AttributeValue;
using storage::Item;
using storage::Number;

namespace {

Operand size(const std::string& text) {
  Operand o;
  o.kind = Operand::Kind::kSize;
  o.path = P(text);
  return o;
}
// size(:value), the argument given as args[0]
Operand size_of_value(AttributeValue v) {
  Operand o;
  o.kind = Operand::Kind::kSize;
  o.args.push_back(val(std::move(v)));
  return o;
}

Condition cmp(Operand a, Comparator c, Operand b) {
  Condition cond;
  cond.kind = Condition::Kind::kCompare;
  cond.comparator = c;
  cond.operands = {std::move(a), std::move(b)};
  return cond;
}
Condition between(Operand v, Operand lo, Operand hi) {
  Condition cond;
  cond.kind = Condition::Kind::kBetween;
  cond.operands = {std::move(v), std::move(lo), std::move(hi)};
  return cond;
}
Condition in(Operand v, std::vector<Operand> candidates) {
  Condition cond;
  cond.kind = Condition::Kind::kIn;
  cond.operands.push_back(std::move(v));
  for (Operand& c : candidates) {
    cond.operands.push_back(std::move(c));
  }
  return cond;
}
Condition fn(Function f, std::vector<Operand> args) {
  Condition cond;
  cond.kind = Condition::Kind::kFunction;
  cond.function = f;
  cond.operands = std::move(args);
  return cond;
}
Condition both(Condition a, Condition b, Condition::Kind kind = Condition::Kind::kAnd) {
  Condition cond;
  cond.kind = kind;
  cond.children = {std::move(a), std::move(b)};
  return cond;
}
Condition either(Condition a, Condition b) {
  return both(std::move(a), std::move(b), Condition::Kind::kOr);
}
Condition negate(Condition a) {
  Condition cond;
  cond.kind = Condition::Kind::kNot;
  cond.children = {std::move(a)};
  return cond;
}

bool holds(const Item& item, const Condition& condition) { return evaluate(condition, item); }

std::string check_error(const Condition& c, Source source = Source::kConditionExpression) {
  return typed_error_of([&] { check_condition_operands(c, source); });
}

// One value of each of DynamoDB's ten types.
std::vector<AttributeValue> one_of_each() {
  return {N("1"),
          S("hello"),
          BOOL(true),
          B("xyz"),
          NUL(),
          L({S("hello"), N("42")}),
          M({{"hello", S("world")}}),
          SS({"hello", "world"}),
          NS({"1", "2", "3"}),
          BS({"xyz", "hi"})};
}

}  // namespace

TEST_CASE("= is true only for the same type and value; <> is its negation") {
  const std::vector<AttributeValue> values = one_of_each();
  for (size_t i = 0; i < values.size(); ++i) {
    const Item item{{"a", values[i]}};
    for (size_t j = 0; j < values.size(); ++j) {
      INFO("item type " << storage::type_name(values[i].type) << ", value type "
                        << storage::type_name(values[j].type));
      CHECK(holds(item, cmp(path("a"), Comparator::kEq, val(values[j]))) == (i == j));
      CHECK(holds(item, cmp(path("a"), Comparator::kNe, val(values[j]))) == (i != j));
    }
    CHECK(holds(Item{{"a", values[i]}, {"b", values[i]}},
                cmp(path("a"), Comparator::kEq, path("b"))));
  }
}

TEST_CASE("equality: numbers by value, sets in any order, lists and maps deeply") {
  const Item item{{"n", N("1000")},
                  {"ss", SS({"dog", "cat", "mouse"})},
                  {"ns", NS({"1", "2.50"})},
                  {"l", L({N("1"), M({{"x", SS({"a", "b"})}})})},
                  {"m", M({{"k", L({S("v")})}, {"j", N("0")}})}};
  CHECK(holds(item, cmp(path("n"), Comparator::kEq, val(N("1e3")))));
  CHECK(holds(item, cmp(path("n"), Comparator::kEq, val(N("1000.000")))));
  CHECK(holds(item, cmp(path("ss"), Comparator::kEq, val(SS({"mouse", "dog", "cat"})))));
  CHECK_FALSE(holds(item, cmp(path("ss"), Comparator::kEq, val(SS({"mouse", "dog"})))));
  CHECK(holds(item, cmp(path("ns"), Comparator::kEq, val(NS({"2.5", "1.0"})))));
  CHECK(
      holds(item, cmp(path("l"), Comparator::kEq, val(L({N("1.0"), M({{"x", SS({"b", "a"})}})})))));
  CHECK_FALSE(
      holds(item, cmp(path("l"), Comparator::kEq, val(L({M({{"x", SS({"b", "a"})}}), N("1")})))));
  CHECK(holds(item, cmp(path("m"), Comparator::kEq, val(M({{"j", N("0")}, {"k", L({S("v")})}})))));
  CHECK_FALSE(holds(item, cmp(path("m"), Comparator::kEq, val(M({{"k", L({S("v")})}})))));
  CHECK_FALSE(holds(item, cmp(path("n"), Comparator::kEq, val(S("1000")))));
}

TEST_CASE("a missing operand equals nothing: = and ordering are false, <> is true") {
  const Item item{{"a", N("1")}};
  for (Comparator c :
       {Comparator::kEq, Comparator::kLt, Comparator::kLe, Comparator::kGt, Comparator::kGe}) {
    CHECK_FALSE(holds(item, cmp(path("q"), c, val(N("1")))));
    CHECK_FALSE(holds(item, cmp(val(N("1")), c, path("q"))));
    CHECK_FALSE(holds(item, cmp(path("q"), c, path("z"))));  // not even two missing ones
  }
  CHECK(holds(item, cmp(path("q"), Comparator::kNe, val(N("1")))));
  CHECK(holds(item, cmp(path("q"), Comparator::kNe, path("z"))));
  CHECK(holds(Item{}, cmp(path("p"), Comparator::kNe, val(S("x")))));
}

TEST_CASE("< <= > >= order numbers, strings and binaries of one type") {
  const Item item{{"n", N("1")}, {"s", S("cat")}, {"b", B("cat")}, {"neg", N("-1.5")}};
  struct Case {
    const char* attr;
    AttributeValue low, high;
  };
  for (const Case& c : {Case{"n", N("0"), N("2")}, Case{"s", S("aardvark"), S("dog")},
                        Case{"b", B("aardvark"), B("dog")}, Case{"neg", N("-2"), N("-1.4")}}) {
    INFO(c.attr);
    CHECK(holds(item, cmp(path(c.attr), Comparator::kLt, val(c.high))));
    CHECK_FALSE(holds(item, cmp(path(c.attr), Comparator::kLt, val(c.low))));
    CHECK(holds(item, cmp(path(c.attr), Comparator::kGt, val(c.low))));
    CHECK_FALSE(holds(item, cmp(path(c.attr), Comparator::kGt, val(c.high))));
    const AttributeValue same = *find_path(item, P(c.attr));
    CHECK(holds(item, cmp(path(c.attr), Comparator::kLe, val(same))));
    CHECK(holds(item, cmp(path(c.attr), Comparator::kGe, val(same))));
    CHECK_FALSE(holds(item, cmp(path(c.attr), Comparator::kLt, val(same))));
    CHECK_FALSE(holds(item, cmp(path(c.attr), Comparator::kGt, val(same))));
  }
  CHECK(holds(item, cmp(val(N("0")), Comparator::kLt, path("n"))));  // constants on either side
  CHECK(holds(Item{{"x", N("9")}, {"y", N("10")}}, cmp(path("x"), Comparator::kLt, path("y"))));
  CHECK(holds(Item{{"x", N("1e-130")}}, cmp(path("x"), Comparator::kGt, val(N("0")))));
  CHECK(holds(Item{{"x", N("-9.9e125")}}, cmp(path("x"), Comparator::kLt, val(N("-1e125")))));
}

TEST_CASE("ordering compares unsigned bytes, so strings sort in UTF-8 byte order") {
  CHECK(holds(Item{{"b", B("\x7f")}}, cmp(path("b"), Comparator::kLt, val(B("\x80")))));
  CHECK(holds(Item{{"b", B("\x80")}}, cmp(path("b"), Comparator::kGt, val(B("\x7f")))));
  CHECK(holds(Item{{"b", B("ab")}}, cmp(path("b"), Comparator::kGt, val(B("a")))));
  // U+00E9 (C3 A9) sorts after "z" (7A) by bytes, and U+FFFD (EF BF BD) before U+10000 (F0 ...).
  CHECK(holds(Item{{"s", S("\xc3\xa9")}}, cmp(path("s"), Comparator::kGt, val(S("z")))));
  CHECK(holds(Item{{"s", S("\xef\xbf\xbd")}},
              cmp(path("s"), Comparator::kLt, val(S("\xf0\x90\x80\x80")))));
}

TEST_CASE("ordering across types, or of unordered types, is false rather than an error") {
  const std::vector<AttributeValue> values = one_of_each();
  for (const AttributeValue& left : values) {
    for (const AttributeValue& right : values) {
      if (left.type == right.type && is_ordered_type(left.type)) {
        continue;
      }
      const Item item{{"a", left}};
      for (Comparator c : {Comparator::kLt, Comparator::kLe, Comparator::kGt, Comparator::kGe}) {
        INFO(storage::type_name(left.type) << " vs " << storage::type_name(right.type));
        CHECK_FALSE(holds(item, cmp(path("a"), c, val(right))));
      }
    }
  }
  // A list from the item compared with itself: equal, but not ordered.
  const Item item{{"x", L({N("1")})}};
  CHECK_FALSE(holds(item, cmp(path("x"), Comparator::kLe, val(L({N("1")})))));
  CHECK(holds(item, cmp(path("x"), Comparator::kEq, val(L({N("1")})))));
}

TEST_CASE("BETWEEN is inclusive, needs one ordered type, and is false for missing operands") {
  const Item item{{"a", N("1")}, {"b", S("cat")}, {"c", B("cat")},
                  {"x", N("0")}, {"y", N("2")},   {"l", L({N("1")})}};
  CHECK(holds(item, between(path("a"), val(N("0")), val(N("2")))));
  CHECK(holds(item, between(path("a"), val(N("1")), val(N("1")))));
  CHECK_FALSE(holds(item, between(path("a"), val(N("2")), val(N("7")))));
  CHECK(holds(item, between(path("b"), val(S("aardvark")), val(S("dog")))));
  CHECK(holds(item, between(path("b"), val(S("cat")), val(S("cat")))));
  CHECK_FALSE(holds(item, between(path("b"), val(S("dog")), val(S("zebra")))));
  CHECK(holds(item, between(path("c"), val(B("aardvark")), val(B("dog")))));
  CHECK(holds(item, between(path("a"), path("x"), path("y"))));
  CHECK_FALSE(holds(item, between(path("a"), val(S("0")), val(S("2")))));  // wrong type
  CHECK_FALSE(holds(item, between(path("q"), val(N("0")), val(N("2")))));  // missing
  CHECK_FALSE(holds(item, between(path("a"), path("q"), val(N("2")))));
  CHECK_FALSE(holds(item, between(path("l"), val(N("0")), val(N("2")))));
  // Bounds from the item in the wrong order or of mixed types are just false.
  CHECK_FALSE(holds(item, between(path("a"), path("y"), path("x"))));
  CHECK_FALSE(holds(item, between(path("a"), path("y"), val(S("dog")))));
}

TEST_CASE("IN is true when any candidate equals the value, whatever the candidates' types") {
  const Item item{{"a", N("74")}, {"s", SS({"x", "y"})}};
  std::vector<Operand> many;
  for (int i = 0; i < 99; ++i) {
    many.push_back(val(AttributeValue::num(Number::from_int(i))));
  }
  CHECK(holds(item, in(path("a"), many)));
  CHECK_FALSE(holds(Item{{"a", N("174")}}, in(path("a"), many)));
  CHECK(holds(item, in(path("a"), {val(S("dog")), val(N("74.0"))})));
  CHECK(holds(item, in(path("s"), {val(SS({"y", "x"}))})));
  CHECK_FALSE(holds(item, in(path("q"), many)));
  CHECK_FALSE(holds(item, in(path("a"), {path("q")})));
}

TEST_CASE("attribute_exists and attribute_not_exists follow nested paths") {
  const Item item{{"a", N("1")}, {"b", M({{"x", N("1")}, {"y", L({N("-1"), N("2")})}})}};
  CHECK(holds(item, fn(Function::kAttributeExists, {path("a")})));
  CHECK(holds(item, fn(Function::kAttributeExists, {path("b.x")})));
  CHECK(holds(item, fn(Function::kAttributeExists, {path("b.y[1]")})));
  CHECK_FALSE(holds(item, fn(Function::kAttributeExists, {path("b.y[2]")})));
  CHECK_FALSE(holds(item, fn(Function::kAttributeExists, {path("a.x")})));    // into a number
  CHECK_FALSE(holds(item, fn(Function::kAttributeExists, {path("b[0]")})));   // index into a map
  CHECK_FALSE(holds(item, fn(Function::kAttributeExists, {path("b.y.x")})));  // name into a list
  CHECK(holds(item, fn(Function::kAttributeNotExists, {path("z")})));
  CHECK_FALSE(holds(item, fn(Function::kAttributeNotExists, {path("b.y")})));
  CHECK(holds(Item{}, fn(Function::kAttributeNotExists, {path("p")})));
}

TEST_CASE("attribute_type matches DynamoDB's short type names") {
  const std::vector<AttributeValue> values = one_of_each();
  for (size_t i = 0; i < values.size(); ++i) {
    const Item item{{"a", values[i]}};
    for (size_t j = 0; j < values.size(); ++j) {
      const std::string name(storage::type_name(values[j].type));
      INFO(storage::type_name(values[i].type) << " tested as " << name);
      CHECK(holds(item, fn(Function::kAttributeType, {path("a"), val(S(name))})) == (i == j));
    }
  }
  CHECK_FALSE(holds(Item{}, fn(Function::kAttributeType, {path("a"), val(S("N"))})));
  // The first operand may be a :value too ([Alternator] test_update_condition_attribute_type).
  CHECK(holds(Item{}, fn(Function::kAttributeType, {val(N("0")), val(S("N"))})));
}

TEST_CASE("begins_with works on S and B only, with operands in either role") {
  const Item item{{"a", S("hello")}, {"b", B("hi there")}, {"n", N("12")}, {"p", S("he")}};
  CHECK(holds(item, fn(Function::kBeginsWith, {path("a"), val(S("hell"))})));
  CHECK(holds(item, fn(Function::kBeginsWith, {path("a"), val(S(""))})));
  CHECK(holds(item, fn(Function::kBeginsWith, {path("a"), val(S("hello"))})));
  CHECK_FALSE(holds(item, fn(Function::kBeginsWith, {path("a"), val(S("hello!"))})));
  CHECK_FALSE(holds(item, fn(Function::kBeginsWith, {path("a"), val(S("dog"))})));
  CHECK(holds(item, fn(Function::kBeginsWith, {path("b"), val(B("hi"))})));
  CHECK_FALSE(holds(item, fn(Function::kBeginsWith, {path("b"), val(S("hi"))})));  // S vs B
  CHECK_FALSE(holds(item, fn(Function::kBeginsWith, {path("n"), val(N("1"))})));
  CHECK_FALSE(holds(item, fn(Function::kBeginsWith, {path("c"), val(S("dog"))})));  // missing
  CHECK(holds(item, fn(Function::kBeginsWith, {val(S("hellohi")), path("a")})));
  CHECK(holds(item, fn(Function::kBeginsWith, {path("a"), path("p")})));
}

TEST_CASE("contains: substrings of S and B, members of sets, elements of lists") {
  const Item item{{"a", S("hello")},
                  {"b", NS({"2", "4", "7"})},
                  {"c", L({N("2"), N("4"), N("7")})},
                  {"d", B("hi there")},
                  {"e", L({S("hi"), NS({"1", "2"}), L({N("3"), N("4")})})},
                  {"f", SS({"x", "y"})},
                  {"g", BS({"\x01", "\x02"})},
                  {"m", M({{"k", S("v")}})}};
  CHECK(holds(item, fn(Function::kContains, {path("a"), val(S("ell"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("a"), val(S("elk"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("a"), val(B("ell"))})));
  CHECK(holds(item, fn(Function::kContains, {path("b"), val(N("4.0"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("b"), val(S("4"))})));
  CHECK(holds(item, fn(Function::kContains, {path("c"), val(N("4"))})));
  CHECK(holds(item, fn(Function::kContains, {path("d"), val(B("here"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("d"), val(B("dog"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("d"), val(NS({"1", "2"}))})));
  CHECK(holds(item, fn(Function::kContains, {path("e"), val(NS({"2", "1"}))})));
  CHECK(holds(item, fn(Function::kContains, {path("e"), val(L({N("3"), N("4")}))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("e"), val(L({N("4"), N("3")}))})));
  CHECK(holds(item, fn(Function::kContains, {path("f"), val(S("y"))})));
  CHECK(holds(item, fn(Function::kContains, {path("g"), val(B("\x02"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("m"), val(S("k"))})));  // not for maps
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("q"), val(S("x"))})));
  CHECK_FALSE(holds(item, fn(Function::kContains, {path("a"), path("q")})));
  CHECK(holds(item, fn(Function::kContains, {val(S("well hello")), path("a")})));
}

TEST_CASE("size counts string code units, bytes and elements; N, BOOL and NULL have none") {
  const Item item{{"a", S("hello")},
                  {"b", NS({"2", "4", "7"})},
                  {"c", L({N("2"), S("dog"), N("7")})},
                  {"d", B("hi there")},
                  {"e", M({{"x", N("2")}, {"y", M({{"m", N("3")}})}})},
                  {"f", N("5")},
                  {"g", BOOL(true)},
                  {"h", NUL()},
                  {"u", S("\xc3\xa9\xf0\x9d\x84\x9e")},  // "é𝄞"
                  {"z", S("")}};
  CHECK(holds(item, cmp(size("a"), Comparator::kEq, val(N("5")))));
  CHECK(holds(item, cmp(size("b"), Comparator::kEq, val(N("3")))));
  CHECK(holds(item, cmp(size("c"), Comparator::kEq, val(N("3")))));
  CHECK(holds(item, cmp(size("d"), Comparator::kEq, val(N("8")))));
  CHECK(holds(item, cmp(size("e"), Comparator::kEq, val(N("2")))));
  CHECK(holds(item, cmp(size("u"), Comparator::kEq, val(N("3")))));  // UTF-16 units, not 6 bytes
  CHECK(holds(item, cmp(size("z"), Comparator::kEq, val(N("0")))));
  CHECK(holds(item, cmp(size("e.y"), Comparator::kEq, val(N("1")))));
  for (const char* attr : {"f", "g", "h", "q"}) {
    INFO(attr);
    CHECK_FALSE(holds(item, cmp(size(attr), Comparator::kEq, val(N("1")))));
    CHECK_FALSE(holds(item, cmp(size(attr), Comparator::kGe, val(N("0")))));
    CHECK(holds(item, cmp(size(attr), Comparator::kNe, val(N("1")))));  // a missing value
  }
  CHECK_FALSE(holds(item, cmp(size("a"), Comparator::kEq, val(S("dog")))));
  CHECK(holds(item, cmp(size("a"), Comparator::kEq, path("f"))));
  CHECK(holds(item, cmp(size("a"), Comparator::kNe, val(N("4")))));
  CHECK(holds(item, cmp(size("a"), Comparator::kLt, val(N("7")))));
  CHECK(holds(item, cmp(size("a"), Comparator::kLe, val(N("5")))));
  CHECK(holds(item, cmp(size("a"), Comparator::kGt, val(N("2")))));
  CHECK(holds(item, cmp(size("a"), Comparator::kGe, val(N("5")))));
  CHECK(holds(item, between(size("c"), val(N("1")), val(N("3")))));
  CHECK(holds(item, in(size("c"), {val(N("9")), val(N("3"))})));
  CHECK(utf16_length("abc") == 3);
  CHECK(utf16_length("\xe2\x82\xac") == 1);  // U+20AC, three bytes
}

TEST_CASE("AND, OR and NOT combine conditions with the usual truth tables") {
  const Item item{{"a", N("1")}, {"b", N("2")}, {"c", N("3")}};
  const Condition a_lt_b = cmp(path("a"), Comparator::kLt, path("b"));
  const Condition b_lt_c = cmp(path("b"), Comparator::kLt, path("c"));
  const Condition c_lt_b = cmp(path("c"), Comparator::kLt, path("b"));
  const Condition b_lt_a = cmp(path("b"), Comparator::kLt, path("a"));
  CHECK(holds(item, both(a_lt_b, b_lt_c)));
  CHECK_FALSE(holds(item, both(a_lt_b, c_lt_b)));
  CHECK_FALSE(holds(item, both(b_lt_a, b_lt_c)));
  CHECK(holds(item, either(a_lt_b, c_lt_b)));
  CHECK(holds(item, either(b_lt_a, b_lt_c)));
  CHECK_FALSE(holds(item, either(b_lt_a, c_lt_b)));
  CHECK(holds(item, negate(b_lt_a)));
  CHECK_FALSE(holds(item, negate(a_lt_b)));
  CHECK(holds(item, negate(negate(negate(negate(a_lt_b))))));
  // a < b OR (c < b AND b < c), and (NOT a < b) AND c < b
  CHECK(holds(item, either(a_lt_b, both(c_lt_b, b_lt_c))));
  CHECK_FALSE(holds(item, both(negate(a_lt_b), c_lt_b)));
  // NOT of a type mismatch is true: the comparison itself is simply false.
  CHECK(holds(Item{{"l", L({})}}, negate(cmp(path("l"), Comparator::kLt, val(N("1"))))));
}

TEST_CASE("find_path walks maps by name and lists by index") {
  const Item item{{"a", M({{"b", L({N("0"), N("1"), M({{"c", S("deep")}})})}})},
                  {"a.b", S("dotted")}};
  REQUIRE(find_path(item, P("a.b[2].c")) != nullptr);
  CHECK(*find_path(item, P("a.b[2].c")) == S("deep"));
  CHECK(*find_path(item, P("a.b[1]")) == N("1"));
  PathElement dotted;
  dotted.name = "a.b";
  CHECK(*find_path(item, Path{{dotted}}) == S("dotted"));  // one name with a dot in it
  CHECK(find_path(item, P("a.b[3]")) == nullptr);
  CHECK(find_path(item, P("a.b.c")) == nullptr);
  CHECK(find_path(item, P("a[0]")) == nullptr);
  CHECK(find_path(item, P("a.b[0].c")) == nullptr);
  CHECK(find_path(item, P("x")) == nullptr);
  CHECK(find_path(item, Path{}) == nullptr);
}

TEST_CASE("static checks: :values of a type an operator cannot take") {
  CHECK(check_error(cmp(path("a"), Comparator::kLt, val(L({N("1"), N("2")})))) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: <, operand type: L");
  CHECK(check_error(cmp(val(M({})), Comparator::kGe, path("a"))) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: >=, operand type: M");
  CHECK(check_error(cmp(path("a"), Comparator::kLe, val(BOOL(true))), Source::kFilterExpression) ==
        "ValidationException: Invalid FilterExpression: Incorrect operand type for operator or "
        "function; operator or function: <=, operand type: BOOL");
  CHECK(check_error(between(path("a"), val(L({N("1")})), val(L({N("2")})))) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: BETWEEN, operand type: L");
  CHECK(check_error(fn(Function::kBeginsWith, {path("a"), val(N("2"))})) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: begins_with, operand type: N");
  CHECK(check_error(fn(Function::kBeginsWith, {size("a"), val(S("x"))})) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: begins_with, operand type: N");
  CHECK(check_error(cmp(size_of_value(N("3")), Comparator::kEq, val(N("1")))) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: size, operand type: N");
  // size's own check comes before the comparison's: operands are validated first.
  CHECK(check_error(cmp(size_of_value(BOOL(true)), Comparator::kLt, val(L({})))) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: size, operand type: BOOL");
  // Item attributes of any type, = and <> with any :value, and contains/IN are fine.
  CHECK(check_error(cmp(path("a"), Comparator::kLt, path("b"))) == "no error");
  CHECK(check_error(cmp(path("a"), Comparator::kEq, val(L({})))) == "no error");
  CHECK(check_error(cmp(size("a"), Comparator::kGt, val(N("1")))) == "no error");
  CHECK(check_error(cmp(size_of_value(S("abc")), Comparator::kEq, val(N("3")))) == "no error");
  CHECK(check_error(fn(Function::kContains, {path("a"), val(M({}))})) == "no error");
  CHECK(check_error(in(path("a"), {val(L({})), val(S("x"))})) == "no error");
  CHECK(check_error(fn(Function::kBeginsWith, {path("a"), val(B("x"))})) == "no error");
}

TEST_CASE("static checks: BETWEEN bounds given as :values") {
  CHECK(check_error(between(path("a"), val(N("5")), val(N("1")))) ==
        "ValidationException: Invalid ConditionExpression: The BETWEEN operator requires upper "
        "bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
        "{N:5}, upper bound operand: AttributeValue: {N:1}");
  CHECK(
      check_error(between(path("a"), val(S("b")), val(S("a"))), Source::kKeyConditionExpression) ==
      "ValidationException: Invalid KeyConditionExpression: The BETWEEN operator requires upper "
      "bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
      "{S:b}, upper bound operand: AttributeValue: {S:a}");
  CHECK(check_error(between(path("a"), val(N("2")), val(S("dog")))) ==
        "ValidationException: Invalid ConditionExpression: The BETWEEN operator requires same data "
        "type for lower and upper bounds; lower bound operand: AttributeValue: {N:2}, upper bound "
        "operand: AttributeValue: {S:dog}");
  CHECK(check_error(between(path("a"), val(B("\x01")), val(B("")))) ==
        "ValidationException: Invalid ConditionExpression: The BETWEEN operator requires upper "
        "bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
        "{B:AQ==}, upper bound operand: AttributeValue: {B:}");
  CHECK(check_error(between(path("a"), val(N("1")), val(N("1")))) == "no error");
  CHECK(check_error(between(path("a"), path("two"), val(N("1")))) == "no error");
  CHECK(check_error(between(path("a"), val(N("3")), path("two"))) == "no error");
}

TEST_CASE("static checks: attribute_type's type name") {
  CHECK(check_error(fn(Function::kAttributeType, {path("a"), val(S("DOG"))})) ==
        "ValidationException: Invalid ConditionExpression: Invalid attribute type name found; "
        "type: DOG, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(check_error(fn(Function::kAttributeType, {path("a"), val(S("s"))})) ==
        "ValidationException: Invalid ConditionExpression: Invalid attribute type name found; "
        "type: s, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(check_error(fn(Function::kAttributeType, {path("a"), val(N("1"))})) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: attribute_type, operand type: N");
  CHECK(check_error(fn(Function::kAttributeType, {path("a"), path("b")})) ==
        "ValidationException: Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: attribute_type, operand type: "
        "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
  for (const char* name : {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"}) {
    CHECK(check_error(fn(Function::kAttributeType, {path("a"), val(S(name))})) == "no error");
  }
}

TEST_CASE("static checks: repeated paths, document paths, IN size") {
  CHECK(check_error(cmp(path("a"), Comparator::kEq, path("a"))) ==
        "ValidationException: Invalid ConditionExpression: The first operand must be distinct "
        "from the remaining operands for this operator or function; operator: =, first operand: "
        "[a]");
  CHECK(check_error(fn(Function::kContains, {path("a.b[1]"), path("a.b[1]")})) ==
        "ValidationException: Invalid ConditionExpression: The first operand must be distinct "
        "from the remaining operands for this operator or function; operator: contains, first "
        "operand: [a, b, [1]]");
  CHECK(check_error(between(path("a"), path("b"), path("a"))) ==
        "ValidationException: Invalid ConditionExpression: The first operand must be distinct "
        "from the remaining operands for this operator or function; operator: BETWEEN, first "
        "operand: [a]");
  CHECK(check_error(fn(Function::kContains, {path("a"), path("a1")})) == "no error");
  CHECK(check_error(cmp(path("a.b"), Comparator::kEq, path("a.c"))) == "no error");
  CHECK(check_error(fn(Function::kAttributeExists, {val(N("3"))})) ==
        "ValidationException: Invalid ConditionExpression: Operator or function requires a "
        "document path; operator or function: attribute_exists");
  CHECK(check_error(fn(Function::kAttributeNotExists, {val(N("3"))})) ==
        "ValidationException: Invalid ConditionExpression: Operator or function requires a "
        "document path; operator or function: attribute_not_exists");
  std::vector<Operand> hundred;
  for (int i = 0; i < 100; ++i) {
    hundred.push_back(val(AttributeValue::num(Number::from_int(i))));
  }
  CHECK(check_error(in(path("a"), hundred)) == "no error");
  hundred.push_back(val(N("100")));
  CHECK(check_error(in(path("a"), hundred)) ==
        "ValidationException: Invalid ConditionExpression: The IN operator is provided with too "
        "many operands; number of operands: 101");
}

TEST_CASE("static checks walk the whole tree, left before right") {
  const Condition bad_left = cmp(path("a"), Comparator::kLt, val(L({})));
  const Condition bad_right = fn(Function::kBeginsWith, {path("a"), val(N("1"))});
  const Condition good = cmp(path("a"), Comparator::kEq, val(N("1")));
  CHECK(check_error(either(good, negate(bad_right))).find("begins_with") != std::string::npos);
  CHECK(check_error(both(bad_left, bad_right)).find("operator or function: <,") !=
        std::string::npos);
  CHECK(check_error(both(good, either(good, good))) == "no error");
  // Evaluation itself never throws, even for a condition that would fail the checks.
  CHECK_FALSE(holds(Item{{"a", N("1")}}, bad_left));
}
