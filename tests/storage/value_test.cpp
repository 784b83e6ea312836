#include "storage/value.h"

#include <catch2/catch.hpp>

namespace storage {
namespace {

using V = AttributeValue;

Number num(const char* text) { return Number::parse(text); }

TEST_CASE("type_name gives DynamoDB's type descriptors", "[value]") {
  CHECK(type_name(ValueType::kString) == "S");
  CHECK(type_name(ValueType::kNumber) == "N");
  CHECK(type_name(ValueType::kBinary) == "B");
  CHECK(type_name(ValueType::kBool) == "BOOL");
  CHECK(type_name(ValueType::kNull) == "NULL");
  CHECK(type_name(ValueType::kMap) == "M");
  CHECK(type_name(ValueType::kList) == "L");
  CHECK(type_name(ValueType::kStringSet) == "SS");
  CHECK(type_name(ValueType::kNumberSet) == "NS");
  CHECK(type_name(ValueType::kBinarySet) == "BS");
}

TEST_CASE("type tags keep their on-disk numbers", "[value]") {
  // item_codec writes these numbers; renumbering would corrupt every stored item.
  CHECK(static_cast<int>(ValueType::kString) == 1);
  CHECK(static_cast<int>(ValueType::kNumber) == 2);
  CHECK(static_cast<int>(ValueType::kBinary) == 3);
  CHECK(static_cast<int>(ValueType::kBool) == 4);
  CHECK(static_cast<int>(ValueType::kNull) == 5);
  CHECK(static_cast<int>(ValueType::kMap) == 6);
  CHECK(static_cast<int>(ValueType::kList) == 7);
  CHECK(static_cast<int>(ValueType::kStringSet) == 8);
  CHECK(static_cast<int>(ValueType::kNumberSet) == 9);
  CHECK(static_cast<int>(ValueType::kBinarySet) == 10);
}

TEST_CASE("constructors set the type and the matching member", "[value]") {
  CHECK(V::string("abc").type == ValueType::kString);
  CHECK(V::string("abc").bytes == "abc");
  CHECK(V::binary(std::string("\0\1", 2)).type == ValueType::kBinary);
  CHECK(V::binary(std::string("\0\1", 2)).bytes.size() == 2);
  CHECK(V::num(num("12.5")).type == ValueType::kNumber);
  CHECK(V::num(num("12.5")).number == num("12.5"));
  CHECK(V::boolean_value(true).type == ValueType::kBool);
  CHECK(V::boolean_value(true).boolean);
  CHECK_FALSE(V::boolean_value(false).boolean);
  CHECK(V::null().type == ValueType::kNull);
  CHECK(V::null().boolean);
  CHECK(V::list_of({V::null(), V::string("x")}).list.size() == 2);
  CHECK(V::map_of({{"a", V::null()}}).map.count("a") == 1);
  CHECK(V::string_set({"a", "b"}).type == ValueType::kStringSet);
  CHECK(V::binary_set({"a", "b"}).type == ValueType::kBinarySet);
  CHECK(V::number_set_of({num("1")}).type == ValueType::kNumberSet);
  CHECK(V::number_set_of({num("1")}).number_set.size() == 1);
}

TEST_CASE("scalar equality compares type and value", "[value]") {
  CHECK(V::string("a") == V::string("a"));
  CHECK(V::string("a") != V::string("b"));
  CHECK(V::string("a") != V::binary("a"));  // same bytes, different type
  CHECK(V::num(num("1000")) == V::num(num("1e3")));
  CHECK(V::num(num("1")) != V::num(num("-1")));
  CHECK(V::boolean_value(true) == V::boolean_value(true));
  CHECK(V::boolean_value(true) != V::boolean_value(false));
  CHECK(V::null() == V::null());
  CHECK(V::null() != V::boolean_value(true));
  CHECK(V::string("") == V::string(""));
}

TEST_CASE("members of other types do not affect equality", "[value]") {
  V a = V::string("x");
  V b = V::string("x");
  b.boolean = true;
  b.list.push_back(V::null());
  CHECK(a == b);
}

TEST_CASE("sets compare with set semantics", "[value]") {
  CHECK(V::string_set({"a", "b", "c"}) == V::string_set({"c", "a", "b"}));
  CHECK(V::string_set({"a", "b"}) != V::string_set({"a", "b", "c"}));
  CHECK(V::string_set({"a", "b"}) != V::string_set({"a", "c"}));
  CHECK(V::string_set({"a"}) != V::binary_set({"a"}));
  CHECK(V::binary_set({std::string("\xff", 1), "x"}) ==
        V::binary_set({"x", std::string("\xff", 1)}));
  CHECK(V::number_set_of({num("1"), num("2.5"), num("-3")}) ==
        V::number_set_of({num("-3"), num("2.50"), num("1e0")}));
  CHECK(V::number_set_of({num("1"), num("2")}) != V::number_set_of({num("1"), num("3")}));
}

TEST_CASE("lists compare in order, maps deeply", "[value]") {
  const V list = V::list_of({V::string("a"), V::num(num("1"))});
  CHECK(list == V::list_of({V::string("a"), V::num(num("1.0"))}));
  CHECK(list != V::list_of({V::num(num("1")), V::string("a")}));
  CHECK(list != V::list_of({V::string("a")}));

  const V nested = V::map_of({{"m", V::map_of({{"s", V::string_set({"x", "y"})}})}, {"l", list}});
  const V same = V::map_of({{"l", list}, {"m", V::map_of({{"s", V::string_set({"y", "x"})}})}});
  CHECK(nested == same);
  const V other = V::map_of({{"l", list}, {"m", V::map_of({{"s", V::string_set({"y", "z"})}})}});
  CHECK(nested != other);
  CHECK(V::map_of({{"a", V::null()}}) != V::map_of({{"b", V::null()}}));
  CHECK(V::map_of({}) == V::map_of({}));
  CHECK(V::map_of({}) != V::list_of({}));
}

TEST_CASE("items compare as maps of values", "[value]") {
  Item a{{"id", V::string("1")}, {"n", V::num(num("10"))}};
  Item b{{"n", V::num(num("1e1"))}, {"id", V::string("1")}};
  CHECK(a == b);
  b["extra"] = V::null();
  CHECK(a != b);
}

}  // namespace
}  // namespace storage
