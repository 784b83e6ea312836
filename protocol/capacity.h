#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "protocol/fields.h"
#include "protocol/json.h"

namespace protocol {

enum class CapacityMode { kNone, kTotal, kIndexes };

// Reads ReturnConsumedCapacity (enum INDEXES, TOTAL, NONE), recording a bad value in `v`.
CapacityMode read_capacity_mode(const Fields& f, Violations& v);

// DynamoDB's units: writes in 1 KB steps, reads in 4 KB steps (half for eventually consistent
// reads), at least one step each.
double write_units(size_t item_bytes);
double read_units(size_t item_bytes, bool consistent);

// Writes "ConsumedCapacity": {...} for one table, when the mode asks for it.
void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             double units);

}  // namespace protocol
