#include "storage/internal/index_range.h"

#include "storage/internal/index_codec.h"

namespace storage::index_range {

namespace {

using key_range::Range;

std::string encoded(const AttributeValue& value) { return index_codec::sort_bytes({&value}); }

// The bytes every encoding of a value starting with `value` starts with: the self-delimiting
// encoding without its two-byte terminator (begins_with takes S or B only).
std::string begins(const AttributeValue& value) {
  std::string bytes = encoded(value);
  bytes.resize(bytes.size() - 2);
  return bytes;
}

// Bounds are sort-byte strings after the partition prefix: a lower bound is inclusive of every key
// starting with it ("at") or starts after all of them ("after"); an upper bound excludes every key
// starting with it ("before") or includes them ("through").
struct Bound {
  std::string sort;
  bool around = false;  // "after" for a lower bound, "through" for an upper bound
};

// A bound inside the stored (truncated) part of long sort keys widens to all keys sharing it.
std::string bound_key(const std::string& prefix, const Bound& bound, bool lower) {
  if (bound.sort.size() > index_codec::kSortPrefixBytes) {
    std::string stored = prefix + bound.sort.substr(0, index_codec::kSortPrefixBytes);
    return lower ? stored : key_range::prefix_end(stored);
  }
  return bound.around ? key_range::prefix_end(prefix + bound.sort) : prefix + bound.sort;
}

}  // namespace

Range partition(uint32_t index_id, const std::vector<const AttributeValue*>& hash,
                const std::vector<const AttributeValue*>& prefix, SortOp op,
                const AttributeValue* low, const AttributeValue* high) {
  const std::string partition = index_codec::partition_prefix(index_id, hash);
  const std::string equal = index_codec::sort_bytes(prefix);
  Bound lower{equal, false};
  Bound upper{equal, true};
  switch (op) {
    case SortOp::kAll:
      break;
    case SortOp::kEq:
      lower = {equal + encoded(*low), false};
      upper = {equal + encoded(*low), true};
      break;
    case SortOp::kLt:
    case SortOp::kLe:
      upper = {equal + encoded(*low), op == SortOp::kLe};
      break;
    case SortOp::kGt:
    case SortOp::kGe:
      lower = {equal + encoded(*low), op == SortOp::kGt};
      break;
    case SortOp::kBetween:
      lower = {equal + encoded(*low), false};
      upper = {equal + encoded(*high), true};
      break;
    case SortOp::kBeginsWith:
      lower = {equal + begins(*low), false};
      upper = {equal + begins(*low), true};
      break;
  }
  return Range{bound_key(partition, lower, true), bound_key(partition, upper, false)};
}

}  // namespace storage::index_range
