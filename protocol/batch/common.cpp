#include "protocol/batch/common.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "protocol/error.h"

namespace protocol::batch {

namespace {

// DynamoDB reports at most this many violations in one message.
constexpr size_t kMaxReported = 10;

constexpr std::string_view kJavaAttributeValue = "com.amazonaws.dynamodb.v20120810.AttributeValue@";

// Stands in for Java's identity hash: stable for equal input, which keeps messages reproducible.
std::string identity_hash(std::string_view name, const JsonValue& value) {
  uint32_t hash = 2166136261u;
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash = (hash ^ c) * 16777619u;
    }
  };
  mix(name);
  mix(json_text(value));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%x", hash);
  return hex;
}

void write_units_entry(JsonWriter& w, CapacityMode mode, const TableUnits& table) {
  Consumed consumed = table.indexes;
  consumed.table = table.units;
  w.StartObject();
  write_capacity_members(w, mode, table.table_name, consumed);
  w.EndObject();
}

}  // namespace

void ConstraintReport::add(std::optional<std::string_view> value, std::string_view path,
                           std::string_view constraint) {
  std::string text = "Value ";
  text += value ? "'" + std::string(*value) + "'" : std::string("null");
  text += " at '" + std::string(path) + "' failed to satisfy constraint: ";
  text += constraint;
  entries_.push_back(std::move(text));
}

void ConstraintReport::add_without_value(std::string_view path, std::string_view constraint) {
  entries_.push_back("Value at '" + std::string(path) +
                     "' failed to satisfy constraint: " + std::string(constraint));
}

void ConstraintReport::raise_if_any() const {
  if (entries_.empty()) {
    return;
  }
  size_t shown = std::min(entries_.size(), kMaxReported);
  std::string message =
      std::to_string(shown) + " validation error" + (shown > 1 ? "s" : "") + " detected: ";
  for (size_t i = 0; i < shown; ++i) {
    message += (i > 0 ? "; " : "") + entries_[i];
  }
  throw ApiError::validation(std::move(message));
}

bool is_valid_table_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 255) {
    return false;
  }
  for (char c : name) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string json_text(const JsonValue& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  value.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string java_attribute_map(const JsonValue* map) {
  if (map == nullptr) {
    return "null";
  }
  std::string text = "{";
  for (const auto& member : map->GetObject()) {
    text += text.size() > 1 ? ", " : "";
    text += std::string(view_of(member.name)) + "=" + std::string(kJavaAttributeValue) +
            identity_hash(view_of(member.name), member.value);
  }
  return text + "}";
}

void write_consumed_capacity_list(JsonWriter& w, CapacityMode mode,
                                  const std::vector<TableUnits>& tables) {
  if (mode == CapacityMode::kNone) {
    return;
  }
  write_key(w, "ConsumedCapacity");
  w.StartArray();
  for (const auto& table : tables) {
    write_units_entry(w, mode, table);
  }
  w.EndArray();
}

}  // namespace protocol::batch
