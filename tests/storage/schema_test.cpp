#include <catch2/catch.hpp>

#include "storage/internal/table_codec.h"
#include "storage/schema.h"

using namespace storage;

namespace {

TableInfo sample_table() {
  TableInfo t;
  t.id = 7;
  t.name = "orders";
  t.table_uuid = "0b1f2c3d-0000-1111-2222-333344445555";
  t.attribute_definitions = {
      {"pk", ValueType::kString}, {"sk", ValueType::kNumber}, {"g", ValueType::kBinary}};
  t.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  t.billing_mode = BillingMode::kProvisioned;
  t.throughput = {5, 7, 1000, 2000, 1};
  IndexDefinition gsi;
  gsi.name = "by_g";
  gsi.global = true;
  gsi.index_id = 9;
  gsi.key_schema = {{"g", KeyType::kHash}};
  gsi.projection = {ProjectionType::kInclude, {"a", "b"}};
  gsi.throughput = Throughput{1, 2, 0, 0, 0};
  t.global_indexes.push_back(gsi);
  t.tags = {{"env", "test"}};
  t.deletion_protection = true;
  t.stream_enabled = true;
  t.stream_view_type = StreamViewType::kNewImage;
  t.latest_stream_id = 12;
  t.latest_stream_created_ms = 1700000000100;
  t.created_ms = 1700000000123;
  t.status = TableStatus::kUpdating;
  t.status_settles_ms = 1700000000200;
  return t;
}

}  // namespace

TEST_CASE("table records round trip through the catalog encoding") {
  TableInfo t = sample_table();
  TableInfo back;
  REQUIRE(decode_table(encode_table(t), back));
  CHECK(back.id == 7);
  CHECK(back.name == "orders");
  CHECK(back.table_uuid == t.table_uuid);
  REQUIRE(back.attribute_definitions.size() == 3);
  CHECK(back.attribute_definitions[2].type == ValueType::kBinary);
  REQUIRE(back.key_schema.size() == 2);
  CHECK(*back.sort_key() == "sk");
  CHECK(back.throughput.write_units == 7);
  CHECK(back.throughput.decreases_today == 1);
  REQUIRE(back.global_indexes.size() == 1);
  CHECK(back.global_indexes[0].projection.non_key_attributes == std::vector<std::string>{"a", "b"});
  CHECK(back.global_indexes[0].throughput->write_units == 2);
  CHECK(back.tags == t.tags);
  CHECK(back.deletion_protection);
  CHECK(back.stream_enabled);
  CHECK(back.stream_view_type == StreamViewType::kNewImage);
  CHECK(back.latest_stream_id == 12);
  CHECK(back.latest_stream_created_ms == 1700000000100);
  CHECK(back.status == TableStatus::kUpdating);
  CHECK(back.status_settles_ms == 1700000000200);
}

TEST_CASE("truncated or extended table records are rejected") {
  std::string bytes = encode_table(sample_table());
  TableInfo out;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CHECK_FALSE(decode_table(std::string_view(bytes).substr(0, cut), out));
  }
  CHECK_FALSE(decode_table(bytes + "x", out));
}

TEST_CASE("transient statuses settle by time") {
  TableInfo t = sample_table();
  t.status = TableStatus::kCreating;
  t.status_settles_ms = 100;
  CHECK(t.status_at(99) == TableStatus::kCreating);
  CHECK(t.status_at(100) == TableStatus::kActive);
  t.status = TableStatus::kDeleting;
  CHECK(t.status_at(1000) == TableStatus::kDeleting);
  t.status = TableStatus::kUpdating;
  CHECK(t.status_at(50) == TableStatus::kUpdating);
  CHECK(t.status_at(150) == TableStatus::kActive);
}

TEST_CASE("index statuses round trip; records of version 1 are still read") {
  TableInfo t = sample_table();
  t.global_indexes[0].status = IndexStatus::kCreating;
  IndexDefinition updating = t.global_indexes[0];
  updating.name = "by_g2";
  updating.status = IndexStatus::kUpdating;
  updating.status_settles_ms = 1234;
  t.global_indexes.push_back(updating);
  TableInfo back;
  REQUIRE(decode_table(encode_table(t), back));
  CHECK(back.global_indexes[0].backfilling());
  CHECK(back.global_indexes[1].status_at(1233) == IndexStatus::kUpdating);
  CHECK(back.global_indexes[1].status_at(1234) == IndexStatus::kActive);
  CHECK(back.global_indexes[1].hash_keys() == std::vector<std::string>{"g"});
  CHECK(back.status_at(1700000000300) == TableStatus::kUpdating);  // an index is being built
  CHECK(back.find_index("by_g2") == &back.global_indexes[1]);

  TableInfo plain = sample_table();
  plain.global_indexes.clear();
  plain.stream_enabled = false;
  plain.stream_view_type = StreamViewType::kKeysOnly;
  plain.latest_stream_id = 0;
  plain.latest_stream_created_ms = 0;
  std::string v1 = encode_table(plain);
  // Version 4 writes the stream as [enabled][view type][stream id][label] (here 00 01 00 00) after
  // the tags and deletion protection; versions 1-3 wrote [enabled][view type name] (00 00).
  const size_t stream_at = v1.find("test") + 4 + 1;
  REQUIRE(v1.compare(stream_at, 4, std::string("\x00\x01\x00\x00", 4)) == 0);
  v1.replace(stream_at, 4, std::string("\x00\x00", 2));
  v1.resize(v1.size() - 4);  // a disabled, never set TTL takes 4 bytes at the end (version 3)
  v1[0] = 1;                 // without indexes, version 1 and 2 lay a record out alike
  REQUIRE(decode_table(v1, back));
  CHECK(back.name == "orders");
  CHECK_FALSE(back.ttl.enabled);
  CHECK_FALSE(back.stream_enabled);
  CHECK(back.latest_stream_id == 0);
  v1[0] = 5;
  CHECK_FALSE(decode_table(v1, back));
}

TEST_CASE("Time to Live settings round trip and settle by time") {
  TableInfo t = sample_table();
  CHECK(t.ttl.status_at(0) == TtlStatus::kDisabled);
  t.ttl = {true, "expires", 1000, 1005};
  TableInfo back;
  REQUIRE(decode_table(encode_table(t), back));
  CHECK(back.ttl.enabled);
  CHECK(back.ttl.attribute == "expires");
  CHECK(back.ttl.changed_ms == 1000);
  CHECK(back.ttl.status_at(1004) == TtlStatus::kEnabling);
  CHECK(back.ttl.status_at(1005) == TtlStatus::kEnabled);
  back.ttl.enabled = false;
  CHECK(back.ttl.status_at(1004) == TtlStatus::kDisabling);
  CHECK(back.ttl.status_at(1005) == TtlStatus::kDisabled);
}
