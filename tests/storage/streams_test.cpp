// DynamoDB Streams in storage: the records every item write appends (events, images by view type,
// sizes, none for an unchanged put), sequence numbers across restarts and crashes, shard rollover
// and disable. Trimming, TTL deletes and old data directories: stream_trim_test.cpp.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "storage/internal/lmdb.h"
#include "storage/internal/txn_handle.h"
#include "storage/item_size.h"
#include "tests/storage/stream_fixture.h"

using namespace storage;
using namespace stream_fixture;
using store_fixture::write_sync;

namespace {

size_t raw_record_count(Store& store) {
  size_t count = 0;
  store.read([&](ReadTxn& txn) {
    lmdb::Cursor cursor(txn.handle().txn, txn.handle().dbs.streams);
    for (bool ok = cursor.seek(std::string(1, '\0')); ok; ok = cursor.next()) {
      ++count;
    }
  });
  return count;
}

// Every shard's records, checking that the shards cover the stream's numbers [1, next_seq)
// exactly once, parent before child.
std::vector<std::vector<uint64_t>> records_by_shard(const StreamStore& s, uint32_t id) {
  StreamInfo stream = *s.stream(id);
  std::vector<std::vector<uint64_t>> out;
  uint64_t expected_first = stream.trim_seq;
  for (size_t i = 0; i < stream.shards.size(); ++i) {
    const StreamShard& shard = stream.shards[i];
    CHECK(shard.first_seq == expected_first);
    CHECK(shard.last_seq.has_value() == (i + 1 < stream.shards.size() || !stream.enabled));
    uint64_t last = shard.last_seq.value_or(UINT64_MAX);
    out.emplace_back();
    s.store().read([&](ReadTxn& txn) {
      read_stream_records(txn, id, shard.first_seq, last, [&](StreamRecord& record) {
        out.back().push_back(record.seq);
        return true;
      });
    });
    expected_first = shard.last_seq ? *shard.last_seq + 1 : stream.next_seq;
  }
  CHECK(expected_first == stream.next_seq);
  return out;
}

}  // namespace

TEST_CASE("each item write appends its record with the images its view type keeps") {
  auto view = GENERATE(StreamViewType::kKeysOnly, StreamViewType::kNewImage,
                       StreamViewType::kOldImage, StreamViewType::kNewAndOldImages);
  bool keeps_old = view == StreamViewType::kOldImage || view == StreamViewType::kNewAndOldImages;
  bool keeps_new = view == StreamViewType::kNewImage || view == StreamViewType::kNewAndOldImages;
  StreamStore s;
  uint32_t id = s.enable(view);
  Item first = item("a", 1, "one");
  Item second = item("a", 1, "two");
  s.put(first);
  s.clock().advance(5);
  s.put(second);
  s.del(key("a", 1));
  s.del(key("a", 1));  // nothing to delete: no record
  auto records = s.records(id);
  REQUIRE(records.size() == 3);
  CHECK(seqs(records) == std::vector<uint64_t>{1, 2, 3});

  const Item keys = key("a", 1);
  auto expect = [&](const StreamRecord& r, StreamEvent event, const Item* old, const Item* now) {
    CHECK(r.event == event);
    CHECK(r.keys == keys);
    CHECK_FALSE(r.ttl_delete);
    const Item* kept_old = keeps_old ? old : nullptr;
    const Item* kept_new = keeps_new ? now : nullptr;
    CHECK(r.old_image.has_value() == (kept_old != nullptr));
    CHECK(r.new_image.has_value() == (kept_new != nullptr));
    if (kept_old && r.old_image) {
      CHECK(*r.old_image == *kept_old);
    }
    if (kept_new && r.new_image) {
      CHECK(*r.new_image == *kept_new);
    }
    CHECK(r.size_bytes == item_size(keys) + (kept_old ? item_size(*kept_old) : 0) +
                              (kept_new ? item_size(*kept_new) : 0));
  };
  expect(records[0], StreamEvent::kInsert, nullptr, &first);
  expect(records[1], StreamEvent::kModify, &first, &second);
  expect(records[2], StreamEvent::kRemove, &second, nullptr);
  CHECK(records[0].created_ms == kStartMs);
  CHECK(records[1].created_ms == kStartMs + 5);
}

