#include "protocol/ops/list_streams.h"

#include <algorithm>

#include "protocol/error.h"
#include "protocol/streams/stream_names.h"
#include "protocol/streams/stream_requests.h"

namespace protocol::ops {

namespace {

constexpr int64_t kMaxLimit = 100;

// Newest first; streams made in the same millisecond (of different tables) by table name.
bool listed_before(const storage::StreamInfo& a, const storage::StreamInfo& b) {
  if (a.created_ms != b.created_ms) {
    return a.created_ms > b.created_ms;
  }
  return a.table_name < b.table_name;
}

}  // namespace

ListStreamsRequest parse_list_streams(const JsonValue& json) {
  Fields f(json);
  auto table_name = f.string("TableName");
  auto limit = f.integer("Limit");
  auto start = f.string("ExclusiveStartStreamArn");
  Violations v;
  check_table_name(v, table_name, "tableName", false);
  streams::check_limit(v, limit);
  streams::check_length(v, start, "exclusiveStartStreamArn", streams::kMinStreamArn,
                        streams::kMaxStreamArn, false);
  v.raise_if_any();
  if (limit && *limit > kMaxLimit) {
    throw ApiError::validation(
        "One or more parameter values were invalid: Limit cannot be greater than the maximum "
        "allowed size: 100");
  }
  ListStreamsRequest r;
  if (table_name) {
    r.table_name = std::string(*table_name);
  }
  r.limit = limit.value_or(kMaxLimit);
  if (start) {
    if (!streams::parse_stream_arn(*start)) {
      throw ApiError::validation("Invalid StreamArn");
    }
    r.exclusive_start_stream_arn = std::string(*start);
  }
  return r;
}

ListStreamsResult list_streams(OpContext& ctx, const ListStreamsRequest& request) {
  std::vector<storage::StreamInfo> streams;
  ctx.store.read([&](const storage::ReadTxn& txn) { streams = storage::list_streams(txn); });
  if (request.table_name) {
    std::erase_if(
        streams, [&](const storage::StreamInfo& s) { return s.table_name != *request.table_name; });
    if (streams.empty() && !ctx.store.catalog().find(*request.table_name)) {
      throw ApiError::resource_not_found(
          "Requested resource not found: Table: " + *request.table_name + " not found");
    }
  }
  std::sort(streams.begin(), streams.end(), listed_before);
  auto first = streams.begin();
  if (request.exclusive_start_stream_arn) {
    const auto start = streams::parse_stream_arn(*request.exclusive_start_stream_arn);
    storage::StreamInfo position;
    position.created_ms = start->created_ms;
    position.table_name = start->table_name;
    first = std::upper_bound(streams.begin(), streams.end(), position, listed_before);
  }
  ListStreamsResult result;
  for (auto it = first; it != streams.end(); ++it) {
    if (static_cast<int64_t>(result.streams.size()) == request.limit) {
      result.last_evaluated_stream_arn = result.streams.back().arn;
      break;
    }
    result.streams.push_back(
        {streams::arn_of(ctx, *it), it->table_name, streams::stream_label(it->created_ms)});
  }
  return result;
}

void write_list_streams(JsonWriter& w, const ListStreamsResult& result) {
  write_key(w, "Streams");
  w.StartArray();
  for (const auto& stream : result.streams) {
    w.StartObject();
    write_key(w, "StreamArn");
    write_string(w, stream.arn);
    write_key(w, "TableName");
    write_string(w, stream.table_name);
    write_key(w, "StreamLabel");
    write_string(w, stream.label);
    w.EndObject();
  }
  w.EndArray();
  if (result.last_evaluated_stream_arn) {
    write_key(w, "LastEvaluatedStreamArn");
    write_string(w, *result.last_evaluated_stream_arn);
  }
}

}  // namespace protocol::ops
