#pragma once

#include <cstddef>
#include <string_view>

#include "storage/value.h"

namespace storage {

// DynamoDB's maximum item size (400 KB, counting names and values).
constexpr size_t kMaxItemBytes = 400 * 1024;

// Size of one value by DynamoDB's rules (Developer Guide "Item sizes and formats"):
// S/B by bytes, N Number::size_bytes() (about 1 + ceil(digits/2)), BOOL/NULL 1, L/M 3 + 1 per
// element + contents (M members also count their names), sets the sum of their elements.
// The rules and their sources are in item_size.cpp.
size_t value_size(const AttributeValue& value);

// Size of a whole item: the sum of each attribute name's UTF-8 length plus its value size.
size_t item_size(const Item& item);

}  // namespace storage
