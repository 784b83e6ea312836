#include "protocol/ops/describe_table.h"

#include "protocol/tables/table_reply.h"

namespace protocol::ops {

DescribeTableRequest parse_describe_table(const JsonValue& json) {
  return DescribeTableRequest{read_table_name(json)};
}

DescribeTableResult describe_table(OpContext& ctx, const DescribeTableRequest& request) {
  storage::TablePtr table = require_table(ctx, request.table_name);
  return DescribeTableResult{describe_table_as_of(ctx, std::move(table), ctx.now_ms())};
}

void write_describe_table(JsonWriter& w, const DescribeTableResult& result) {
  write_key(w, "Table");
  write_table_description(w, result.description);
}

}  // namespace protocol::ops
