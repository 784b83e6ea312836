#pragma once

#include <string>
#include <string_view>

#include "storage/value.h"

namespace storage {

// The binary item encoding stored as the value in the `items` database (never JSON).
// See storage/FORMAT.md.
namespace item_codec {

// Appends the encoding of `item` to `out`.
void encode(const Item& item, std::string& out);
std::string encode(const Item& item);

// Decodes a whole item. Returns false if the bytes are not a valid encoding (callers turn that
// into a StorageError: it means corruption, not bad input).
bool decode(std::string_view bytes, Item& out);

}  // namespace item_codec
}  // namespace storage
