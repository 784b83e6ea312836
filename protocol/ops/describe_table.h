#pragma once

#include <string>

#include "protocol/context.h"
#include "protocol/tables/table_json.h"

// DescribeTable: a table's definition, status and live counters.
namespace protocol::ops {

struct DescribeTableRequest {
  std::string table_name;
};
struct DescribeTableResult {
  TableDescription description;
};

DescribeTableRequest parse_describe_table(const JsonValue& json);
DescribeTableResult describe_table(OpContext& ctx, const DescribeTableRequest& request);
void write_describe_table(JsonWriter& w, const DescribeTableResult& result);

}  // namespace protocol::ops
