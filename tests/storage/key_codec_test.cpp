#include "storage/internal/key_codec.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace storage {
namespace {

using V = AttributeValue;
namespace kc = key_codec;

// Unsigned byte-wise order, the order LMDB's default comparator uses.
int compare_bytes(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int sign_of(std::strong_ordering o) { return o < 0 ? -1 : (o > 0 ? 1 : 0); }

// Value order as DynamoDB defines it for one key type.
int compare_values(const V& a, const V& b) {
  if (a.type == ValueType::kNumber) {
    return sign_of(a.number <=> b.number);
  }
  return compare_bytes(a.bytes, b.bytes);
}

std::string encode(const V& v, bool last) {
  std::string out;
  kc::append_ordered(out, v, last);
  return out;
}

// Random bytes biased towards the troublesome ones (0x00, 0x01, 0xFF) and towards shared prefixes.
std::string random_bytes(std::mt19937& rng, size_t max_len) {
  static const char kAlphabet[] = {'\x00', '\x01', '\xff', '\xfe', 'a', 'b'};
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_int_distribution<int> any(0, 255);
  std::string s(len(rng), '\0');
  for (char& c : s) {
    const int p = pick(rng);
    c = p < 6 ? kAlphabet[p] : static_cast<char>(any(rng));
  }
  return s;
}

Number random_number(std::mt19937& rng) {
  std::uniform_int_distribution<int> digit_count(1, 38);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> exponent(-128, 85);
  std::uniform_int_distribution<int> coin(0, 3);
  if (coin(rng) == 0) {
    return Number::from_int(std::uniform_int_distribution<int64_t>(-1000, 1000)(rng));
  }
  std::string text = coin(rng) == 0 ? "-" : "";
  text += std::to_string(1 + digit(rng) % 9);
  const int count = digit_count(rng);
  text += '.';
  for (int i = 1; i < count; ++i) {
    text += std::to_string(digit(rng));
  }
  text += "e" + std::to_string(exponent(rng));
  return Number::parse(text);
}

V random_key_value(std::mt19937& rng, ValueType type) {
  switch (type) {
    case ValueType::kString:
      return V::string(random_bytes(rng, 12));
    case ValueType::kBinary:
      return V::binary(random_bytes(rng, 12));
    default:
      return V::num(random_number(rng));
  }
}

TEST_CASE("single components: byte order equals value order", "[key_codec]") {
  std::mt19937 rng(20240601);
  for (ValueType type : {ValueType::kString, ValueType::kBinary, ValueType::kNumber}) {
    for (bool last : {true, false}) {
      for (int i = 0; i < 3000; ++i) {
        const V a = random_key_value(rng, type);
        const V b = random_key_value(rng, type);
        INFO("type " << static_cast<int>(type) << " last " << last);
        REQUIRE(compare_bytes(encode(a, last), encode(b, last)) == compare_values(a, b));
      }
    }
  }
}

TEST_CASE("integers: byte order equals int64 order", "[key_codec]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int64_t> any(INT64_MIN, INT64_MAX);
  std::uniform_int_distribution<int64_t> small(-300, 300);
  for (int i = 0; i < 5000; ++i) {
    const int64_t x = i % 2 ? any(rng) : small(rng);
    const int64_t y = i % 2 ? any(rng) : small(rng);
    const int expected = x < y ? -1 : (x > y ? 1 : 0);
    REQUIRE(compare_bytes(encode(V::num(Number::from_int(x)), true),
                          encode(V::num(Number::from_int(y)), true)) == expected);
  }
}

TEST_CASE("a hand-ordered ladder of numbers encodes in strictly ascending bytes", "[key_codec]") {
  const char* ladder[] = {"-9.9999999999999999999999999999999999999e125",
                          "-1e125",
                          "-1000",
                          "-999.99",
                          "-10",
                          "-9.5",
                          "-9",
                          "-1.01",
                          "-1",
                          "-0.99",
                          "-0.5",
                          "-1e-130",
                          "0",
                          "1e-130",
                          "0.001",
                          "0.5",
                          "0.99",
                          "1",
                          "1.01",
                          "9",
                          "9.5",
                          "10",
                          "99",
                          "100",
                          "999.99",
                          "1000",
                          "1e125",
                          "9.9999999999999999999999999999999999999e125"};
  std::string previous;
  bool first = true;
  for (const char* text : ladder) {
    const std::string bytes = encode(V::num(Number::parse(text)), true);
    INFO(text);
    CHECK(bytes.size() <= Number::kMaxKeyBytes);
    if (!first) {
      CHECK(compare_bytes(previous, bytes) < 0);
    }
    previous = bytes;
    first = false;
  }
}

TEST_CASE("strings: raw when last, escaped and terminated when not", "[key_codec]") {
  const std::string with_zero("a\0b", 3);
  CHECK(encode(V::string(with_zero), true) == with_zero);
  CHECK(encode(V::binary(with_zero), true) == with_zero);
  const std::string escaped = {'a', '\x00', '\xff', 'b', '\x00', '\x00'};
  CHECK(encode(V::string(with_zero), false) == escaped);
  CHECK(encode(V::string(""), false) == std::string("\0\0", 2));
  CHECK(encode(V::string(""), true).empty());
  // "a" < "a\0" < "a\x01" < "ab" must survive escaping.
  CHECK(compare_bytes(encode(V::string("a"), false),
                      encode(V::string(std::string("a\0", 2)), false)) < 0);
  CHECK(compare_bytes(encode(V::string(std::string("a\0", 2)), false),
                      encode(V::string("a\x01"), false)) < 0);
  CHECK(compare_bytes(encode(V::string("a\x01"), false), encode(V::string("ab"), false)) < 0);
}

TEST_CASE("equal numbers in different text give the same key bytes", "[key_codec]") {
  const std::string canonical = encode(V::num(Number::parse("1000")), true);
  for (const char* text : {"1e3", "1E+3", "1000.0", "+1000", "001000", "10e2", "0.1e4"}) {
    INFO(text);
    CHECK(encode(V::num(Number::parse(text)), true) == canonical);
    CHECK(encode(V::num(Number::parse(text)), false) == canonical);
  }
}

// Composite keys: (first, second) tuples with the first component not last.
void check_tuple_order(ValueType first_type, ValueType second_type, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < 3000; ++i) {
    V a1 = random_key_value(rng, first_type);
    const V a2 = random_key_value(rng, second_type);
    V b1 = random_key_value(rng, first_type);
    const V b2 = random_key_value(rng, second_type);
    if (i % 3 == 0) {
      b1 = a1;  // equal first components exercise the second
    } else if (i % 3 == 1 && first_type != ValueType::kNumber) {
      b1.bytes = a1.bytes + b1.bytes;  // a1 is a prefix of b1
    }
    int expected = compare_values(a1, b1);
    if (expected == 0) {
      expected = compare_values(a2, b2);
    }
    std::string ka = encode(a1, false) + encode(a2, true);
    std::string kb = encode(b1, false) + encode(b2, true);
    REQUIRE(compare_bytes(ka, kb) == expected);
  }
}

TEST_CASE("composite keys keep the lexicographic order of tuples", "[key_codec]") {
  check_tuple_order(ValueType::kString, ValueType::kString, 1);
  check_tuple_order(ValueType::kString, ValueType::kNumber, 2);
  check_tuple_order(ValueType::kBinary, ValueType::kString, 3);
  check_tuple_order(ValueType::kNumber, ValueType::kBinary, 4);
  check_tuple_order(ValueType::kNumber, ValueType::kNumber, 5);
}

TEST_CASE("append_ordered rejects non-key types", "[key_codec]") {
  std::string out;
  CHECK_THROWS(kc::append_ordered(out, V::null(), true));
  CHECK_THROWS(kc::append_ordered(out, V::list_of({}), false));
  CHECK_THROWS(kc::partition_hash(V::boolean_value(true)));
}

TEST_CASE("partition hash: equal values hash equal, types are distinct", "[key_codec]") {
  const auto h = kc::partition_hash(V::num(Number::parse("1000")));
  for (const char* text : {"1e3", "1000.0", "+1000", "1E3"}) {
    CHECK(kc::partition_hash(V::num(Number::parse(text))) == h);
  }
  CHECK(kc::partition_hash(V::num(Number::parse("1001"))) != h);
  CHECK(kc::partition_hash(V::string("1")) != kc::partition_hash(V::binary("1")));
  CHECK(kc::partition_hash(V::string("a")) == kc::partition_hash(V::string("a")));
  CHECK(kc::partition_hash(V::string("a")) != kc::partition_hash(V::string("b")));
  CHECK(kc::partition_hash(V::string("")) != kc::partition_hash(V::binary("")));
}

TEST_CASE("ids are 4 bytes big-endian", "[key_codec]") {
  std::string out;
  kc::append_id(out, 0x01020304u);
  CHECK(out == std::string("\x01\x02\x03\x04", 4));
  for (uint32_t id : {0u, 1u, 255u, 256u, 0x7fffffffu, 0xffffffffu}) {
    std::string bytes;
    kc::append_id(bytes, id);
    CHECK(kc::read_id(bytes) == id);
  }
  std::string low, high;
  kc::append_id(low, 255);
  kc::append_id(high, 256);
  CHECK(compare_bytes(low, high) < 0);
}

TEST_CASE("item keys: layout and partition prefix", "[key_codec]") {
  const V pk = V::string("user#1");
  const V sk = V::num(Number::parse("42"));
  const std::string prefix = kc::partition_prefix(7, pk);
  REQUIRE(prefix.size() == 4 + kc::kPartitionHashBytes);
  CHECK(kc::read_id(prefix) == 7);
  const auto hash = kc::partition_hash(pk);
  CHECK(prefix.compare(4, 16, reinterpret_cast<const char*>(hash.data()), 16) == 0);

  CHECK(kc::item_key(7, pk, nullptr) == prefix);
  const std::string key = kc::item_key(7, pk, &sk);
  CHECK(key == prefix + encode(sk, true));
  CHECK(kc::item_key(8, pk, &sk) != key);
  CHECK(kc::item_key(7, V::string("user#2"), &sk).substr(0, 20) != prefix);
}

TEST_CASE("long partition and sort keys stay within LMDB's 511 bytes", "[key_codec]") {
  static_assert(kc::kMaxItemKeyBytes == 510);
  const V pk = V::string(std::string(2048, 'p'));
  const V sk_474 = V::string(std::string(474, 's'));
  const V sk_475 = V::string(std::string(475, 's'));
  const V sk_1024 = V::binary(std::string(1024, '\xff'));
  CHECK(kc::item_key(1, pk, nullptr).size() == 20);
  CHECK(kc::item_key(1, pk, &sk_474).size() == 20 + 474);
  CHECK(kc::item_key(1, pk, &sk_475).size() == kc::kMaxItemKeyBytes);
  CHECK(kc::item_key(1, pk, &sk_1024).size() == kc::kMaxItemKeyBytes);

  // Sort keys sharing the first 474 bytes stay distinct, and keep the prefix order otherwise.
  std::mt19937 rng(99);
  std::vector<std::string> keys;
  for (int i = 0; i < 50; ++i) {
    const V sk = V::string(std::string(474, 'x') + random_bytes(rng, 550) + "!");
    const std::string key = kc::item_key(1, pk, &sk);
    CHECK(key.size() <= 511);
    CHECK(key.compare(20, 474, std::string(474, 'x')) == 0);
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
  const V shorter = V::string(std::string(474, 'x'));
  const V after = V::string(std::string(474, 'y') + "tail");
  CHECK(compare_bytes(kc::item_key(1, pk, &shorter), keys.front()) < 0);
  CHECK(compare_bytes(keys.back(), kc::item_key(1, pk, &after)) < 0);
}

}  // namespace
}  // namespace storage

TEST_CASE("key hashes are SHA-256's first 16 bytes, on every thread (stored in every key)") {
  // FIPS 180-2's "abc" example: ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 ...
  const std::array<uint8_t, 16> abc{0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
                                    0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23};
  CHECK(storage::key_codec::hash16("abc") == abc);
  std::array<uint8_t, 16> on_another_thread{};
  std::thread([&] { on_another_thread = storage::key_codec::hash16("abc"); }).join();
  CHECK(on_another_thread == abc);
  CHECK(storage::key_codec::hash16("abd") != abc);
}
