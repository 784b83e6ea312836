#include "protocol/ops/ops.h"
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

// {"TimeToLiveDescription": {"TimeToLiveStatus": ..., "AttributeName": ...}}; a DISABLED table
// names no attribute (DynamoDB cannot tell "never enabled" from "disabled").
void describe_time_to_live(OpContext& ctx, const JsonValue& request, Completion done) {
  std::string name = read_table_name(request);
  storage::TablePtr table = require_table(ctx, name);
  storage::TtlStatus status = table->ttl.status_at(storage::now_ms());
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, "TimeToLiveDescription");
  w.StartObject();
  write_key(w, "TimeToLiveStatus");
  w.String(status_name(status));
  if (status != storage::TtlStatus::kDisabled) {
    write_key(w, "AttributeName");
    write_string(w, table->ttl.attribute);
  }
  w.EndObject();
  w.EndObject();
  done(ok_reply(buffer));
}

}  // namespace protocol::ops
