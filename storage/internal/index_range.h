#pragma once

#include <cstdint>
#include <vector>

#include "storage/internal/key_range.h"
#include "storage/value.h"

// Ranges of `index` entry keys for a Query on a secondary index (index_codec layout). As for
// items, bounds that fall inside a long (truncated) sort key are widened to the stored form, so a
// range may hold a few extra entries: callers re-check every item's key condition exactly.
namespace storage::index_range {

// The entries of one index partition (`hash`: every HASH attribute's value) whose first
// `prefix.size()` RANGE attributes equal `prefix` and whose next RANGE attribute satisfies `op`
// (`low`, and `high` for BETWEEN; kAll: no condition).
key_range::Range partition(uint32_t index_id, const std::vector<const AttributeValue*>& hash,
                           const std::vector<const AttributeValue*>& prefix, SortOp op,
                           const AttributeValue* low, const AttributeValue* high);

}  // namespace storage::index_range
