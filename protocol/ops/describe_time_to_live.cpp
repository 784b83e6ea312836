#include "protocol/ops/describe_time_to_live.h"

#include "protocol/tables/table_reply.h"

namespace protocol::ops {

namespace {

const char* status_name(storage::TtlStatus status) {
  switch (status) {
    case storage::TtlStatus::kEnabling:
      return "ENABLING";
    case storage::TtlStatus::kEnabled:
      return "ENABLED";
    case storage::TtlStatus::kDisabling:
      return "DISABLING";
    case storage::TtlStatus::kDisabled:
      break;
  }
  return "DISABLED";
}

}  // namespace

DescribeTimeToLiveRequest parse_describe_time_to_live(const JsonValue& json) {
  return DescribeTimeToLiveRequest{read_table_name(json)};
}

DescribeTimeToLiveResult describe_time_to_live(OpContext& ctx,
                                               const DescribeTimeToLiveRequest& request) {
  storage::TablePtr table = require_table(ctx, request.table_name);
  return DescribeTimeToLiveResult{table->ttl.status_at(ctx.now_ms()), table->ttl.attribute};
}

// {"TimeToLiveDescription": {"TimeToLiveStatus": ..., "AttributeName": ...}}; a DISABLED table
// names no attribute (DynamoDB cannot tell "never enabled" from "disabled").
void write_describe_time_to_live(JsonWriter& w, const DescribeTimeToLiveResult& result) {
  write_key(w, "TimeToLiveDescription");
  w.StartObject();
  write_key(w, "TimeToLiveStatus");
  w.String(status_name(result.status));
  if (result.status != storage::TtlStatus::kDisabled) {
    write_key(w, "AttributeName");
    write_string(w, result.attribute_name);
  }
  w.EndObject();
}

}  // namespace protocol::ops
