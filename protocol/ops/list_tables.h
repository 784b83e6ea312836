#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/context.h"

// ListTables: table names in order, a page at a time.
namespace protocol::ops {

struct ListTablesRequest {
  std::optional<std::string> exclusive_start;  // ExclusiveStartTableName
  int64_t limit = 100;
};
struct ListTablesResult {
  std::vector<std::string> names;
  std::optional<std::string> last_evaluated;  // set when more tables follow
};

ListTablesRequest parse_list_tables(const JsonValue& json);
ListTablesResult list_tables(OpContext& ctx, const ListTablesRequest& request);
void write_list_tables(JsonWriter& w, const ListTablesResult& result);

}  // namespace protocol::ops
