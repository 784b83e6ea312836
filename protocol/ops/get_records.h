#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/context.h"
#include "storage/streams.h"

// DynamoDB Streams' GetRecords: the next records of one shard from an iterator, at most Limit
// (1000) and about 1 MB of them, and the iterator to continue with while the shard can still give
// more.
namespace protocol::ops {

struct GetRecordsRequest {
  std::string shard_iterator;
  int64_t limit = 1000;
};

struct GetRecordsResult {
  std::string region;  // each record's awsRegion
  uint32_t stream_id = 0;
  storage::StreamViewType view_type = storage::StreamViewType::kKeysOnly;
  std::vector<storage::StreamRecord> records;
  std::optional<std::string> next_shard_iterator;  // absent once a closed shard is drained
};

GetRecordsRequest parse_get_records(const JsonValue& json);
GetRecordsResult get_records(OpContext& ctx, const GetRecordsRequest& request);
void write_get_records(JsonWriter& w, const GetRecordsResult& result);

}  // namespace protocol::ops
