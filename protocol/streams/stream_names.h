#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/streams.h"

// How DynamoDB Streams names things on the wire (tests/integration/DYNAMODB_MESSAGES.md
// "Streams"): stream labels and ARNs, shard ids, sequence numbers and event ids. All are derived
// from storage's typed stream data, so nothing extra is stored.
namespace protocol::streams {

// "2015-05-11T21:21:33.291": UTC, milliseconds, no zone suffix.
std::string stream_label(int64_t created_ms);
// The label's milliseconds; nullopt unless it is exactly that shape.
std::optional<int64_t> parse_stream_label(std::string_view label);

// arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>
std::string stream_arn(std::string_view table_arn, int64_t created_ms);

struct StreamArnParts {
  std::string region;
  std::string account;
  std::string table_name;
  int64_t created_ms = 0;
};
// Nullopt when `arn` is not a stream ARN of that shape.
std::optional<StreamArnParts> parse_stream_arn(std::string_view arn);

// "shardId-<20-digit creation ms>-<8 hex>": the hex part tells apart shards of one stream.
std::string shard_id(const storage::StreamInfo& stream, const storage::StreamShard& shard);
// The shard of `stream` with this id, or null.
const storage::StreamShard* find_shard(const storage::StreamInfo& stream, std::string_view id);

// Sequence numbers are decimal strings of 21 digits or more (DynamoDB's are 21..40 and compare
// as numbers): ours are "1" followed by the record's number in 20 digits.
std::string sequence_number(uint64_t seq);
// The record number of a sequence number string; nullopt for one that is not ours (then no
// record has it).
std::optional<uint64_t> parse_sequence_number(std::string_view text);

// A record's eventID: 32 hex digits, unique per stream and record.
std::string event_id(uint32_t stream_id, uint64_t seq);

}  // namespace protocol::streams
