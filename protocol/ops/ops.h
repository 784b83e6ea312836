#pragma once

#include "protocol/context.h"

// One handler per operation; each lives in protocol/ops/<operation>.cpp.
namespace protocol::ops {

void create_table(OpContext& ctx, const JsonValue& request, Completion done);
void describe_table(OpContext& ctx, const JsonValue& request, Completion done);
void list_tables(OpContext& ctx, const JsonValue& request, Completion done);
void delete_table(OpContext& ctx, const JsonValue& request, Completion done);
void update_table(OpContext& ctx, const JsonValue& request, Completion done);
void put_item(OpContext& ctx, const JsonValue& request, Completion done);
void get_item(OpContext& ctx, const JsonValue& request, Completion done);
void delete_item(OpContext& ctx, const JsonValue& request, Completion done);
void update_item(OpContext& ctx, const JsonValue& request, Completion done);
void query(OpContext& ctx, const JsonValue& request, Completion done);
void scan(OpContext& ctx, const JsonValue& request, Completion done);
void batch_get_item(OpContext& ctx, const JsonValue& request, Completion done);
void batch_write_item(OpContext& ctx, const JsonValue& request, Completion done);
void transact_write_items(OpContext& ctx, const JsonValue& request, Completion done);
void transact_get_items(OpContext& ctx, const JsonValue& request, Completion done);
void update_time_to_live(OpContext& ctx, const JsonValue& request, Completion done);
void describe_time_to_live(OpContext& ctx, const JsonValue& request, Completion done);

}  // namespace protocol::ops