TEST_CASE("a put that changes nothing writes no record; set order is no change") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kNewAndOldImages);
  Item with_set = item("a", 1, "x");
  with_set["ss"] = AttributeValue::string_set({"p", "q"});
  s.put(with_set);
  s.put(with_set);
  with_set["ss"] = AttributeValue::string_set({"q", "p"});
  s.put(with_set);
  CHECK(s.records(id).size() == 1);
  with_set["ss"] = AttributeValue::string_set({"q", "p", "r"});
  s.put(with_set);
  auto records = s.records(id);
  REQUIRE(records.size() == 2);
  CHECK(records[1].event == StreamEvent::kModify);
}

TEST_CASE("a table without an enabled stream writes nothing to the streams database") {
  StreamStore s;
  s.put(item("a", 1, "x"));
  s.del(key("a", 1));
  CHECK(raw_record_count(s.store()) == 0);

  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  s.put(item("a", 1, "x"));
  s.disable();
  s.put(item("a", 2, "x"));
  CHECK(s.records(id).size() == 1);
  CHECK(raw_record_count(s.store()) == 1);

  // A stale table definition that still names the stream: the stream's own state decides.
  TablePtr stale = s.table();
  auto enabled = std::make_shared<TableInfo>(*stale);
  enabled->stream_enabled = true;
  write_sync(s.store(), [&](WriteTxn& txn) { txn.put_item(*enabled, item("a", 3, "x"), {}); });
  CHECK(raw_record_count(s.store()) == 1);
}

TEST_CASE("a failed write leaves no record, and records of several items share one job") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  CHECK_THROWS(write_sync(s.store(), [&](WriteTxn& txn) {
    txn.put_item(*s.table(), item("a", 1, "x"), std::nullopt);
    throw std::runtime_error("condition failed");
  }));
  write_sync(s.store(), [&](WriteTxn& txn) {  // a batch: several items in one job
    txn.put_item(*s.table(), item("b", 1, "x"), std::nullopt);
    txn.put_item(*s.table(), item("c", 1, "x"), std::nullopt);
  });
  auto records = s.records(id);
  REQUIRE(records.size() == 2);
  CHECK(seqs(records) == std::vector<uint64_t>{1, 2});
  CHECK(records[0].keys.at("pk").bytes == "b");
}

TEST_CASE("sequence numbers start at 1, grow by one, and survive a reopen") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  CHECK(s.stream(id)->next_seq == 1);
  for (int i = 0; i < 5; ++i) {
    s.put(item("a", i, "x"));
  }
  CHECK(s.stream(id)->next_seq == 6);
  s.reopen();
  CHECK(s.stream(id)->next_seq == 6);
  s.put(item("b", 0, "x"));
  CHECK(seqs(s.records(id)) == std::vector<uint64_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("sequence numbers survive a crash: the log replays records with their items") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kNewImage);
  s.put(item("before", 0, "x"));
  StoreOptions options = s.options();
  s.close();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // writes, then exits without closing: what kill -9 leaves
    Store store(options);
    TablePtr table = store.catalog().find("t");
    for (int i = 0; i < 20; ++i) {
      write_sync(store, [&](WriteTxn& txn) { txn.put_item(*table, item("c", i, "x"), {}); });
    }
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  s.reopen();
  auto records = s.records(id);
  REQUIRE(records.size() == 21);
  for (size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].seq == i + 1);
  }
  CHECK(records.back().new_image->at("sk") == N("19"));
  s.put(item("after", 0, "x"));
  CHECK(s.records(id).back().seq == 22);
}

TEST_CASE("a shard holding its most records closes and a child takes the next ones") {
  StreamSettings settings;
  settings.shard_max_records = 3;
  StreamStore s(settings);
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  for (int i = 0; i < 10; ++i) {
    s.put(item("a", i, "x"));
  }
  auto shards = records_by_shard(s, id);
  CHECK(shards == std::vector<std::vector<uint64_t>>{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10}});
  StreamInfo stream = *s.stream(id);
  for (size_t i = 0; i < stream.shards.size(); ++i) {
    CHECK(stream.shards[i].index == i);
  }
  CHECK(stream.shards[2].closed_ms == kStartMs);
  // Opened within one (fake, standing) millisecond, yet each later than its parent.
  for (size_t i = 1; i < stream.shards.size(); ++i) {
    CHECK(stream.shards[i].created_ms == stream.shards[i - 1].created_ms + 1);
  }
}

