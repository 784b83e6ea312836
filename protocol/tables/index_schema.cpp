// Sources as in DYNAMODB_MESSAGES.md: [DL] dynalite, [ACKQ] the live catalogue, [CONF] the
// conformance suite. The multi-attribute GSI key schema texts (more than two elements) are ddbd's
// own: no capture of DynamoDB's wording was available.

#include "protocol/tables/index_schema.h"

#include <algorithm>
#include <set>

#include "protocol/error.h"

namespace protocol {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";
// Multi-attribute GSI keys: at most four attributes each for the partition and the sort key.
constexpr size_t kMaxKeyAttributesPerRole = 4;

[[noreturn]] void invalid(const std::string& message) { throw ApiError::validation(message); }

}  // namespace

std::string names_list(const std::vector<std::string>& names) {
  std::string text = "[";
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i > 0 ? ", " : "") + names[i];
  }
  return text + "]";
}

std::vector<std::string> raw_key_names(const std::vector<RawKeyElement>& keys) {
  std::vector<std::string> names;
  for (const auto& key : keys) {
    names.push_back(*key.name);
  }
  return names;
}

void check_key_order(const std::vector<RawKeyElement>& keys) {
  if (keys.size() == 2 && *keys[0].name == *keys[1].name) {
    invalid("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (*keys[0].key_type != "HASH") {
    invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keys.size() == 2 && *keys[1].key_type != "RANGE") {
    invalid("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
}

void check_global_key_schema(const std::vector<RawKeyElement>& keys, const std::string& index) {
  if (keys.size() <= 2) {
    check_key_order(keys);
    return;
  }
  if (*keys[0].key_type != "HASH") {
    invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  std::set<std::string> seen;
  size_t hash = 0;
  size_t range = 0;
  for (const RawKeyElement& key : keys) {
    if (!seen.insert(*key.name).second) {
      invalid(std::string(kInvalid) + "Duplicate key attribute " + *key.name +
              " in the KeySchema of index: " + index);
    }
    if (*key.key_type == "HASH" && range > 0) {
      invalid("Invalid KeySchema: HASH key attributes must precede RANGE key attributes");
    }
    ++(*key.key_type == "HASH" ? hash : range);
  }
  if (hash > kMaxKeyAttributesPerRole || range > kMaxKeyAttributesPerRole) {
    invalid(std::string(kInvalid) +
            "A KeySchema may have at most 4 HASH and 4 RANGE key attributes; index: " + index);
  }
}

void check_defined(const std::vector<std::string>& keys, const std::vector<std::string>& defs) {
  for (const auto& key : keys) {
    if (std::find(defs.begin(), defs.end(), key) == defs.end()) {
      invalid(std::string(kInvalid) +
              "Some index key attributes are not defined in AttributeDefinitions. Keys: " +
              names_list(keys) + ", AttributeDefinitions: " + names_list(defs));
    }
  }
}

void check_projection(const RawIndex& index) {
  if (!index.projection_type) {
    invalid(std::string(kInvalid) + "Unknown ProjectionType: null");
  }
  if (index.non_key_attributes && *index.projection_type != "INCLUDE") {
    invalid(std::string(kInvalid) + "ProjectionType is " + *index.projection_type +
            ", but NonKeyAttributes is specified");
  }
  if (!index.non_key_attributes && *index.projection_type == "INCLUDE") {
    invalid(std::string(kInvalid) +
            "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
}

void check_projected_total(size_t non_key_attributes) {
  if (non_key_attributes > kMaxProjectedAttributes) {
    invalid(std::string(kInvalid) +
            "Number of projected attributes in all indexes exceeds limit of 100");
  }
}

}  // namespace protocol
