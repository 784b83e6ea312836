#pragma once

#include <string>
#include <string_view>

#include "protocol/context.h"
#include "protocol/tables/table_json.h"
#include "storage/schema.h"

namespace protocol::ops {

// What CreateTable, DeleteTable and UpdateTable answer: {"TableDescription": {...}}.
struct TableDescriptionResult {
  TableDescription description;
};
void write_table_description_result(JsonWriter& w, const TableDescriptionResult& result);

// The table named in a control-plane request, or ResourceNotFoundException worded as DynamoDB
// does for these operations.
storage::TablePtr require_table(const OpContext& ctx, std::string_view name);

// A table the writer found gone (or going) while it applied a control-plane change: the same
// ResourceNotFoundException.
[[noreturn]] void table_not_found(std::string_view name);

// Reads and checks the TableName member of a request that names one table.
std::string read_table_name(const JsonValue& request);

}  // namespace protocol::ops
