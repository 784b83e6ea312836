#pragma once

#include <string>
#include <string_view>

#include "storage/value.h"

namespace storage {

// The binary item encoding stored as the value in the `items` database (never JSON).
// See storage/FORMAT.md.
namespace item_codec {

// Deepest M/L nesting that decode accepts (and encode writes). DynamoDB itself allows 32 levels;
// the margin lets protocol/ own the exact limit while decode still bounds its recursion.
constexpr int kMaxNestingDepth = 64;

// Appends the encoding of `item` to `out`. Throws std::invalid_argument if M/L values nest deeper
// than kMaxNestingDepth (protocol/ rejects those long before).
void encode(const Item& item, std::string& out);
std::string encode(const Item& item);

// Decodes a whole item. Returns false if the bytes are not a valid encoding (callers turn that
// into a StorageError: it means corruption, not bad input). Never reads outside `bytes`; `out` is
// cleared first and left empty on failure.
bool decode(std::string_view bytes, Item& out);

}  // namespace item_codec
}  // namespace storage
