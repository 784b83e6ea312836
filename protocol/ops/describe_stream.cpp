#include "protocol/ops/describe_stream.h"

#include <algorithm>

#include "protocol/error.h"
#include "protocol/streams/stream_names.h"
#include "protocol/streams/stream_requests.h"
#include "protocol/tables/stream_spec.h"
#include "protocol/tables/table_json.h"

namespace protocol::ops {

namespace {

constexpr int64_t kMaxLimit = 100;

// A shard as DescribeStream lists it. A closed shard that never held a record ends where it
// starts, as DynamoDB shows one.
DescribeStreamResult::Shard describe_shard(const storage::StreamInfo& stream,
                                           const storage::StreamShard& shard) {
  DescribeStreamResult::Shard out;
  out.id = streams::shard_id(stream, shard);
  for (const storage::StreamShard& other : stream.shards) {
    if (other.index + 1 == shard.index) {
      out.parent_id = streams::shard_id(stream, other);
    }
  }
  out.starting_sequence_number = streams::sequence_number(shard.first_seq);
  if (shard.last_seq) {
    out.ending_sequence_number =
        streams::sequence_number(std::max(*shard.last_seq, shard.first_seq));
  }
  return out;
}

}  // namespace

DescribeStreamRequest parse_describe_stream(const JsonValue& json) {
  Fields f(json);
  auto arn = f.string("StreamArn");
  auto limit = f.integer("Limit");
  auto start = f.string("ExclusiveStartShardId");
  Violations v;
  streams::check_length(v, arn, "streamArn", streams::kMinStreamArn, streams::kMaxStreamArn, true);
  streams::check_limit(v, limit);
  streams::check_length(v, start, "exclusiveStartShardId", streams::kMinShardId,
                        streams::kMaxShardId, false);
  v.raise_if_any();
  if (limit && *limit > kMaxLimit) {
    throw ApiError::validation(
        "One or more parameter values were invalid: Limit cannot be greater than the maximum: "
        "100");
  }
  DescribeStreamRequest r;
  r.stream_arn = std::string(*arn);
  r.limit = limit.value_or(kMaxLimit);
  if (start) {
    r.exclusive_start_shard_id = std::string(*start);
  }
  return r;
}

DescribeStreamResult describe_stream(OpContext& ctx, const DescribeStreamRequest& request) {
  DescribeStreamResult result;
  ctx.store.read([&](const storage::ReadTxn& txn) {
    result.stream = streams::stream_for_arn(ctx, txn, request.stream_arn);
  });
  result.arn = streams::arn_of(ctx, result.stream);
  result.label = streams::stream_label(result.stream.created_ms);
  result.status = std::string(streams::stream_status(ctx, result.stream));
  std::vector<DescribeStreamResult::Shard> shards;
  for (const storage::StreamShard& shard : result.stream.shards) {
    shards.push_back(describe_shard(result.stream, shard));
  }
  // ShardIds begin with their creation time: their order is the shards' lineage.
  std::sort(shards.begin(), shards.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (auto& shard : shards) {
    if (request.exclusive_start_shard_id && shard.id <= *request.exclusive_start_shard_id) {
      continue;
    }
    if (static_cast<int64_t>(result.shards.size()) == request.limit) {
      result.last_evaluated_shard_id = result.shards.back().id;
      break;
    }
    result.shards.push_back(std::move(shard));
  }
  return result;
}

void write_describe_stream(JsonWriter& w, const DescribeStreamResult& result) {
  const storage::StreamInfo& stream = result.stream;
  write_key(w, "StreamDescription");
  w.StartObject();
  write_key(w, "StreamArn");
  write_string(w, result.arn);
  write_key(w, "StreamLabel");
  write_string(w, result.label);
  write_key(w, "StreamStatus");
  write_string(w, result.status);
  write_key(w, "StreamViewType");
  write_string(w, stream_view_type_name(stream.view_type));
  write_key(w, "CreationRequestDateTime");
  w.Double(static_cast<double>(stream.created_ms) / 1000.0);
  write_key(w, "TableName");
  write_string(w, stream.table_name);
  write_key_schema(w, stream.key_schema);
  write_key(w, "Shards");
  w.StartArray();
  for (const auto& shard : result.shards) {
    w.StartObject();
    write_key(w, "ShardId");
    write_string(w, shard.id);
    write_key(w, "SequenceNumberRange");
    w.StartObject();
    write_key(w, "StartingSequenceNumber");
    write_string(w, shard.starting_sequence_number);
    if (shard.ending_sequence_number) {
      write_key(w, "EndingSequenceNumber");
      write_string(w, *shard.ending_sequence_number);
    }
    w.EndObject();
    if (shard.parent_id) {
      write_key(w, "ParentShardId");
      write_string(w, *shard.parent_id);
    }
    w.EndObject();
  }
  w.EndArray();
  if (result.last_evaluated_shard_id) {
    write_key(w, "LastEvaluatedShardId");
    write_string(w, *result.last_evaluated_shard_id);
  }
  w.EndObject();
}

}  // namespace protocol::ops
