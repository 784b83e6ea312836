#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/schema.h"

namespace storage {

// The binary table record of the catalog (FORMAT.md "meta database"). decode returns false on bad
// bytes.
std::string encode_table(const TableInfo& table);
bool decode_table(std::string_view bytes, TableInfo& out);

// A key schema as table records write it (count, then name and key type per element); stream
// definitions (stream_codec.cpp) write theirs the same way. get_key_schema advances `in`.
void put_key_schema(std::string& out, const std::vector<KeySchemaElement>& keys);
bool get_key_schema(std::string_view& in, std::vector<KeySchemaElement>& keys);

}  // namespace storage
