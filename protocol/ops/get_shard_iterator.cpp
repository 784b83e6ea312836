#include "protocol/ops/get_shard_iterator.h"

#include <algorithm>

#include "protocol/error.h"
#include "protocol/streams/shard_iterator.h"
#include "protocol/streams/stream_names.h"
#include "protocol/streams/stream_requests.h"

namespace protocol::ops {

namespace {

constexpr size_t kMinSequenceNumber = 21;
constexpr size_t kMaxSequenceNumber = 40;
constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

constexpr std::pair<std::string_view, ShardIteratorType> kTypes[] = {
    {"TRIM_HORIZON", ShardIteratorType::kTrimHorizon},
    {"LATEST", ShardIteratorType::kLatest},
    {"AT_SEQUENCE_NUMBER", ShardIteratorType::kAtSequenceNumber},
    {"AFTER_SEQUENCE_NUMBER", ShardIteratorType::kAfterSequenceNumber},
};

bool needs_sequence_number(ShardIteratorType type) {
  return type == ShardIteratorType::kAtSequenceNumber ||
         type == ShardIteratorType::kAfterSequenceNumber;
}

// The first record number AT_ or AFTER_SEQUENCE_NUMBER reads from: the number must lie within the
// shard (up to its last record once it is closed) and must not be trimmed yet.
uint64_t position_at(const storage::StreamInfo& stream, const storage::StreamShard& shard,
                     const GetShardIteratorRequest& r) {
  const std::optional<uint64_t> seq = streams::parse_sequence_number(*r.sequence_number);
  if (!seq || *seq < shard.first_seq || (shard.last_seq && *seq > *shard.last_seq)) {
    throw ApiError::validation(std::string(kInvalid) + "Invalid SequenceNumber for the shard");
  }
  if (*seq < stream.trim_seq) {
    throw ApiError::trimmed_data_access();
  }
  return r.type == ShardIteratorType::kAtSequenceNumber ? *seq : *seq + 1;
}

uint64_t start_position(const storage::StreamInfo& stream, const storage::StreamShard& shard,
                        const GetShardIteratorRequest& r) {
  switch (r.type) {
    case ShardIteratorType::kTrimHorizon:
      return std::max(shard.first_seq, stream.trim_seq);
    case ShardIteratorType::kLatest:
      return shard.last_seq ? *shard.last_seq + 1 : std::max(shard.first_seq, stream.next_seq);
    case ShardIteratorType::kAtSequenceNumber:
    case ShardIteratorType::kAfterSequenceNumber:
      return position_at(stream, shard, r);
  }
  return shard.first_seq;
}

}  // namespace

GetShardIteratorRequest parse_get_shard_iterator(const JsonValue& json) {
  Fields f(json);
  auto arn = f.string("StreamArn");
  auto shard = f.string("ShardId");
  auto type = f.string("ShardIteratorType");
  auto sequence = f.string("SequenceNumber");
  Violations v;
  streams::check_length(v, arn, "streamArn", streams::kMinStreamArn, streams::kMaxStreamArn, true);
  streams::check_length(v, shard, "shardId", streams::kMinShardId, streams::kMaxShardId, true);
  GetShardIteratorRequest r;
  bool known_type = false;
  for (const auto& [name, value] : kTypes) {
    if (type && *type == name) {
      r.type = value;
      known_type = true;
    }
  }
  if (!type) {
    v.add(std::nullopt, "shardIteratorType", "Member must not be null");
  } else if (!known_type) {
    v.add(*type, "shardIteratorType",
          "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, "
          "AFTER_SEQUENCE_NUMBER]");
  }
  streams::check_length(v, sequence, "sequenceNumber", kMinSequenceNumber, kMaxSequenceNumber,
                        false);
  v.raise_if_any();
  if (needs_sequence_number(r.type) && !sequence) {
    throw ApiError::validation(std::string(kInvalid) + "Invalid SequenceNumber");
  }
  if (!needs_sequence_number(r.type) && sequence) {
    throw ApiError::validation(std::string(kInvalid) +
                               "SequenceNumber should not be passed for this iterator type");
  }
  r.stream_arn = std::string(*arn);
  r.shard_id = std::string(*shard);
  if (sequence) {
    r.sequence_number = std::string(*sequence);
  }
  return r;
}

GetShardIteratorResult get_shard_iterator(OpContext& ctx, const GetShardIteratorRequest& r) {
  storage::StreamInfo stream;
  ctx.store.read([&](const storage::ReadTxn& txn) {
    stream = streams::stream_for_arn(ctx, txn, r.stream_arn);
  });
  const storage::StreamShard* shard = streams::find_shard(stream, r.shard_id);
  if (shard == nullptr) {
    throw ApiError::resource_not_found("Requested resource not found: Shard does not exist");
  }
  streams::ShardPosition position{stream.stream_id, shard->index, start_position(stream, *shard, r),
                                  ctx.now_ms()};
  return {streams::encode_iterator(streams::arn_of(ctx, stream), position, ctx.iterator_key)};
}

void write_get_shard_iterator(JsonWriter& w, const GetShardIteratorResult& result) {
  write_key(w, "ShardIterator");
  write_string(w, result.shard_iterator);
}

}  // namespace protocol::ops
