#pragma once

#include <optional>
#include <string>

#include "protocol/items/capacity.h"
#include "protocol/wire/fields.h"
#include "storage/value.h"

namespace protocol {

enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };

// The members shared by the single-item operations, read and checked in DynamoDB's order.
struct ItemRequestCommon {
  std::string table_name;
  CapacityMode capacity = CapacityMode::kNone;
  ReturnValues return_values = ReturnValues::kNone;
};

// Reads TableName, ReturnConsumedCapacity, ReturnValues and ReturnItemCollectionMetrics, adding
// violations to `v` (the caller adds its own, then raises).
ItemRequestCommon read_item_request_common(const Fields& f, Violations& v);

// Reads a required attribute map member ("Item" or "Key"); null member -> violation.
std::optional<storage::Item> read_attribute_map_member(const Fields& f, std::string_view member,
                                                       std::string_view path, Violations& v);

// Put/Delete accept only NONE and ALL_OLD.
void require_none_or_all_old(ReturnValues rv);

}  // namespace protocol
