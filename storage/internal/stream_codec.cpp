#include "storage/internal/stream_codec.h"

#include "storage/internal/coding.h"
#include "storage/internal/item_codec.h"
#include "storage/internal/key_codec.h"
#include "storage/internal/table_codec.h"

namespace storage::stream_codec {

namespace {

// The layouts' own version bytes (FORMAT.md "Streams"); never reuse a number.
constexpr uint8_t kRecordVersion = 1;
constexpr uint8_t kStreamVersion = 1;

// Record flags (a bit set; never renumber).
constexpr uint8_t kTtlDelete = 0x01;
constexpr uint8_t kHasOldImage = 0x02;
constexpr uint8_t kHasNewImage = 0x04;
constexpr uint8_t kKnownFlags = kTtlDelete | kHasOldImage | kHasNewImage;

// version, event, flags, created ms (u64 BE): what record_created_ms reads without decoding more.
constexpr size_t kRecordHeaderBytes = 11;

using coding::get_signed;
using coding::get_varint;
using coding::put_signed;
using coding::put_varint;

void put_item(std::string& out, const Item& item, std::string& scratch) {
  scratch.clear();
  item_codec::encode(item, scratch);
  coding::put_bytes(out, scratch);
}

bool get_item(std::string_view& in, Item& item) {
  std::string_view bytes;
  return coding::get_bytes(in, bytes) && item_codec::decode(bytes, item);
}

// Reads an optional image that `present` says is there, into `image` (reset when absent).
bool get_image(std::string_view& in, bool present, std::optional<Item>& image) {
  if (!present) {
    image.reset();
    return true;
  }
  if (!image) {
    image.emplace();
  }
  return get_item(in, *image);
}

bool get_small(std::string_view& in, uint8_t low, uint8_t high, uint8_t& value) {
  uint64_t raw = 0;
  if (!get_varint(in, raw) || raw < low || raw > high) {
    return false;
  }
  value = static_cast<uint8_t>(raw);
  return true;
}

void put_shard(std::string& out, const StreamShard& shard) {
  put_varint(out, shard.index);
  put_signed(out, shard.created_ms);
  put_varint(out, shard.first_seq);
  put_varint(out, shard.last_seq ? 1 : 0);
  if (shard.last_seq) {
    put_varint(out, *shard.last_seq);
    put_signed(out, shard.closed_ms);
  }
}

bool get_shard(std::string_view& in, StreamShard& shard) {
  uint64_t index = 0;
  uint8_t closed = 0;
  if (!get_varint(in, index) || index > UINT32_MAX || !get_signed(in, shard.created_ms) ||
      !get_varint(in, shard.first_seq) || shard.first_seq == 0 || !get_small(in, 0, 1, closed)) {
    return false;
  }
  shard.index = static_cast<uint32_t>(index);
  shard.last_seq.reset();
  shard.closed_ms = 0;
  if (closed == 0) {
    return true;
  }
  uint64_t last = 0;
  // A closed shard ends at or after first_seq - 1 (first_seq - 1: it closed empty).
  if (!get_varint(in, last) || last + 1 < shard.first_seq || !get_signed(in, shard.closed_ms)) {
    return false;
  }
  shard.last_seq = last;
  return true;
}

}  // namespace

std::string stream_prefix(uint32_t stream_id) {
  std::string key;
  key_codec::append_id(key, stream_id);
  return key;
}

std::string record_key(uint32_t stream_id, uint64_t seq) {
  std::string key = stream_prefix(stream_id);
  coding::put_fixed64_be(key, seq);
  return key;
}

bool record_seq(std::string_view key, uint32_t stream_id, uint64_t& seq) {
  uint32_t id = 0;
  return key.size() == kRecordKeyBytes && coding::get_fixed32_be(key, id) && id == stream_id &&
         coding::get_fixed64_be(key, seq);
}

void encode_record(const RecordParts& parts, std::string& out) {
  uint8_t flags = (parts.ttl_delete ? kTtlDelete : 0) | (parts.old_image ? kHasOldImage : 0) |
                  (parts.new_image ? kHasNewImage : 0);
  out.push_back(static_cast<char>(kRecordVersion));
  out.push_back(static_cast<char>(parts.event));
  out.push_back(static_cast<char>(flags));
  coding::put_fixed64_be(out, static_cast<uint64_t>(parts.created_ms));
  put_varint(out, parts.size_bytes);
  std::string scratch;
  put_item(out, *parts.keys, scratch);
  for (const Item* image : {parts.old_image, parts.new_image}) {
    if (image) {
      put_item(out, *image, scratch);
    }
  }
}

bool record_created_ms(std::string_view bytes, int64_t& created_ms) {
  uint64_t raw = 0;
  if (bytes.size() < kRecordHeaderBytes || static_cast<uint8_t>(bytes[0]) != kRecordVersion) {
    return false;
  }
  bytes.remove_prefix(3);
  coding::get_fixed64_be(bytes, raw);
  created_ms = static_cast<int64_t>(raw);
  return true;
}

bool decode_record(std::string_view in, StreamRecord& out) {
  if (!record_created_ms(in, out.created_ms)) {
    return false;
  }
  auto event = static_cast<uint8_t>(in[1]);
  auto flags = static_cast<uint8_t>(in[2]);
  if (event < static_cast<uint8_t>(StreamEvent::kInsert) ||
      event > static_cast<uint8_t>(StreamEvent::kRemove) || (flags & ~kKnownFlags) != 0) {
    return false;
  }
  out.event = static_cast<StreamEvent>(event);
  out.ttl_delete = (flags & kTtlDelete) != 0;
  in.remove_prefix(kRecordHeaderBytes);
  return get_varint(in, out.size_bytes) && get_item(in, out.keys) &&
         get_image(in, (flags & kHasOldImage) != 0, out.old_image) &&
         get_image(in, (flags & kHasNewImage) != 0, out.new_image) && in.empty();
}

std::string encode_stream(const StreamInfo& stream) {
  std::string out(1, static_cast<char>(kStreamVersion));
  put_varint(out, stream.stream_id);
  put_varint(out, stream.table_id);
  coding::put_bytes(out, stream.table_name);
  put_key_schema(out, stream.key_schema);
  put_signed(out, stream.created_ms);
  put_varint(out, static_cast<uint8_t>(stream.view_type));
  put_varint(out, stream.enabled ? 1 : 0);
  put_signed(out, stream.disabled_ms);
  put_varint(out, stream.trim_seq);
  put_varint(out, stream.shards.size());
  for (const auto& shard : stream.shards) {
    put_shard(out, shard);
  }
  return out;
}

bool decode_stream(std::string_view in, StreamInfo& out) {
  if (in.empty() || static_cast<uint8_t>(in[0]) != kStreamVersion) {
    return false;
  }
  in.remove_prefix(1);
  uint64_t stream_id = 0;
  uint64_t table_id = 0;
  uint8_t view_type = 0;
  uint8_t enabled = 0;
  bool ok = get_varint(in, stream_id) && stream_id <= UINT32_MAX && get_varint(in, table_id) &&
            table_id <= UINT32_MAX && coding::get_string(in, out.table_name) &&
            get_key_schema(in, out.key_schema) && get_signed(in, out.created_ms) &&
            get_small(in, 1, 4, view_type) && get_small(in, 0, 1, enabled) &&
            get_signed(in, out.disabled_ms) && get_varint(in, out.trim_seq) && out.trim_seq > 0 &&
            coding::get_list(in, out.shards, get_shard) && in.empty();
  out.stream_id = static_cast<uint32_t>(stream_id);
  out.table_id = static_cast<uint32_t>(table_id);
  out.view_type = static_cast<StreamViewType>(view_type);
  out.enabled = enabled != 0;
  return ok;
}

}  // namespace storage::stream_codec
