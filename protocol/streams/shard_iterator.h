#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Shard iterators: opaque and tamper-evident. "<StreamArn>|1|<base64 payload>", the payload
// holding the stream, the shard, the position and when the iterator was issued, sealed with an
// HMAC-SHA256 under the server's key, so a client can neither forge one nor move its position.
namespace protocol::streams {

// How long an iterator is good for after it was issued (DynamoDB: 15 minutes).
constexpr int64_t kIteratorLifetimeMs = 15 * 60 * 1000;

struct ShardPosition {
  uint32_t stream_id = 0;
  uint32_t shard_index = 0;
  uint64_t next_seq = 0;  // the first record number the iterator reads
  int64_t issued_ms = 0;
};

// `key`: the server's secret (any length; 32 random bytes).
std::string encode_iterator(std::string_view stream_arn, const ShardPosition& position,
                            std::string_view key);
// The position an iterator holds, with the ARN it names in `stream_arn`; nullopt when it is not
// one of ours, or has been altered.
std::optional<ShardPosition> decode_iterator(std::string_view iterator, std::string_view key,
                                             std::string& stream_arn);

}  // namespace protocol::streams
