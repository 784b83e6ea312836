#pragma once

#include "protocol/context.h"
#include "protocol/tables/table_reply.h"
#include "storage/schema.h"

// CreateTable: a new table, CREATING for the configured status delay.
namespace protocol::ops {

// The table as the request defines it, every check made: name, key schema, attribute definitions,
// billing, indexes, tags, deletion protection, stream specification. create_table gives it its
// ids, TableId, creation time and status.
struct CreateTableRequest {
  storage::TableInfo table;
};

CreateTableRequest parse_create_table(const JsonValue& json);
void create_table(OpContext& ctx, CreateTableRequest request, Then<TableDescriptionResult> then);

}  // namespace protocol::ops
