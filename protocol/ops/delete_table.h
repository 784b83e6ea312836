#pragma once

#include <string>

#include "protocol/context.h"
#include "protocol/tables/table_reply.h"

// DeleteTable: the table is gone at once for items; DescribeTable shows it DELETING for the
// configured status delay while its items are removed in the background.
namespace protocol::ops {

struct DeleteTableRequest {
  std::string table_name;
};

DeleteTableRequest parse_delete_table(const JsonValue& json);
void delete_table(OpContext& ctx, DeleteTableRequest request, Then<TableDescriptionResult> then);

}  // namespace protocol::ops
