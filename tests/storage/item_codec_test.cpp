#include "storage/item_codec.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace storage {
namespace {

using V = AttributeValue;
namespace ic = item_codec;

Number num(const char* text) {
  return Number::parse(text);
}

// Decodes and checks both value equality and byte-exact re-encoding.
void check_round_trip(const Item& item) {
  const std::string bytes = ic::encode(item);
  Item decoded;
  REQUIRE(ic::decode(bytes, decoded));
  CHECK(decoded == item);
  CHECK(ic::encode(decoded) == bytes);
}

Item all_types_item() {
  return Item{
      {"s", V::string("hello")},
      {"n", V::num(num("-123.456e7"))},
      {"b", V::binary(std::string("\x00\xff\x10", 3))},
      {"bool_t", V::boolean_value(true)},
      {"bool_f", V::boolean_value(false)},
      {"nul", V::null()},
      {"m", V::map_of({{"inner", V::string("x")}, {"z", V::num(num("0"))}})},
      {"l", V::list_of({V::string("a"), V::num(num("1")), V::null()})},
      {"ss", V::string_set({"b", "a", "c"})},
      {"ns", V::number_set_of({num("3"), num("-1.5"), num("1e125"), num("1e-130")})},
      {"bs", V::binary_set({std::string("\x00", 1), "\xff\xfe"})},
  };
}

TEST_CASE("round trip of every type", "[item_codec]") {
  check_round_trip({});
  check_round_trip(all_types_item());
}

TEST_CASE("round trip of empty and unusual values", "[item_codec]") {
  check_round_trip({{"", V::string("")}});  // empty name and empty string
  check_round_trip({{"e", V::binary("")}});
  check_round_trip({{"l", V::list_of({})}, {"m", V::map_of({})}});
  check_round_trip({{"ss", V::string_set({""})}, {"bs", V::binary_set({""})}});
  check_round_trip({{"ns", V::number_set_of({})}});
  check_round_trip({{std::string("n\0me", 4), V::string(std::string(300, '\0'))}});
  check_round_trip({{"big", V::string(std::string(400 * 1024, 'x'))}});  // multi-byte varint
  check_round_trip({{"\xc3\xa9", V::string("\xf0\x9f\x98\x80")}});
}

TEST_CASE("round trip of nested maps and lists", "[item_codec]") {
  V deep = V::string("leaf");
  for (int i = 0; i < 20; ++i) {
    deep = i % 2 ? V::list_of({deep, V::num(num("7"))}) : V::map_of({{"k", deep}, {"a", V::null()}});
  }
  check_round_trip({{"deep", deep}, {"all", V::map_of(all_types_item())}});
}

TEST_CASE("the encoding is deterministic and compact", "[item_codec]") {
  Item a{{"b", V::string("x")}, {"a", V::num(num("1000"))}};
  Item b{{"a", V::num(num("1e3"))}, {"b", V::string("x")}};
  CHECK(ic::encode(a) == ic::encode(b));
  // count 1, name "a", tag S(1), length 1, "x"
  CHECK(ic::encode({{"a", V::string("x")}}) == std::string("\x01\x01" "a" "\x01\x01" "x", 6));
  // count 1, name "t", tag BOOL(4), 0x01; then NULL(5) with no payload
  CHECK(ic::encode({{"t", V::boolean_value(true)}}) == std::string("\x01\x01t\x04\x01", 5));
  CHECK(ic::encode({{"z", V::null()}}) == std::string("\x01\x01z\x05", 4));
  // N reuses the Number key bytes: 1 = 0x03, 130, digit 1 as 0x02, terminator 0x00
  CHECK(ic::encode({{"n", V::num(num("1"))}}) == std::string("\x01\x01n\x02\x03\x82\x02\x00", 8));
  std::string appended = "prefix";
  ic::encode(a, appended);
  CHECK(appended == "prefix" + ic::encode(a));
}

V random_value(std::mt19937& rng, int depth);

std::string random_string(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(len(rng), '\0');
  for (char& c : s) {
    c = static_cast<char>(byte(rng));
  }
  return s;
}

Number random_number(std::mt19937& rng) {
  std::uniform_int_distribution<int64_t> mantissa(-999999999999, 999999999999);
  std::uniform_int_distribution<int> exponent(-100, 100);
  return Number::parse(std::to_string(mantissa(rng)) + "e" + std::to_string(exponent(rng)));
}

AttributeMap random_members(std::mt19937& rng, int depth, size_t max_count) {
  AttributeMap members;
  const size_t count = std::uniform_int_distribution<size_t>(0, max_count)(rng);
  for (size_t i = 0; i < count; ++i) {
    members[random_string(rng, 8)] = random_value(rng, depth + 1);
  }
  return members;
}

V random_value(std::mt19937& rng, int depth) {
  const int max_type = depth >= 4 ? 5 : 10;  // no containers below depth 4
  const auto type = static_cast<ValueType>(std::uniform_int_distribution<int>(1, max_type)(rng));
  std::uniform_int_distribution<size_t> count(0, 4);
  switch (type) {
    case ValueType::kString:
      return V::string(random_string(rng, 20));
    case ValueType::kNumber:
      return V::num(random_number(rng));
    case ValueType::kBinary:
      return V::binary(random_string(rng, 20));
    case ValueType::kBool:
      return V::boolean_value(rng() % 2 == 0);
    case ValueType::kNull:
      return V::null();
    case ValueType::kMap:
      return V::map_of(random_members(rng, depth, 4));
    case ValueType::kList: {
      std::vector<V> list(count(rng));
      for (V& element : list) {
        element = random_value(rng, depth + 1);
      }
      return V::list_of(std::move(list));
    }
    case ValueType::kStringSet:
    case ValueType::kBinarySet: {
      std::vector<std::string> set(count(rng));
      for (std::string& element : set) {
        element = random_string(rng, 10);
      }
      return type == ValueType::kStringSet ? V::string_set(set) : V::binary_set(set);
    }
    case ValueType::kNumberSet: {
      std::vector<Number> set(count(rng));
      for (Number& element : set) {
        element = random_number(rng);
      }
      return V::number_set_of(std::move(set));
    }
  }
  return V::null();
}

TEST_CASE("round trip of random items", "[item_codec]") {
  std::mt19937 rng(12345);
  for (int i = 0; i < 500; ++i) {
    check_round_trip(random_members(rng, 0, 12));
  }
}

TEST_CASE("every truncation of a valid encoding is rejected", "[item_codec]") {
  std::mt19937 rng(777);
  for (int i = 0; i < 30; ++i) {
    const Item item = i == 0 ? all_types_item() : random_members(rng, 0, 8);
    const std::string bytes = ic::encode(item);
    for (size_t len = 0; len < bytes.size(); ++len) {
      Item out{{"stale", V::null()}};
      REQUIRE_FALSE(ic::decode(std::string_view(bytes).substr(0, len), out));
      REQUIRE(out.empty());
    }
  }
}

TEST_CASE("trailing bytes are rejected", "[item_codec]") {
  Item out;
  CHECK_FALSE(ic::decode(ic::encode(all_types_item()) + '\0', out));
  CHECK_FALSE(ic::decode(std::string("\x00\x00", 2), out));
}

TEST_CASE("malformed encodings are rejected", "[item_codec]") {
  Item out;
  // Unknown tags 0 and 11.
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x00", 4), out));
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x0b", 4), out));
  // BOOL byte other than 0/1.
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x04\x02", 5), out));
  // Names out of order, and duplicate names.
  CHECK_FALSE(ic::decode(std::string("\x02\x01" "b" "\x05\x01" "a" "\x05", 7), out));
  CHECK_FALSE(ic::decode(std::string("\x02\x01" "a" "\x05\x01" "a" "\x05", 7), out));
  // A count far beyond the bytes present, and a varint longer than 32 bits.
  CHECK_FALSE(ic::decode(std::string("\xff\xff\xff\xff\x0f", 5), out));
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x07\xff\xff\xff\xff\x7f", 10), out));
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x01\xff\xff\xff\xff\x1f", 10), out));
  // A string length beyond the end.
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x01\x05" "abc", 8), out));
  // Bad number bytes (tag 0x07 is not a Number sign byte).
  CHECK_FALSE(ic::decode(std::string("\x01\x01" "a" "\x02\x07", 5), out));
  CHECK(ic::decode(std::string("\x01\x01" "a" "\x05", 4), out));  // control: valid
  CHECK(out.size() == 1);
}

V nested_lists(int levels) {
  V v = V::null();
  for (int i = 0; i < levels; ++i) {
    v = V::list_of({v});
  }
  return v;
}

TEST_CASE("nesting is bounded at kMaxNestingDepth", "[item_codec]") {
  check_round_trip({{"l", nested_lists(ic::kMaxNestingDepth)}});
  CHECK_THROWS_AS(ic::encode({{"l", nested_lists(ic::kMaxNestingDepth + 1)}}), std::invalid_argument);

  // Hand-made bytes nested deeper than the limit, as corruption could produce: rejected, no crash.
  std::string deep = "\x01\x01" "a";
  for (int i = 0; i < 10000; ++i) {
    deep += "\x07\x01";  // a list of one element
  }
  deep += "\x05";
  Item out;
  CHECK_FALSE(ic::decode(deep, out));
  std::string deep_maps = "\x01\x01" "a";
  for (int i = 0; i < 10000; ++i) {
    deep_maps += "\x06\x01\x01" "a";  // a map with one member "a"
  }
  deep_maps += "\x05";
  CHECK_FALSE(ic::decode(deep_maps, out));
}

TEST_CASE("random garbage and bit flips never crash", "[item_codec]") {
  std::mt19937 rng(4242);
  Item out;
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string garbage = random_string(rng, 64);
    accepted += ic::decode(garbage, out) ? 1 : 0;
  }
  const std::string valid = ic::encode(all_types_item());
  for (size_t pos = 0; pos < valid.size(); ++pos) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = valid;
      flipped[pos] = static_cast<char>(flipped[pos] ^ (1 << bit));
      if (ic::decode(flipped, out)) {
        ++accepted;
        CHECK(ic::decode(ic::encode(out), out));  // whatever decodes must re-encode cleanly
      }
    }
  }
  SUCCEED("accepted " << accepted << " corrupted inputs without crashing");
}

}  // namespace
}  // namespace storage
