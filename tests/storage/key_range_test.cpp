#include "storage/internal/key_range.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "storage/internal/key_codec.h"

namespace storage {
namespace {

using V = AttributeValue;
using key_range::Range;

constexpr uint32_t kTable = 7;

bool in_range(const Range& range, const std::string& key) {
  return key >= range.lower && (range.upper.empty() || key < range.upper);
}

// DynamoDB's order for one key type: numbers numerically, S and B by unsigned bytes.
int compare(const V& a, const V& b) {
  if (a.type == ValueType::kNumber) {
    auto order = a.number <=> b.number;
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  const int c = std::string_view(a.bytes).compare(b.bytes);  // char_traits: unsigned bytes
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool satisfies(const V& value, SortOp op, const V& low, const V& high) {
  switch (op) {
    case SortOp::kAll:
      return true;
    case SortOp::kEq:
      return compare(value, low) == 0;
    case SortOp::kLt:
      return compare(value, low) < 0;
    case SortOp::kLe:
      return compare(value, low) <= 0;
    case SortOp::kGt:
      return compare(value, low) > 0;
    case SortOp::kGe:
      return compare(value, low) >= 0;
    case SortOp::kBetween:
      return compare(value, low) >= 0 && compare(value, high) <= 0;
    case SortOp::kBeginsWith:
      return value.bytes.compare(0, low.bytes.size(), low.bytes) == 0;
  }
  return false;
}

std::vector<V> strings(ValueType type) {
  std::vector<std::string> raw = {"a",
                                  std::string("a\0", 2),
                                  "a\x01",
                                  "ab",
                                  "abc",
                                  "b",
                                  "b\x7f",
                                  "b\x80",
                                  "ba",
                                  "\xff",
                                  "\xff\xff",
                                  "zzz",
                                  std::string(474, 'm'),
                                  std::string(475, 'm'),
                                  std::string(500, 'm') + "a",
                                  std::string(500, 'm') + "b",
                                  std::string(600, 'm'),
                                  std::string(473, 'm') + "z"};
  std::vector<V> out;
  for (const std::string& s : raw) {
    out.push_back(type == ValueType::kString ? V::string(s) : V::binary(s));
  }
  return out;
}

std::vector<V> numbers() {
  std::vector<V> out;
  for (const char* text : {"-1e100", "-100", "-1.5", "-1", "-0.001", "0", "0.001", "0.5", "1",
                           "1.5", "10", "100", "1e10", "9.99e125"}) {
    out.push_back(V::num(Number::parse(text)));
  }
  return out;
}

const V kPartition = V::string("partition");
const V kOtherPartition = V::string("other");

// The range for (op, low, high) must hold every key that satisfies it. It may hold more only where
// truncation blurs the order: a long (truncated) key, or any key when an operand is itself long
// (its bound is cut to the stored prefix). Callers re-check every item.
void check_op(const std::vector<V>& values, SortOp op, const V& low, const V& high) {
  const Range range = key_range::partition(kTable, kPartition, op, &low, &high);
  for (const V& value : values) {
    const std::string key = key_codec::item_key(kTable, kPartition, &value);
    const bool wanted = satisfies(value, op, low, high);
    const bool held = in_range(range, key);
    INFO("op " << static_cast<int>(op) << " value size " << value.bytes.size() << " low size "
               << low.bytes.size());
    if (wanted) {
      CHECK(held);
    } else if (held) {
      const bool long_operand = low.bytes.size() > key_codec::kSortKeyPrefixBytes ||
                                high.bytes.size() > key_codec::kSortKeyPrefixBytes;
      CHECK((key.size() == key_codec::kMaxItemKeyBytes || long_operand));
    }
    CHECK_FALSE(in_range(range, key_codec::item_key(kTable, kOtherPartition, &value)));
  }
}

void check_all_ops(const std::vector<V>& values, bool prefixes) {
  for (const V& low : values) {
    for (SortOp op :
         {SortOp::kAll, SortOp::kEq, SortOp::kLt, SortOp::kLe, SortOp::kGt, SortOp::kGe}) {
      check_op(values, op, low, low);
    }
    for (const V& high : values) {
      if (compare(low, high) <= 0) {
        check_op(values, SortOp::kBetween, low, high);
      }
    }
    if (prefixes) {
      check_op(values, SortOp::kBeginsWith, low, low);
      V shorter = low;
      shorter.bytes.resize(shorter.bytes.size() / 2);
      check_op(values, SortOp::kBeginsWith, shorter, shorter);
    }
  }
}

TEST_CASE("key_range: partition ranges hold exactly the matching short keys", "[key_range]") {
  SECTION("strings") { check_all_ops(strings(ValueType::kString), true); }
  SECTION("binary") { check_all_ops(strings(ValueType::kBinary), true); }
  SECTION("numbers") { check_all_ops(numbers(), false); }
}

TEST_CASE("key_range: short keys are never extra", "[key_range]") {
  const std::vector<V> values = strings(ValueType::kString);
  for (const V& low : values) {
    const Range range = key_range::partition(kTable, kPartition, SortOp::kLt, &low, nullptr);
    for (const V& value : values) {
      const std::string key = key_codec::item_key(kTable, kPartition, &value);
      if (value.bytes.size() <= key_codec::kSortKeyPrefixBytes &&
          low.bytes.size() <= key_codec::kSortKeyPrefixBytes) {
        CHECK(in_range(range, key) == (compare(value, low) < 0));
      }
    }
  }
}

TEST_CASE("key_range: table and partition ranges", "[key_range]") {
  const Range table = key_range::table(kTable);
  const V sort = V::string("x");
  CHECK(in_range(table, key_codec::item_key(kTable, kPartition, &sort)));
  CHECK_FALSE(in_range(table, key_codec::item_key(kTable + 1, kPartition, &sort)));
  CHECK_FALSE(in_range(table, key_codec::item_key(kTable - 1, kPartition, &sort)));
  const Range all = key_range::partition(kTable, kPartition, SortOp::kAll, nullptr, nullptr);
  CHECK(in_range(all, key_codec::item_key(kTable, kPartition, nullptr)));
  CHECK(in_range(all, key_codec::item_key(kTable, kPartition, &sort)));
}

TEST_CASE("key_range: segments are disjoint and cover the table", "[key_range]") {
  std::mt19937 random(42);
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) {
    keys.push_back(key_codec::item_key(kTable, V::string("k" + std::to_string(random())), nullptr));
  }
  for (uint32_t total : {1u, 2u, 3u, 7u, 16u, 1000u, 65536u, 100000u, 1000000u}) {
    std::vector<Range> segments;
    const uint32_t step = total > 5000 ? total / 997 : 1;
    // Consecutive segments must meet exactly; spot-check large totals.
    for (uint32_t s = 0; s < total; s += step) {
      const Range one = key_range::segment(kTable, s, total);
      CHECK(one.lower <= one.upper);
      if (s + 1 < total) {
        CHECK(one.upper == key_range::segment(kTable, s + 1, total).lower);
      }
    }
    CHECK(key_range::segment(kTable, 0, total).lower == key_range::table(kTable).lower);
    CHECK(key_range::segment(kTable, total - 1, total).upper == key_range::table(kTable).upper);
    if (total <= 1000) {
      for (uint32_t s = 0; s < total; ++s) {
        segments.push_back(key_range::segment(kTable, s, total));
      }
      for (const std::string& key : keys) {
        int holders = 0;
        for (const Range& one : segments) {
          holders += in_range(one, key) ? 1 : 0;
        }
        CHECK(holders == 1);
      }
    }
  }
}

TEST_CASE("key_range: exclude_through resumes after the start key", "[key_range]") {
  std::vector<V> values = numbers();
  std::vector<std::string> keys;
  for (const V& value : values) {
    keys.push_back(key_codec::item_key(kTable, kPartition, &value));
  }
  for (size_t start = 0; start < keys.size(); ++start) {
    Range forward = key_range::partition(kTable, kPartition, SortOp::kAll, nullptr, nullptr);
    key_range::exclude_through(forward, keys[start], /*reverse=*/false);
    Range reverse = key_range::partition(kTable, kPartition, SortOp::kAll, nullptr, nullptr);
    key_range::exclude_through(reverse, keys[start], /*reverse=*/true);
    for (size_t i = 0; i < keys.size(); ++i) {
      CHECK(in_range(forward, keys[i]) == (i > start));
      CHECK(in_range(reverse, keys[i]) == (i < start));
    }
  }
  // A start key outside the range never widens it.
  const V low = V::num(Number::parse("5"));
  Range narrow = key_range::partition(kTable, kPartition, SortOp::kGt, &low, nullptr);
  const std::string before = narrow.lower;
  key_range::exclude_through(narrow, keys.front(), /*reverse=*/false);
  CHECK(narrow.lower == before);
}

TEST_CASE("key_range: prefix_end", "[key_range]") {
  CHECK(key_range::prefix_end("abc") == "abd");
  CHECK(key_range::prefix_end(std::string("a\xff", 2)) == "b");
  CHECK(key_range::prefix_end(std::string("a\xff\xff", 3)) == "b");
  CHECK(key_range::prefix_end(std::string("\xff\xff", 2)).empty());
  CHECK(key_range::prefix_end("").empty());
  const std::string prefix("ab\xfe", 3);
  const std::string end = key_range::prefix_end(prefix);
  for (const std::string& inside :
       {prefix, prefix + "\xff\xff\xff", prefix + std::string(1, '\0')}) {
    CHECK(inside < end);
  }
  CHECK_FALSE(std::string("ab\xff", 3) < end);
}

}  // namespace
}  // namespace storage
