// Index entry keys (storage/internal/index_codec, FORMAT.md "Index entries") and the Query ranges
// over them (storage/internal/index_range): byte order equals the order of the RANGE attribute
// tuple, and a range holds exactly the entries whose values satisfy its condition (a few more only
// when sort keys are long).

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "storage/internal/index_codec.h"
#include "storage/internal/index_range.h"

using namespace storage;

namespace {

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(const std::string& n) { return AttributeValue::num(Number::parse(n)); }

std::string entry(const std::vector<AttributeValue>& hash, const std::vector<AttributeValue>& range,
                  const std::string& item_key) {
  std::vector<const AttributeValue*> h;
  std::vector<const AttributeValue*> r;
  for (const auto& v : hash) {
    h.push_back(&v);
  }
  for (const auto& v : range) {
    r.push_back(&v);
  }
  return index_codec::entry_key(index_codec::partition_prefix(9, h), index_codec::sort_bytes(r),
                                item_key);
}

bool satisfies(const std::string& value, SortOp op, const std::string& low,
               const std::string& high) {
  switch (op) {
    case SortOp::kAll:
      return true;
    case SortOp::kEq:
      return value == low;
    case SortOp::kLt:
      return value < low;
    case SortOp::kLe:
      return value <= low;
    case SortOp::kGt:
      return value > low;
    case SortOp::kGe:
      return value >= low;
    case SortOp::kBetween:
      return value >= low && value <= high;
    case SortOp::kBeginsWith:
      return value.compare(0, low.size(), low) == 0;
  }
  return false;
}

}  // namespace

TEST_CASE("entry keys order by the sort tuple, then by item") {
  const AttributeValue g = S("g");
  std::vector<std::string> keys = {
      entry({g}, {S("a"), N("2")}, "x"),
      entry({g}, {S("a"), N("10")}, "x"),
      entry({g}, {S(std::string("a\0", 2)), N("-1")}, "x"),
      entry({g}, {S("ab"), N("-5")}, "x"),
      entry({g}, {S("b"), N("0")}, "x"),
  };
  for (size_t i = 1; i < keys.size(); ++i) {
    CHECK(keys[i - 1] < keys[i]);
  }
  CHECK(entry({g}, {S("a")}, "one") != entry({g}, {S("a")}, "two"));
  CHECK(entry({g}, {S("a")}, "x").substr(0, 20) == entry({g}, {S("b")}, "y").substr(0, 20));
  CHECK(entry({g, N("1")}, {}, "x").substr(0, 20) != entry({g}, {}, "x").substr(0, 20));
}

TEST_CASE("long sort keys are truncated and hashed within LMDB's key limit") {
  const std::string long_value(2000, 'z');
  const std::string key = entry({S("g")}, {S(long_value + "1")}, "item");
  CHECK(key.size() == index_codec::kMaxEntryKeyBytes);
  CHECK(key != entry({S("g")}, {S(long_value + "2")}, "item"));
  CHECK(entry({S("g")}, {S("short")}, "item").size() < index_codec::kMaxEntryKeyBytes);
}

TEST_CASE("a range holds exactly the entries that satisfy its condition") {
  std::mt19937 rng(42);
  const std::string alphabet("a\0b", 3);
  auto random_string = [&] {
    std::string s;
    for (int n = std::uniform_int_distribution<int>(1, 4)(rng); n > 0; --n) {
      s.push_back(alphabet[std::uniform_int_distribution<size_t>(0, 2)(rng)]);
    }
    return s;
  };
  const AttributeValue g = S("g");
  const AttributeValue prefix = S("p");
  for (int round = 0; round < 300; ++round) {
    auto op = static_cast<SortOp>(std::uniform_int_distribution<int>(0, 7)(rng));
    std::string low = random_string();
    std::string high = std::max(low, random_string());
    AttributeValue low_value = S(low);
    AttributeValue high_value = S(high);
    key_range::Range range =
        index_range::partition(9, {&g}, {&prefix}, op, &low_value, &high_value);
    for (int i = 0; i < 20; ++i) {
      std::string value = random_string();
      std::string key = entry({g}, {prefix, S(value), N("1")}, "item" + std::to_string(i));
      bool inside = key >= range.lower && key < range.upper;
      INFO("op " << static_cast<int>(op) << " value " << value << " low " << low);
      CHECK(inside == satisfies(value, op, low, high));
    }
    std::string other = entry({g}, {S("q"), S(low), N("1")}, "item");
    CHECK_FALSE((other >= range.lower && other < range.upper));
  }
}
