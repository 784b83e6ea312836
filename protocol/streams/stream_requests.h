#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/context.h"
#include "protocol/wire/fields.h"
#include "storage/streams.h"

// What the four Streams operations share: their members' constraints, finding a stream by its ARN
// and naming its status (tests/integration/DYNAMODB_MESSAGES.md "Streams").
namespace protocol::streams {

// DynamoDB Streams' bounds on its members (botocore's dynamodbstreams model).
constexpr size_t kMinStreamArn = 37;
constexpr size_t kMaxStreamArn = 1024;
constexpr size_t kMinShardId = 28;
constexpr size_t kMaxShardId = 65;

// Adds "Member must have length greater than or equal to <min>" (or less than or equal to <max>,
// or must not be null when `required`) for a string member.
void check_length(Violations& v, std::optional<std::string_view> value, std::string_view path,
                  size_t min, size_t max, bool required);
// A Limit below 1: "Member must have value greater than or equal to 1".
void check_limit(Violations& v, std::optional<int64_t> limit);

// The stream `arn` names. ValidationException "Invalid StreamArn" when it is not a stream ARN of
// this endpoint's shape; ResourceNotFoundException when no such stream exists (any more).
storage::StreamInfo stream_for_arn(const OpContext& ctx, const storage::ReadTxn& txn,
                                   std::string_view arn);
[[noreturn]] void stream_not_found(std::string_view arn);

// ENABLING for the status delay after the stream was made, then ENABLED; DISABLING for the status
// delay after it was disabled, then DISABLED.
std::string_view stream_status(const OpContext& ctx, const storage::StreamInfo& stream);

// The stream's ARN, from its table's ARN and its label.
std::string arn_of(const OpContext& ctx, const storage::StreamInfo& stream);

}  // namespace protocol::streams
