#include <catch2/catch.hpp>

#include "storage/internal/stream_codec.h"

using namespace storage;

namespace {

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }

StreamInfo sample_stream() {
  StreamInfo stream;
  stream.stream_id = 7;
  stream.table_id = 3;
  stream.table_name = "orders";
  stream.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  stream.created_ms = 1'700'000'000'123;
  stream.view_type = StreamViewType::kNewAndOldImages;
  stream.enabled = false;
  stream.disabled_ms = 1'700'000'009'000;
  stream.trim_seq = 4;
  stream.shards = {{0, 1'700'000'000'123, 1, 5, 1'700'000'001'000},
                   {1, 1'700'000'001'000, 6, 5, 1'700'000'009'000},  // closed empty
                   {2, 1'700'000'009'000, 6, std::nullopt, 0}};
  return stream;
}

}  // namespace

TEST_CASE("record keys order a stream's records by sequence number") {
  std::string key = stream_codec::record_key(0x01020304, 0x05);
  CHECK(key == std::string("\x01\x02\x03\x04\0\0\0\0\0\0\0\x05", 12));
  CHECK(stream_codec::record_key(1, 255) < stream_codec::record_key(1, 256));
  CHECK(stream_codec::record_key(1, UINT64_MAX) < stream_codec::record_key(2, 0));
  uint64_t seq = 0;
  CHECK(stream_codec::record_seq(key, 0x01020304, seq));
  CHECK(seq == 5);
  CHECK_FALSE(stream_codec::record_seq(key, 0x01020305, seq));
  CHECK_FALSE(stream_codec::record_seq(key.substr(0, 11), 0x01020304, seq));
}

TEST_CASE("a stream record round-trips with and without images") {
  Item keys{{"pk", S("a")}};
  Item old_image{{"pk", S("a")}, {"v", S("old")}};
  Item new_image{{"pk", S("a")}, {"v", S("new")}};
  for (int images = 0; images < 4; ++images) {
    stream_codec::RecordParts parts;
    parts.event = StreamEvent::kModify;
    parts.created_ms = 1'700'000'000'123;
    parts.ttl_delete = images == 1;
    parts.keys = &keys;
    parts.old_image = (images & 1) ? &old_image : nullptr;
    parts.new_image = (images & 2) ? &new_image : nullptr;
    parts.size_bytes = 42;
    std::string bytes;
    stream_codec::encode_record(parts, bytes);
    StreamRecord record;
    record.old_image = Item{};  // decoding replaces what the record held
    REQUIRE(stream_codec::decode_record(bytes, record));
    CHECK(record.event == StreamEvent::kModify);
    CHECK(record.created_ms == parts.created_ms);
    CHECK(record.ttl_delete == parts.ttl_delete);
    CHECK(record.keys == keys);
    CHECK(record.old_image.has_value() == (parts.old_image != nullptr));
    CHECK(record.new_image.has_value() == (parts.new_image != nullptr));
    if (record.new_image) {
      CHECK(*record.new_image == new_image);
    }
    CHECK(record.size_bytes == 42);
    int64_t created = 0;
    CHECK(stream_codec::record_created_ms(bytes, created));
    CHECK(created == parts.created_ms);
    // Every truncation and a trailing byte are refused.
    for (size_t size = 0; size < bytes.size(); ++size) {
      CHECK_FALSE(stream_codec::decode_record(bytes.substr(0, size), record));
    }
    CHECK_FALSE(stream_codec::decode_record(bytes + "x", record));
  }
}

TEST_CASE("a stream record with an unknown version, event or flag is refused") {
  Item keys{{"pk", S("a")}};
  stream_codec::RecordParts parts;
  parts.keys = &keys;
  std::string bytes;
  stream_codec::encode_record(parts, bytes);
  StreamRecord record;
  REQUIRE(stream_codec::decode_record(bytes, record));
  for (auto [offset, value] : {std::pair{0, 2}, {1, 0}, {1, 4}, {2, 0x08}}) {
    std::string bad = bytes;
    bad[offset] = static_cast<char>(value);
    CHECK_FALSE(stream_codec::decode_record(bad, record));
  }
}

TEST_CASE("a stream definition round-trips; bad bytes are refused") {
  StreamInfo stream = sample_stream();
  std::string bytes = stream_codec::encode_stream(stream);
  StreamInfo decoded;
  REQUIRE(stream_codec::decode_stream(bytes, decoded));
  CHECK(decoded.stream_id == 7);
  CHECK(decoded.table_id == 3);
  CHECK(decoded.table_name == "orders");
  CHECK(decoded.key_schema.size() == 2);
  CHECK(decoded.key_schema[1].key_type == KeyType::kRange);
  CHECK(decoded.created_ms == stream.created_ms);
  CHECK(decoded.view_type == StreamViewType::kNewAndOldImages);
  CHECK_FALSE(decoded.enabled);
  CHECK(decoded.disabled_ms == stream.disabled_ms);
  CHECK(decoded.trim_seq == 4);
  REQUIRE(decoded.shards.size() == 3);
  CHECK(decoded.shards[0].last_seq == 5u);
  CHECK(decoded.shards[1].first_seq == 6);
  CHECK(decoded.shards[1].last_seq == 5u);
  CHECK(decoded.shards[1].closed_ms == 1'700'000'009'000);
  CHECK_FALSE(decoded.shards[2].last_seq);
  CHECK(decoded.shards[2].index == 2);
  CHECK(stream_codec::encode_stream(decoded) == bytes);
  for (size_t size = 0; size < bytes.size(); ++size) {
    CHECK_FALSE(stream_codec::decode_stream(bytes.substr(0, size), decoded));
  }
  CHECK_FALSE(stream_codec::decode_stream(bytes + "x", decoded));
  std::string other_version = bytes;
  other_version[0] = 2;
  CHECK_FALSE(stream_codec::decode_stream(other_version, decoded));
}
