#pragma once

#include <string>

#include "protocol/context.h"
#include "storage/schema.h"

// DescribeTimeToLive: a table's TTL status and attribute.
namespace protocol::ops {

struct DescribeTimeToLiveRequest {
  std::string table_name;
};
struct DescribeTimeToLiveResult {
  storage::TtlStatus status = storage::TtlStatus::kDisabled;
  std::string attribute_name;
};

DescribeTimeToLiveRequest parse_describe_time_to_live(const JsonValue& json);
DescribeTimeToLiveResult describe_time_to_live(OpContext& ctx,
                                               const DescribeTimeToLiveRequest& request);
void write_describe_time_to_live(JsonWriter& w, const DescribeTimeToLiveResult& result);

}  // namespace protocol::ops
