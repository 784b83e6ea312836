#pragma once

#include <cstdint>
#include <string>

#include "storage/key_selection.h"
#include "storage/value.h"

// Ranges of `items` keys for Query and Scan: half-open [lower, upper) byte ranges over the key
// layout of key_codec (FORMAT.md). Bounds derived from long sort keys are widened to the stored
// (truncated) form, so a range may hold a few extra items: callers re-check each item's key
// condition exactly.
namespace storage::key_range {

struct Range {
  std::string lower;  // inclusive
  std::string upper;  // exclusive
};

// The smallest byte string greater than every string that starts with `prefix` (empty when there
// is none, i.e. the prefix is all 0xFF).
std::string prefix_end(std::string prefix);

// Every item of a table.
Range table(uint32_t table_id);

// Scan segment `segment` of `total`: the items whose partition hash starts in this segment's
// share of the 16-bit hash space. The segments are disjoint and together cover the table.
Range segment(uint32_t table_id, uint32_t segment, uint32_t total);

// The items of one partition that may satisfy `op` (key_selection.h) on the sort key (`low`/`high`
// are its operands; `high` only for BETWEEN).
Range partition(uint32_t table_id, const AttributeValue& partition_key, SortOp op,
                const AttributeValue* low, const AttributeValue* high);

// Narrows `range` to the keys after `start_key` (forward) or before it (reverse), for
// ExclusiveStartKey.
void exclude_through(Range& range, const std::string& start_key, bool reverse);

}  // namespace storage::key_range
