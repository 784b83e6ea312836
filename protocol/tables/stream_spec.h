#pragma once

#include <optional>
#include <string_view>

#include "protocol/wire/fields.h"
#include "storage/schema.h"

// StreamSpecification of CreateTable and UpdateTable, checked as DynamoDB checks it
// (tests/integration/DYNAMODB_MESSAGES.md "Streams").
namespace protocol {

struct StreamSpec {
  bool enabled = false;
  std::optional<storage::StreamViewType> view_type;
};

// Reads StreamSpecification (nullopt when absent), adding its constraint violations (a missing
// StreamEnabled, an unknown StreamViewType) to `v` under `path`, e.g. "streamSpecification".
std::optional<StreamSpec> read_stream_spec(const Fields& f, Violations& v, std::string_view path);

// CreateTable: a view type with an enabled stream, none with a disabled one.
void check_create_stream_spec(const StreamSpec& spec);
// UpdateTable: the same rules, worded for an update.
void check_update_stream_spec(const StreamSpec& spec);

// DynamoDB's name of a view type: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES.
std::string_view stream_view_type_name(storage::StreamViewType type);

}  // namespace protocol
