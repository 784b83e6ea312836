// KeySelection's exact matching (what every Query re-checks each item with) and item_identity.

#include "storage/key_selection.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/internal/key_codec.h"

using namespace storage;

namespace {

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue B(std::string b) { return AttributeValue::binary(std::move(b)); }
AttributeValue N(const char* n) { return AttributeValue::num(Number::parse(n)); }

KeySelection sort_condition(SortOp op, std::vector<AttributeValue> values) {
  KeySelection selection;
  selection.partition = {S("p")};
  selection.sort_op = op;
  selection.sort_values = std::move(values);
  return selection;
}

// The order of two key values of one type by their key bytes, the order the selection must keep.
int byte_order(const AttributeValue& a, const AttributeValue& b) {
  std::string x;
  std::string y;
  key_codec::append_ordered(x, a, /*last=*/true);
  key_codec::append_ordered(y, b, /*last=*/true);
  return x < y ? -1 : (x == y ? 0 : 1);
}

}  // namespace

TEST_CASE("KeySelection: comparisons follow the key bytes of S, N and B", "[key_selection]") {
  const std::vector<std::vector<AttributeValue>> values_by_type = {
      {S(""), S("a"), S("a\x01"), S("ab"), S("b"), S("\xc3\xa9"), S("\xff")},
      {N("-1000"), N("-1.5"), N("-0.05"), N("0"), N("0.05"), N("12.34"), N("1e3"), N("1000.5")},
      {B(std::string("\0", 1)), B("\x01"), B("\x7f"), B("\x80"), B(std::string("\xff\x00", 2)),
       B("\xff\xff")}};
  for (const auto& values : values_by_type) {
    for (const AttributeValue& operand : values) {
      for (const AttributeValue& value : values) {
        const int order = byte_order(value, operand);
        CHECK(sort_condition(SortOp::kEq, {operand}).matches_sort(value) == (order == 0));
        CHECK(sort_condition(SortOp::kLt, {operand}).matches_sort(value) == (order < 0));
        CHECK(sort_condition(SortOp::kLe, {operand}).matches_sort(value) == (order <= 0));
        CHECK(sort_condition(SortOp::kGt, {operand}).matches_sort(value) == (order > 0));
        CHECK(sort_condition(SortOp::kGe, {operand}).matches_sort(value) == (order >= 0));
        CHECK(sort_condition(SortOp::kAll, {}).matches_sort(value));
      }
    }
  }
}

TEST_CASE("KeySelection: BETWEEN is inclusive on S, N and B", "[key_selection]") {
  const KeySelection strings = sort_condition(SortOp::kBetween, {S("b"), S("d")});
  CHECK(strings.matches_sort(S("b")));
  CHECK(strings.matches_sort(S("c\xff")));
  CHECK(strings.matches_sort(S("d")));
  CHECK_FALSE(strings.matches_sort(S("d\x01")));
  CHECK_FALSE(strings.matches_sort(S("a")));
  const KeySelection numbers = sort_condition(SortOp::kBetween, {N("-1"), N("1e2")});
  CHECK(numbers.matches_sort(N("-1")));
  CHECK(numbers.matches_sort(N("0")));
  CHECK(numbers.matches_sort(N("100")));
  CHECK_FALSE(numbers.matches_sort(N("100.0001")));
  CHECK_FALSE(numbers.matches_sort(N("-1.5")));
  const KeySelection bytes = sort_condition(SortOp::kBetween, {B("\x10"), B("\x90")});
  CHECK(bytes.matches_sort(B("\x10")));
  CHECK(bytes.matches_sort(B("\x8f\xff")));
  CHECK(bytes.matches_sort(B("\x90")));
  CHECK_FALSE(bytes.matches_sort(B(std::string("\x90\x00", 2))));
  CHECK_FALSE(bytes.matches_sort(B(std::string("\0", 1))));
}

TEST_CASE("KeySelection: begins_with is a byte prefix of S or B", "[key_selection]") {
  const KeySelection strings = sort_condition(SortOp::kBeginsWith, {S("ab")});
  CHECK(strings.matches_sort(S("ab")));
  CHECK(strings.matches_sort(S("abc")));
  CHECK_FALSE(strings.matches_sort(S("a")));
  CHECK_FALSE(strings.matches_sort(S("b")));
  CHECK_FALSE(strings.matches_sort(B("abc")));  // another type never matches
  const KeySelection bytes = sort_condition(SortOp::kBeginsWith, {B(std::string("\xff\x00", 2))});
  CHECK(bytes.matches_sort(B(std::string("\xff\x00\x01", 3))));
  CHECK_FALSE(bytes.matches_sort(B("\xff")));
  CHECK_FALSE(sort_condition(SortOp::kBeginsWith, {S("1")}).matches_sort(N("12")));
}

TEST_CASE("KeySelection: values of another type never match", "[key_selection]") {
  CHECK_FALSE(sort_condition(SortOp::kEq, {S("1")}).matches_sort(N("1")));
  CHECK_FALSE(sort_condition(SortOp::kEq, {S("1")}).matches_sort(B("1")));
  CHECK_FALSE(sort_condition(SortOp::kLt, {S("b")}).matches_sort(B("a")));
  CHECK_FALSE(sort_condition(SortOp::kBetween, {N("1"), N("5")}).matches_sort(S("3")));
}

TEST_CASE("KeySelection: matches checks partition, equal prefix and sort condition",
          "[key_selection]") {
  const std::vector<std::string> hash = {"h1", "h2"};
  const std::vector<std::string> range = {"r1", "r2"};
  KeySelection selection;
  selection.partition = {S("x"), N("2")};
  selection.sort_prefix = {S("c")};
  selection.sort_op = SortOp::kGt;
  selection.sort_values = {N("5")};
  const Item match = {{"h1", S("x")}, {"h2", N("2.0")}, {"r1", S("c")}, {"r2", N("6")}};
  CHECK(selection.matches(match, hash, range));
  Item other = match;
  other["r1"] = S("d");
  CHECK_FALSE(selection.matches(other, hash, range));
  other = match;
  other["h2"] = N("3");
  CHECK_FALSE(selection.matches(other, hash, range));
  other = match;
  other["r2"] = N("5");
  CHECK_FALSE(selection.matches(other, hash, range));
  other = match;
  other.erase("r2");
  CHECK_FALSE(selection.matches(other, hash, range));
  selection.sort_op = SortOp::kAll;
  selection.sort_values.clear();
  CHECK(selection.matches(other, hash, range));
}

TEST_CASE("item_identity: equal exactly for equal key values", "[key_selection]") {
  TableInfo t;
  t.id = 3;
  t.attribute_definitions = {{"pk", ValueType::kString}, {"sk", ValueType::kNumber}};
  t.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  const Item a = {{"pk", S("a")}, {"sk", N("1000")}, {"x", S("ignored")}};
  CHECK(item_identity(t, a) == item_identity(t, {{"pk", S("a")}, {"sk", N("1e3")}}));
  CHECK(item_identity(t, a) != item_identity(t, {{"pk", S("a")}, {"sk", N("1001")}}));
  CHECK(item_identity(t, a) != item_identity(t, {{"pk", S("b")}, {"sk", N("1000")}}));
  TableInfo other = t;
  other.id = 4;
  CHECK(item_identity(t, a) != item_identity(other, a));
}
