#include "protocol/tables/stream_spec.h"

#include <string>

#include "protocol/error.h"

namespace protocol {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

// botocore's model order of the enum.
constexpr storage::StreamViewType kViewTypes[] = {
    storage::StreamViewType::kNewImage, storage::StreamViewType::kOldImage,
    storage::StreamViewType::kNewAndOldImages, storage::StreamViewType::kKeysOnly};

std::optional<storage::StreamViewType> parse_view_type(std::string_view name) {
  for (storage::StreamViewType type : kViewTypes) {
    if (stream_view_type_name(type) == name) {
      return type;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<StreamSpec> read_stream_spec(const Fields& f, Violations& v, std::string_view path) {
  const JsonValue* json = f.structure("StreamSpecification");
  if (json == nullptr) {
    return std::nullopt;
  }
  Fields s(*json);
  StreamSpec spec;
  std::optional<bool> enabled = s.boolean("StreamEnabled");
  std::optional<std::string_view> view_type = s.string("StreamViewType");
  if (!enabled) {
    v.add(std::nullopt, std::string(path) + ".streamEnabled", "Member must not be null");
  }
  spec.enabled = enabled.value_or(false);
  if (view_type) {
    spec.view_type = parse_view_type(*view_type);
    if (!spec.view_type) {
      v.add(*view_type, std::string(path) + ".streamViewType",
            "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, "
            "KEYS_ONLY]");
    }
  }
  return spec;
}

void check_create_stream_spec(const StreamSpec& spec) {
  if (spec.enabled && !spec.view_type) {
    throw ApiError::validation(std::string(kInvalid) +
                               "Table is being created with a stream enabled, UpdateViewType is "
                               "required");
  }
  if (!spec.enabled && spec.view_type) {
    throw ApiError::validation(std::string(kInvalid) +
                               "Table is being created with a stream disabled, UpdateViewType "
                               "should not be specified");
  }
}

void check_update_stream_spec(const StreamSpec& spec) {
  if (spec.enabled && !spec.view_type) {
    throw ApiError::validation(std::string(kInvalid) +
                               "If stream is being enabled then UpdateViewType is required");
  }
  if (!spec.enabled && spec.view_type) {
    throw ApiError::validation(std::string(kInvalid) +
                               "If stream is being disabled, then UpdateViewType must not be "
                               "specified");
  }
}

std::string_view stream_view_type_name(storage::StreamViewType type) {
  switch (type) {
    case storage::StreamViewType::kKeysOnly:
      return "KEYS_ONLY";
    case storage::StreamViewType::kNewImage:
      return "NEW_IMAGE";
    case storage::StreamViewType::kOldImage:
      return "OLD_IMAGE";
    case storage::StreamViewType::kNewAndOldImages:
      return "NEW_AND_OLD_IMAGES";
  }
  return "KEYS_ONLY";
}

}  // namespace protocol
