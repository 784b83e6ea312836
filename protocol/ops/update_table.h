#pragma once

#include <optional>
#include <string>

#include "protocol/context.h"
#include "protocol/tables/gsi_updates.h"
#include "protocol/tables/schema_json.h"
#include "protocol/tables/stream_spec.h"
#include "protocol/tables/table_reply.h"

// UpdateTable: billing mode, provisioned throughput, deletion protection and global secondary
// indexes (created with an online backfill, updated, deleted).
namespace protocol::ops {

struct UpdateTableRequest {
  std::string table_name;
  std::optional<std::string> billing_mode;  // PROVISIONED or PAY_PER_REQUEST
  std::optional<RawThroughput> throughput;
  std::optional<bool> deletion_protection;
  GsiUpdates indexes;
  std::optional<StreamSpec> stream;
};

UpdateTableRequest parse_update_table(const JsonValue& json);
void update_table(OpContext& ctx, UpdateTableRequest request, Then<TableDescriptionResult> then);

}  // namespace protocol::ops
