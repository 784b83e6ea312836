#pragma once

#include "protocol/context.h"
#include "protocol/wire/json.h"
#include "storage/catalog.h"
#include "storage/schema.h"

namespace protocol {

// Writes DynamoDB's TableDescription object for `table` as it stands at `now_ms`.
void write_table_description(JsonWriter& w, const OpContext& ctx, const storage::TableInfo& table,
                             int64_t now_ms);

}  // namespace protocol
