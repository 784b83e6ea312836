#include "storage/internal/key_range.h"

#include <algorithm>

#include "storage/internal/key_codec.h"

namespace storage::key_range {

namespace {

// Stored sort keys longer than this are truncated (key_codec), so bounds are compared in the
// same truncated form.
constexpr size_t kStoredSortBytes = key_codec::kSortKeyPrefixBytes;

std::string sort_bytes(const AttributeValue& value) {
  std::string bytes;
  key_codec::append_ordered(bytes, value, /*last=*/true);
  return bytes;
}

// A lower bound at `sort` (inclusive) or just after it (exclusive).
std::string lower_at(const std::string& prefix, const std::string& sort, bool inclusive) {
  if (sort.size() > kStoredSortBytes) {
    return prefix + sort.substr(0, kStoredSortBytes);
  }
  return prefix + sort + (inclusive ? "" : std::string(1, '\0'));
}

// An upper bound (exclusive) before `sort`, or just after it when `inclusive`.
std::string upper_at(const std::string& prefix, const std::string& sort, bool inclusive) {
  if (sort.size() > kStoredSortBytes) {
    return prefix_end(prefix + sort.substr(0, kStoredSortBytes));
  }
  return prefix + sort + (inclusive ? std::string(1, '\0') : "");
}

}  // namespace

std::string prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<uint8_t>(prefix.back()) == 0xFF) {
    prefix.pop_back();
  }
  if (!prefix.empty()) {
    prefix.back() = static_cast<char>(static_cast<uint8_t>(prefix.back()) + 1);
  }
  return prefix;
}

Range table(uint32_t table_id) {
  std::string prefix;
  key_codec::append_id(prefix, table_id);
  return Range{prefix, prefix_end(prefix)};
}

Range segment(uint32_t table_id, uint32_t segment, uint32_t total) {
  std::string prefix;
  key_codec::append_id(prefix, table_id);
  auto bound = [&](uint32_t s) {
    uint32_t start = static_cast<uint32_t>((uint64_t{s} * 65536) / total);
    std::string key = prefix;
    key.push_back(static_cast<char>(start >> 8));
    key.push_back(static_cast<char>(start & 0xFF));
    return key;
  };
  Range range{bound(segment), segment + 1 == total ? prefix_end(prefix) : bound(segment + 1)};
  if (segment == 0) {
    range.lower = prefix;
  }
  return range;
}

Range partition(uint32_t table_id, const AttributeValue& partition_key, SortOp op,
                const AttributeValue* low, const AttributeValue* high) {
  std::string prefix = key_codec::partition_prefix(table_id, partition_key);
  Range range{prefix, prefix_end(prefix)};
  switch (op) {
    case SortOp::kAll:
      break;
    case SortOp::kEq:
      range = {lower_at(prefix, sort_bytes(*low), true), upper_at(prefix, sort_bytes(*low), true)};
      break;
    case SortOp::kLt:
    case SortOp::kLe:
      range.upper = upper_at(prefix, sort_bytes(*low), op == SortOp::kLe);
      break;
    case SortOp::kGt:
    case SortOp::kGe:
      range.lower = lower_at(prefix, sort_bytes(*low), op == SortOp::kGe);
      break;
    case SortOp::kBetween:
      range = {lower_at(prefix, sort_bytes(*low), true), upper_at(prefix, sort_bytes(*high), true)};
      break;
    case SortOp::kBeginsWith: {
      std::string sort = sort_bytes(*low);
      sort.resize(std::min(sort.size(), kStoredSortBytes));
      range = {prefix + sort, prefix_end(prefix + sort)};
      if (range.upper.size() < prefix.size()) {
        range.upper = prefix_end(prefix);
      }
      break;
    }
  }
  return range;
}

void exclude_through(Range& range, const std::string& start_key, bool reverse) {
  if (reverse) {
    if (range.upper.empty() || start_key < range.upper) {
      range.upper = start_key;
    }
  } else {
    std::string after = start_key + std::string(1, '\0');
    if (after > range.lower) {
      range.lower = after;
    }
  }
}

}  // namespace storage::key_range