TEST_CASE("a shard older than its span closes at the next record; an empty one stays open") {
  StreamSettings settings;
  settings.shard_span_ms = 1000;
  StreamStore s(settings);
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  s.clock().advance(5000);   // the first shard is old, but empty: it takes the first record
  s.put(item("a", 1, "x"));  // seq 1 in shard 0
  s.put(item("a", 2, "x"));  // shard 0 is old and has a record: seq 2 opens shard 1
  s.clock().advance(999);
  s.put(item("a", 3, "x"));
  CHECK(s.stream(id)->shards.size() == 2);
  s.clock().advance(1);
  s.put(item("a", 4, "x"));  // shard 1 is 1000 ms old: seq 4 opens shard 2
  s.clock().advance(2000);   // no record: nothing rolls over until one comes
  CHECK(s.stream(id)->shards.size() == 3);
  s.put(item("a", 5, "x"));
  CHECK(records_by_shard(s, id) == std::vector<std::vector<uint64_t>>{{1}, {2, 3}, {4}, {5}});
  StreamInfo stream = *s.stream(id);
  CHECK(stream.shards[0].created_ms == kStartMs);
  CHECK(stream.shards[2].created_ms == kStartMs + 6000);
  CHECK(stream.shards[2].closed_ms == kStartMs + 8000);
}

TEST_CASE("disabling a stream closes its open shard, empty or not") {
  StreamSettings settings;
  settings.shard_max_records = 2;
  StreamStore s(settings);
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  s.put(item("a", 1, "x"));
  s.put(item("a", 2, "x"));
  s.put(item("a", 3, "x"));
  s.clock().advance(10);
  s.disable();
  StreamInfo stream = *s.stream(id);
  CHECK_FALSE(stream.enabled);
  CHECK(stream.disabled_ms == kStartMs + 10);
  REQUIRE(stream.shards.size() == 2);
  CHECK(stream.shards[1].last_seq == 3u);
  CHECK(stream.shards[1].closed_ms == kStartMs + 10);
  CHECK(records_by_shard(s, id) == std::vector<std::vector<uint64_t>>{{1, 2}, {3}});

  uint32_t empty = s.enable(StreamViewType::kKeysOnly);  // a new stream, nothing written
  s.disable();
  StreamInfo closed = *s.stream(empty);
  REQUIRE(closed.shards.size() == 1);
  CHECK(closed.shards[0].first_seq == 1);
  CHECK(closed.shards[0].last_seq == 0u);  // first_seq - 1: closed empty
  s.disable();                             // again: nothing changes
  CHECK(s.stream(empty)->disabled_ms == closed.disabled_ms);
}

TEST_CASE("a new stream gets a new id, one open shard and a later label than the last") {
  StreamStore s;
  uint32_t first = s.enable(StreamViewType::kKeysOnly);
  s.disable();
  uint32_t second = s.enable(StreamViewType::kNewImage);  // the same millisecond
  CHECK(second > first);
  StreamInfo a = *s.stream(first);
  StreamInfo b = *s.stream(second);
  CHECK(a.created_ms == kStartMs);
  CHECK(b.created_ms == kStartMs + 1);
  CHECK(b.table_name == "t");
  CHECK(b.table_id == s.table()->id);
  CHECK(b.view_type == StreamViewType::kNewImage);
  CHECK(b.key_schema.size() == 2);
  REQUIRE(b.shards.size() == 1);
  CHECK(b.shards[0].first_seq == 1);
  CHECK_FALSE(b.shards[0].last_seq);
  auto all = s.streams();
  REQUIRE(all.size() == 2);
  CHECK(all[0].stream_id == first);
  CHECK(s.table()->latest_stream_id == second);
}
