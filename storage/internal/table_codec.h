#pragma once

#include <string>
#include <string_view>

#include "storage/schema.h"

namespace storage {

// The binary table record of the catalog (FORMAT.md "meta database"). decode returns false on bad
// bytes.
std::string encode_table(const TableInfo& table);
bool decode_table(std::string_view bytes, TableInfo& out);

}  // namespace storage
