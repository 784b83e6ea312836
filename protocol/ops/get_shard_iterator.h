#pragma once

#include <optional>
#include <string>

#include "protocol/context.h"

// DynamoDB Streams' GetShardIterator: where a reader of one shard starts.
namespace protocol::ops {

enum class ShardIteratorType { kTrimHorizon, kLatest, kAtSequenceNumber, kAfterSequenceNumber };

struct GetShardIteratorRequest {
  std::string stream_arn;
  std::string shard_id;
  ShardIteratorType type = ShardIteratorType::kTrimHorizon;
  std::optional<std::string> sequence_number;  // AT_ and AFTER_SEQUENCE_NUMBER
};
struct GetShardIteratorResult {
  std::string shard_iterator;
};

GetShardIteratorRequest parse_get_shard_iterator(const JsonValue& json);
GetShardIteratorResult get_shard_iterator(OpContext& ctx, const GetShardIteratorRequest& request);
void write_get_shard_iterator(JsonWriter& w, const GetShardIteratorResult& result);

}  // namespace protocol::ops
