#include "storage/item_size.h"

#include <catch2/catch.hpp>
#include <string>

namespace storage {
namespace {

using V = AttributeValue;

V n(const char* text) { return V::num(Number::parse(text)); }

size_t number_bytes(const char* text) { return value_size(n(text)); }

TEST_CASE("strings, binary, booleans and nulls follow the Developer Guide", "[item_size]") {
  CHECK(value_size(V::string("")) == 0);
  CHECK(value_size(V::string("hello")) == 5);
  CHECK(value_size(V::string("caf\xc3\xa9")) == 5);       // "café": UTF-8 bytes, not characters
  CHECK(value_size(V::string("\xf0\x9f\x98\x80")) == 4);  // one emoji, four UTF-8 bytes
  CHECK(value_size(V::binary(std::string("\x01\x02", 2))) == 2);  // raw bytes, not base64 text
  CHECK(value_size(V::boolean_value(true)) == 1);
  CHECK(value_size(V::boolean_value(false)) == 1);
  CHECK(value_size(V::null()) == 1);
}

TEST_CASE("numbers: 1 byte plus base-100 digit pairs, plus 1 if negative", "[item_size]") {
  CHECK(number_bytes("0") == 1);
  CHECK(number_bytes("1") == 2);
  CHECK(number_bytes("27") == 2);
  CHECK(number_bytes("-27") == 3);
  CHECK(number_bytes("461") == 3);         // 4|61
  CHECK(number_bytes("1000") == 2);        // 10|00: trailing zero pairs are free
  CHECK(number_bytes("1e3") == 2);         // same value, same size
  CHECK(number_bytes("1200") == 2);        // 12|00
  CHECK(number_bytes("12000") == 3);       // 1|20|00: digits "12" straddle a pair boundary
  CHECK(number_bytes("1.5") == 3);         // 1|.5
  CHECK(number_bytes("12.3456") == 4);     // 12|.34|56
  CHECK(number_bytes("123.45") == 4);      // 1|23|.45
  CHECK(number_bytes("0.05") == 2);        // .05
  CHECK(number_bytes("0.12") == 2);        // .12
  CHECK(number_bytes("0.012") == 3);       // .01|2
  CHECK(number_bytes("1786461547") == 6);  // a 10-digit timestamp
  // The extremes: 38 digits take 19 or 20 pairs depending on alignment.
  CHECK(number_bytes("12345678901234567890123456789012345678") == 20);
  CHECK(number_bytes("1.2345678901234567890123456789012345678") == 21);
  // A negative number drops its terminator when the mantissa already has 20 bytes: at most 21.
  CHECK(number_bytes("-1.2345678901234567890123456789012345678") == 21);
  CHECK(number_bytes("-12345678901234567890123456789012345678") == 21);
  CHECK(number_bytes("-0.012") == 4);
  CHECK(number_bytes("1e125") == 2);
  CHECK(number_bytes("1e-130") == 2);
}

TEST_CASE("lists and maps: 3 bytes plus 1 per element", "[item_size]") {
  CHECK(value_size(V::list_of({})) == 3);
  CHECK(value_size(V::map_of({})) == 3);
  // 3 + (1 + 1) + (1 + 2)
  CHECK(value_size(V::list_of({V::string("x"), n("1")})) == 8);
  // Map members count their names: 3 + (1 + len("k") + 1)
  CHECK(value_size(V::map_of({{"k", V::boolean_value(true)}})) == 6);
  // Nested: outer 3 + 1 + inner (3 + 1 + 2 + 5)
  CHECK(value_size(V::list_of({V::map_of({{"ab", V::string("hello")}})})) == 15);
}

TEST_CASE("sets are the sum of their elements", "[item_size]") {
  CHECK(value_size(V::string_set({"ab", "c"})) == 3);
  CHECK(value_size(V::binary_set({std::string("\x01\x02", 2), "\x02", "\x01"})) == 4);
  CHECK(value_size(V::number_set_of({Number::parse("1"), Number::parse("-27")})) == 5);
}

TEST_CASE("item size adds attribute names", "[item_size]") {
  CHECK(item_size({}) == 0);
  CHECK(item_size({{"id", V::string("uniqueIdString")}}) == 16);
  CHECK(item_size({{"caf\xc3\xa9Name", V::string("Mocca")}}) == 14);
  CHECK(item_size({{"a", V::list_of({V::string("x"), n("1")})}, {"bb", V::null()}}) ==
        1 + 8 + 2 + 1);
  CHECK(kMaxItemBytes == 409600);
}

// dynalite test/putItem.js "should return ConsumedCapacity for small item" / "for larger item":
// run against real DynamoDB, these items cost 1 and 2 write units, so they are exactly 1024 and
// 1025 bytes (1 WCU per started KB).
TEST_CASE("dynalite's 1 KB write-unit boundary items", "[item_size]") {
  const std::string a = "abcdefghij0123456789";
  Item small{
      {"a", V::string(a)},
      {"b", V::string(std::string(1009 - a.size(), 'b'))},
      {"c", n("12.3456")},
      {"d", V::binary(std::string("\x01\x02", 2))},
      {"e", V::binary_set({std::string("\x01\x02", 2), "\x02", "\x01"})},
  };
  CHECK(item_size(small) == 1024);

  Item larger = small;
  larger["b"] = V::string(std::string(1011 - a.size(), 'b'));
  larger["e"] = V::binary_set({std::string("\x01\x02", 2), "\x02"});
  CHECK(item_size(larger) == 1025);
}

}  // namespace
}  // namespace storage
