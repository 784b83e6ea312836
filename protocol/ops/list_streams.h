#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/context.h"

// DynamoDB Streams' ListStreams: the streams of every table, or of one, newest first, a page at a
// time. Disabled streams, and those of deleted tables, stay listed while their records live.
namespace protocol::ops {

struct ListStreamsRequest {
  std::optional<std::string> table_name;
  int64_t limit = 100;
  std::optional<std::string> exclusive_start_stream_arn;
};

struct ListStreamsResult {
  struct Stream {
    std::string arn;
    std::string table_name;
    std::string label;
  };
  std::vector<Stream> streams;
  std::optional<std::string> last_evaluated_stream_arn;  // set when more streams follow
};

ListStreamsRequest parse_list_streams(const JsonValue& json);
ListStreamsResult list_streams(OpContext& ctx, const ListStreamsRequest& request);
void write_list_streams(JsonWriter& w, const ListStreamsResult& result);

}  // namespace protocol::ops
