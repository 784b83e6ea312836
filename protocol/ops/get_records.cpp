#include "protocol/ops/get_records.h"

#include "protocol/error.h"
#include "protocol/streams/shard_iterator.h"
#include "protocol/streams/stream_names.h"
#include "protocol/streams/stream_requests.h"
#include "protocol/tables/stream_spec.h"
#include "protocol/wire/value_json.h"

namespace protocol::ops {

namespace {

constexpr int64_t kMaxLimit = 1000;
constexpr size_t kMaxIterator = 2048;
// DynamoDB returns at most 1 MB of records from one call (their SizeBytes).
constexpr uint64_t kMaxReplyBytes = 1024 * 1024;

void write_record(JsonWriter& w, const GetRecordsResult& result,
                  const storage::StreamRecord& record) {
  static constexpr std::string_view kEventNames[] = {"", "INSERT", "MODIFY", "REMOVE"};
  w.StartObject();
  write_key(w, "eventID");
  write_string(w, streams::event_id(result.stream_id, record.seq));
  write_key(w, "eventName");
  write_string(w, kEventNames[static_cast<int>(record.event)]);
  write_key(w, "eventVersion");
  write_string(w, "1.1");
  write_key(w, "eventSource");
  write_string(w, "aws:dynamodb");
  write_key(w, "awsRegion");
  write_string(w, result.region);
  write_key(w, "dynamodb");
  w.StartObject();
  // Epoch seconds, rounded down, as DynamoDB sends them.
  write_key(w, "ApproximateCreationDateTime");
  w.Double(static_cast<double>(record.created_ms / 1000));
  write_key(w, "Keys");
  write_attribute_map(w, record.keys);
  if (record.new_image) {
    write_key(w, "NewImage");
    write_attribute_map(w, *record.new_image);
  }
  if (record.old_image) {
    write_key(w, "OldImage");
    write_attribute_map(w, *record.old_image);
  }
  write_key(w, "SequenceNumber");
  write_string(w, streams::sequence_number(record.seq));
  write_key(w, "SizeBytes");
  w.Uint64(record.size_bytes);
  write_key(w, "StreamViewType");
  write_string(w, stream_view_type_name(result.view_type));
  w.EndObject();
  if (record.ttl_delete) {
    // The Streams API's Identity shape: the TTL process deleted the item.
    write_key(w, "userIdentity");
    w.StartObject();
    write_key(w, "PrincipalId");
    write_string(w, "dynamodb.amazonaws.com");
    write_key(w, "Type");
    write_string(w, "Service");
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

GetRecordsRequest parse_get_records(const JsonValue& json) {
  Fields f(json);
  auto iterator = f.string("ShardIterator");
  auto limit = f.integer("Limit");
  Violations v;
  streams::check_length(v, iterator, "shardIterator", 1, kMaxIterator, true);
  streams::check_limit(v, limit);
  v.raise_if_any();
  if (limit && *limit > kMaxLimit) {
    throw ApiError::validation(
        "One or more parameter values were invalid: Limit should be less than or equal to 1000");
  }
  return GetRecordsRequest{std::string(*iterator), limit.value_or(kMaxLimit)};
}

GetRecordsResult get_records(OpContext& ctx, const GetRecordsRequest& request) {
  std::string arn;
  const std::optional<streams::ShardPosition> position =
      streams::decode_iterator(request.shard_iterator, ctx.iterator_key, arn);
  if (!position) {
    throw ApiError::validation("Invalid ShardIterator");
  }
  if (ctx.now_ms() - position->issued_ms > streams::kIteratorLifetimeMs) {
    throw ApiError::expired_iterator();
  }
  GetRecordsResult result;
  result.region = ctx.options.region;
  result.stream_id = position->stream_id;
  std::optional<storage::StreamShard> shard;
  uint64_t next = position->next_seq;
  ctx.store.read([&](const storage::ReadTxn& txn) {
    std::optional<storage::StreamInfo> stream = storage::find_stream(txn, position->stream_id);
    if (!stream) {
      streams::stream_not_found(arn);
    }
    for (const storage::StreamShard& s : stream->shards) {
      if (s.index == position->shard_index) {
        shard = s;
      }
    }
    if (!shard) {
      throw ApiError::resource_not_found("Invalid ShardId in ShardIterator");
    }
    if (next < stream->trim_seq) {
      throw ApiError::trimmed_data_access();
    }
    result.view_type = stream->view_type;
    const uint64_t last = shard->last_seq.value_or(UINT64_MAX);
    uint64_t bytes = 0;
    storage::read_stream_records(
        txn, stream->stream_id, next, last, [&](storage::StreamRecord& record) {
          bytes += record.size_bytes;
          next = record.seq + 1;
          result.records.push_back(std::move(record));
          return static_cast<int64_t>(result.records.size()) < request.limit &&
                 bytes < kMaxReplyBytes;
        });
  });
  // A closed shard that has given its last record has no next iterator: the reader moves on to
  // its child.
  if (!shard->last_seq || next <= *shard->last_seq) {
    streams::ShardPosition following{position->stream_id, position->shard_index, next,
                                     ctx.now_ms()};
    result.next_shard_iterator = streams::encode_iterator(arn, following, ctx.iterator_key);
  }
  return result;
}

void write_get_records(JsonWriter& w, const GetRecordsResult& result) {
  write_key(w, "Records");
  w.StartArray();
  for (const storage::StreamRecord& record : result.records) {
    write_record(w, result, record);
  }
  w.EndArray();
  if (result.next_shard_iterator) {
    write_key(w, "NextShardIterator");
    write_string(w, *result.next_shard_iterator);
  }
}

}  // namespace protocol::ops
