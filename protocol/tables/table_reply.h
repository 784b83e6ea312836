#pragma once

#include <string_view>

#include "protocol/context.h"
#include "storage/schema.h"

namespace protocol::ops {

// {"<member>": TableDescription} as of `now_ms`, the reply of Create/Delete/Update/DescribeTable.
Reply table_reply(const OpContext& ctx, std::string_view member, const storage::TableInfo& table,
                  int64_t now_ms);

// The table named in a control-plane request, or ResourceNotFoundException worded as DynamoDB
// does for these operations.
storage::TablePtr require_table(const OpContext& ctx, std::string_view name);

// Reads and checks the TableName member of a request that names one table.
std::string read_table_name(const JsonValue& request);

}  // namespace protocol::ops
