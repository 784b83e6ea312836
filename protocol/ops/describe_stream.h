#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/context.h"
#include "storage/streams.h"

// DynamoDB Streams' DescribeStream: a stream's settings and status, and its shards in ShardId
// order, a page at a time.
namespace protocol::ops {

struct DescribeStreamRequest {
  std::string stream_arn;
  int64_t limit = 100;
  std::optional<std::string> exclusive_start_shard_id;
};

struct DescribeStreamResult {
  struct Shard {
    std::string id;
    std::optional<std::string> parent_id;
    std::string starting_sequence_number;
    std::optional<std::string> ending_sequence_number;  // a closed shard
  };
  std::string arn;
  std::string label;
  std::string status;
  storage::StreamInfo stream;
  std::vector<Shard> shards;
  std::optional<std::string> last_evaluated_shard_id;  // set when more shards follow
};

DescribeStreamRequest parse_describe_stream(const JsonValue& json);
DescribeStreamResult describe_stream(OpContext& ctx, const DescribeStreamRequest& request);
void write_describe_stream(JsonWriter& w, const DescribeStreamResult& result);

}  // namespace protocol::ops
