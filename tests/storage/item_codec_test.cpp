#include "storage/internal/item_codec.h"

#include <catch2/catch.hpp>
#include <initializer_list>
#include <random>
#include <string>

#include "tests/storage/random_items.h"

namespace storage {
namespace {

using V = AttributeValue;
namespace ic = item_codec;
using namespace storage::testing;

Number num(const char* text) { return Number::parse(text); }

// Builds bytes from small integers, which reads better than escaped string literals.
std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) {
    out.push_back(static_cast<char>(v));
  }
  return out;
}

bool decodes(const std::string& encoded) {
  Item out;
  return ic::decode(encoded, out);
}

// Decodes and checks both value equality and byte-exact re-encoding.
void check_round_trip(const Item& item) {
  const std::string encoded = ic::encode(item);
  Item decoded;
  REQUIRE(ic::decode(encoded, decoded));
  CHECK(decoded == item);
  CHECK(ic::encode(decoded) == encoded);
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
    deep =
        i % 2 ? V::list_of({deep, V::num(num("7"))}) : V::map_of({{"k", deep}, {"a", V::null()}});
  }
  check_round_trip({{"deep", deep}, {"all", V::map_of(all_types_item())}});
}

TEST_CASE("the encoding is deterministic and compact", "[item_codec]") {
  Item a{{"b", V::string("x")}, {"a", V::num(num("1000"))}};
  Item b{{"a", V::num(num("1e3"))}, {"b", V::string("x")}};
  CHECK(ic::encode(a) == ic::encode(b));
  // count 1, name "a", tag S(1), length 1, "x"
  CHECK(ic::encode({{"a", V::string("x")}}) == bytes({0x01, 0x01, 'a', 0x01, 0x01, 'x'}));
  // count 1, name "t", tag BOOL(4), 0x01; NULL(5) has no payload
  CHECK(ic::encode({{"t", V::boolean_value(true)}}) == bytes({0x01, 0x01, 't', 0x04, 0x01}));
  CHECK(ic::encode({{"z", V::null()}}) == bytes({0x01, 0x01, 'z', 0x05}));
  // N reuses the Number key bytes: 1 = 0x03, 130, digit 1 as 0x02, terminator 0x00
  CHECK(ic::encode({{"n", V::num(num("1"))}}) ==
        bytes({0x01, 0x01, 'n', 0x02, 0x03, 0x82, 0x02, 0x00}));
  std::string appended = "prefix";
  ic::encode(a, appended);
  CHECK(appended == "prefix" + ic::encode(a));
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
    const std::string encoded = ic::encode(item);
    for (size_t len = 0; len < encoded.size(); ++len) {
      Item out{{"stale", V::null()}};
      REQUIRE_FALSE(ic::decode(std::string_view(encoded).substr(0, len), out));
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
  // Control: one member "a" holding NULL.
  CHECK(decodes(bytes({0x01, 0x01, 'a', 0x05})));
  // Unknown tags 0 and 11.
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x00})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x0B})));
  // BOOL byte other than 0/1.
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x04, 0x02})));
  // Names out of order, and duplicate names.
  CHECK_FALSE(decodes(bytes({0x02, 0x01, 'b', 0x05, 0x01, 'a', 0x05})));
  CHECK_FALSE(decodes(bytes({0x02, 0x01, 'a', 0x05, 0x01, 'a', 0x05})));
  // Counts far beyond the bytes present: item, list, string set.
  CHECK_FALSE(decodes(bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x08, 0x03, 0x00, 0x00})));
  // A string length beyond the end, and a varint that never ends.
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x01, 0x05, 'a', 'b', 'c'})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                             0xFF, 0xFF, 0xFF, 0x01})));
  // Bad number bytes: 0x07 is not a sign byte; a positive number without its terminator.
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x02, 0x07})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x02, 0x03, 0x85, 0x02})));
  CHECK_FALSE(decodes(bytes({0x01, 0x01, 'a', 0x09, 0x01, 0x03, 0x85, 0x02})));
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
  CHECK_THROWS_AS(ic::encode({{"l", nested_lists(ic::kMaxNestingDepth + 1)}}),
                  std::invalid_argument);

  // Hand-made bytes, as corruption could produce: 64 nested lists decode, 65 or 10000 do not.
  auto nested_list_bytes = [](int levels) {
    std::string out = bytes({0x01, 0x01, 'a'});
    for (int i = 0; i < levels; ++i) {
      out += bytes({0x07, 0x01});  // a list of one element
    }
    return out + bytes({0x05});
  };
  CHECK(decodes(nested_list_bytes(ic::kMaxNestingDepth)));
  CHECK_FALSE(decodes(nested_list_bytes(ic::kMaxNestingDepth + 1)));
  CHECK_FALSE(decodes(nested_list_bytes(10000)));
  std::string deep_maps = bytes({0x01, 0x01, 'a'});
  for (int i = 0; i < 10000; ++i) {
    deep_maps += bytes({0x06, 0x01, 0x01, 'a'});  // a map with one member "a"
  }
  CHECK_FALSE(decodes(deep_maps + bytes({0x05})));
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
