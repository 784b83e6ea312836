#include "storage/internal/table_codec.h"

#include "storage/internal/coding.h"

namespace storage {

namespace {

// Record layout version inside the catalog value; bump when fields change, and keep reading the
// older versions. 1: the first layout. 2: each index also records its status. 3: Time to Live
// settings at the end. 4: the stream fields are the view type as a number and the latest stream
// (FORMAT.md).
constexpr uint8_t kTableRecordVersion = 4;
constexpr uint8_t kTtlRecordVersion = 3;
constexpr uint8_t kStreamRecordVersion = 4;
constexpr uint8_t kFirstRecordVersion = 1;

using coding::get_list;
using coding::get_signed;
using coding::get_string;
using coding::get_varint;
using coding::put_bytes;
using coding::put_signed;
using coding::put_varint;

void put_throughput(std::string& out, const Throughput& t) {
  put_signed(out, t.read_units);
  put_signed(out, t.write_units);
  put_signed(out, t.last_increase_ms);
  put_signed(out, t.last_decrease_ms);
  put_signed(out, t.decreases_today);
}

bool get_throughput(std::string_view& in, Throughput& t) {
  return get_signed(in, t.read_units) && get_signed(in, t.write_units) &&
         get_signed(in, t.last_increase_ms) && get_signed(in, t.last_decrease_ms) &&
         get_signed(in, t.decreases_today);
}

bool get_byte(std::string_view& in, uint8_t& value) {
  uint64_t raw = 0;
  if (!get_varint(in, raw) || raw > 255) {
    return false;
  }
  value = static_cast<uint8_t>(raw);
  return true;
}

template <typename Enum>
bool get_enum(std::string_view& in, Enum& value) {
  uint8_t raw = 0;
  if (!get_byte(in, raw)) {
    return false;
  }
  value = static_cast<Enum>(raw);
  return true;
}

void put_index(std::string& out, const IndexDefinition& index) {
  put_bytes(out, index.name);
  put_varint(out, index.global ? 1 : 0);
  put_varint(out, index.index_id);
  put_key_schema(out, index.key_schema);
  put_varint(out, static_cast<uint8_t>(index.projection.type));
  put_varint(out, index.projection.non_key_attributes.size());
  for (const auto& name : index.projection.non_key_attributes) {
    put_bytes(out, name);
  }
  put_varint(out, index.throughput ? 1 : 0);
  if (index.throughput) {
    put_throughput(out, *index.throughput);
  }
  put_varint(out, static_cast<uint8_t>(index.status));
  put_signed(out, index.status_settles_ms);
}

// Version 1 records have no index status: their indexes are ACTIVE.
bool get_index_status(std::string_view& in, uint8_t version, IndexDefinition& index) {
  if (version == kFirstRecordVersion) {
    index.status = IndexStatus::kActive;
    return true;
  }
  return get_enum(in, index.status) && get_signed(in, index.status_settles_ms);
}

bool get_index(std::string_view& in, uint8_t version, IndexDefinition& index) {
  uint64_t global = 0;
  uint64_t id = 0;
  if (!get_string(in, index.name) || !get_varint(in, global) || !get_varint(in, id) ||
      !get_key_schema(in, index.key_schema) || !get_enum(in, index.projection.type) ||
      !get_list(in, index.projection.non_key_attributes, get_string)) {
    return false;
  }
  index.global = global != 0;
  index.index_id = static_cast<uint32_t>(id);
  uint64_t has_throughput = 0;
  if (!get_varint(in, has_throughput)) {
    return false;
  }
  if (has_throughput != 0) {
    index.throughput.emplace();
    if (!get_throughput(in, *index.throughput)) {
      return false;
    }
  }
  return get_index_status(in, version, index);
}

void put_indexes(std::string& out, const std::vector<IndexDefinition>& indexes) {
  put_varint(out, indexes.size());
  for (const auto& index : indexes) {
    put_index(out, index);
  }
}

bool get_indexes(std::string_view& in, uint8_t version, std::vector<IndexDefinition>& indexes) {
  return get_list(in, indexes, [version](std::string_view& bytes, IndexDefinition& index) {
    return get_index(bytes, version, index);
  });
}

// Before version 4 a table recorded only the StreamSpecification it was created with (a flag and
// the view type's name) and never had a stream: it reads as a table without one.
bool get_stream(std::string_view& in, uint8_t version, TableInfo& t) {
  uint64_t enabled = 0;
  if (!get_varint(in, enabled)) {
    return false;
  }
  if (version < kStreamRecordVersion) {
    std::string ignored_view_type;
    t.stream_enabled = false;
    t.stream_view_type = StreamViewType::kKeysOnly;
    t.latest_stream_id = 0;
    t.latest_stream_created_ms = 0;
    return get_string(in, ignored_view_type);
  }
  uint64_t stream_id = 0;
  t.stream_enabled = enabled != 0;
  if (!get_enum(in, t.stream_view_type) || !get_varint(in, stream_id) || stream_id > UINT32_MAX ||
      !get_signed(in, t.latest_stream_created_ms)) {
    return false;
  }
  t.latest_stream_id = static_cast<uint32_t>(stream_id);
  return true;
}

// Records before version 3 have no Time to Live settings: TTL is disabled.
bool get_ttl(std::string_view& in, uint8_t version, TimeToLive& ttl) {
  if (version < kTtlRecordVersion) {
    ttl = TimeToLive{};
    return true;
  }
  uint64_t enabled = 0;
  return get_varint(in, enabled) && (ttl.enabled = enabled != 0, true) &&
         get_string(in, ttl.attribute) && get_signed(in, ttl.changed_ms) &&
         get_signed(in, ttl.settles_ms);
}

void put_header(std::string& out, const TableInfo& t) {
  out.push_back(static_cast<char>(kTableRecordVersion));
  put_varint(out, t.id);
  put_bytes(out, t.name);
  put_bytes(out, t.table_uuid);
  put_varint(out, t.attribute_definitions.size());
  for (const auto& def : t.attribute_definitions) {
    put_bytes(out, def.name);
    put_varint(out, static_cast<uint8_t>(def.type));
  }
  put_key_schema(out, t.key_schema);
}

bool get_header(std::string_view& in, uint8_t& version, TableInfo& t) {
  if (in.empty()) {
    return false;
  }
  version = static_cast<uint8_t>(in.front());
  if (version < kFirstRecordVersion || version > kTableRecordVersion) {
    return false;
  }
  in.remove_prefix(1);
  uint64_t id = 0;
  auto get_definition = [](std::string_view& bytes, AttributeDefinition& def) {
    return get_string(bytes, def.name) && get_enum(bytes, def.type);
  };
  if (!get_varint(in, id) || !get_string(in, t.name) || !get_string(in, t.table_uuid) ||
      !get_list(in, t.attribute_definitions, get_definition)) {
    return false;
  }
  t.id = static_cast<uint32_t>(id);
  return get_key_schema(in, t.key_schema) && !t.key_schema.empty();
}

}  // namespace

void put_key_schema(std::string& out, const std::vector<KeySchemaElement>& keys) {
  put_varint(out, keys.size());
  for (const auto& key : keys) {
    put_bytes(out, key.name);
    put_varint(out, static_cast<uint8_t>(key.key_type));
  }
}

bool get_key_schema(std::string_view& in, std::vector<KeySchemaElement>& keys) {
  return get_list(in, keys, [](std::string_view& bytes, KeySchemaElement& key) {
    return get_string(bytes, key.name) && get_enum(bytes, key.key_type);
  });
}

std::string encode_table(const TableInfo& t) {
  std::string out;
  put_header(out, t);
  put_varint(out, static_cast<uint8_t>(t.billing_mode));
  put_throughput(out, t.throughput);
  put_signed(out, t.billing_mode_changed_ms);
  put_indexes(out, t.local_indexes);
  put_indexes(out, t.global_indexes);
  put_varint(out, t.tags.size());
  for (const auto& [key, value] : t.tags) {
    put_bytes(out, key);
    put_bytes(out, value);
  }
  put_varint(out, t.deletion_protection ? 1 : 0);
  put_varint(out, t.stream_enabled ? 1 : 0);
  put_varint(out, static_cast<uint8_t>(t.stream_view_type));
  put_varint(out, t.latest_stream_id);
  put_signed(out, t.latest_stream_created_ms);
  put_signed(out, t.created_ms);
  put_varint(out, static_cast<uint8_t>(t.status));
  put_signed(out, t.status_settles_ms);
  put_varint(out, t.ttl.enabled ? 1 : 0);
  put_bytes(out, t.ttl.attribute);
  put_signed(out, t.ttl.changed_ms);
  put_signed(out, t.ttl.settles_ms);
  return out;
}

bool decode_table(std::string_view in, TableInfo& t) {
  uint8_t version = 0;
  auto get_tag = [](std::string_view& bytes, std::pair<std::string, std::string>& tag) {
    return get_string(bytes, tag.first) && get_string(bytes, tag.second);
  };
  if (!get_header(in, version, t) || !get_enum(in, t.billing_mode) ||
      !get_throughput(in, t.throughput) || !get_signed(in, t.billing_mode_changed_ms) ||
      !get_indexes(in, version, t.local_indexes) || !get_indexes(in, version, t.global_indexes) ||
      !get_list(in, t.tags, get_tag)) {
    return false;
  }
  uint64_t protection = 0;
  return get_varint(in, protection) && (t.deletion_protection = protection != 0, true) &&
         get_stream(in, version, t) && get_signed(in, t.created_ms) && get_enum(in, t.status) &&
         get_signed(in, t.status_settles_ms) && get_ttl(in, version, t.ttl) && in.empty();
}

}  // namespace storage
