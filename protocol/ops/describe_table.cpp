#include "protocol/ops/ops.h"
#include "protocol/tables/table_reply.h"

namespace protocol::ops {

void describe_table(OpContext& ctx, const JsonValue& request, Completion done) {
  std::string name = read_table_name(request);
  storage::TablePtr table = require_table(ctx, name);
  done(table_reply(ctx, "Table", *table, storage::now_ms()));
}

}  // namespace protocol::ops
