#include "protocol/streams/stream_requests.h"

#include "protocol/error.h"
#include "protocol/streams/stream_names.h"

namespace protocol::streams {

void check_length(Violations& v, std::optional<std::string_view> value, std::string_view path,
                  size_t min, size_t max, bool required) {
  if (!value) {
    if (required) {
      v.add(std::nullopt, path, "Member must not be null");
    }
    return;
  }
  if (value->size() < min) {
    v.add(*value, path, "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (value->size() > max) {
    v.add(*value, path, "Member must have length less than or equal to " + std::to_string(max));
  }
}

void check_limit(Violations& v, std::optional<int64_t> limit) {
  if (limit && *limit < 1) {
    v.add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
  }
}

void stream_not_found(std::string_view arn) {
  throw ApiError::resource_not_found("Requested resource not found: Stream: " + std::string(arn) +
                                     " not found");
}

storage::StreamInfo stream_for_arn(const OpContext& ctx, const storage::ReadTxn& txn,
                                   std::string_view arn) {
  const std::optional<StreamArnParts> parts = parse_stream_arn(arn);
  if (!parts) {
    throw ApiError::validation("Invalid StreamArn");
  }
  if (parts->region == ctx.options.region && parts->account == ctx.options.account_id) {
    for (storage::StreamInfo& stream : storage::list_streams(txn)) {
      if (stream.table_name == parts->table_name && stream.created_ms == parts->created_ms) {
        return std::move(stream);
      }
    }
  }
  stream_not_found(arn);
}

std::string_view stream_status(const OpContext& ctx, const storage::StreamInfo& stream) {
  const int64_t now = ctx.now_ms();
  const int64_t delay = ctx.options.status_delay.count();
  if (stream.enabled) {
    return now < stream.created_ms + delay ? "ENABLING" : "ENABLED";
  }
  return now < stream.disabled_ms + delay ? "DISABLING" : "DISABLED";
}

std::string arn_of(const OpContext& ctx, const storage::StreamInfo& stream) {
  return stream_arn(ctx.table_arn(stream.table_name), stream.created_ms);
}

}  // namespace protocol::streams
