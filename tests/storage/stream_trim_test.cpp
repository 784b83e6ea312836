// DynamoDB Streams in storage, what time and other writers do to them: trimming by age (records,
// shards, disabled streams) on a moved clock, TTL deletes flagged, deleted tables keeping their
// streams, and data directories from before the `streams` database.

#include <catch2/catch.hpp>

#include <filesystem>

#include "storage/internal/key_codec.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/raw_reads.h"
#include "storage/internal/txn_handle.h"
#include "tests/storage/stream_fixture.h"

using namespace storage;
using namespace stream_fixture;
using store_fixture::eventually;
using store_fixture::write_sync;

namespace {

constexpr int64_t kRetentionMs = 10'000;

StreamSettings short_retention(uint64_t shard_max_records = 0) {
  StreamSettings settings;
  settings.retention_ms = kRetentionMs;
  settings.shard_max_records = shard_max_records;
  return settings;
}

std::vector<uint32_t> shard_indexes(const StreamInfo& stream) {
  std::vector<uint32_t> out;
  for (const auto& shard : stream.shards) {
    out.push_back(shard.index);
  }
  return out;
}

bool table_items_gone(Store& store, uint32_t table_id) {
  std::string lower;
  std::string upper;
  key_codec::append_id(lower, table_id);
  key_codec::append_id(upper, table_id + 1);
  bool empty = true;
  store.read([&](ReadTxn& txn) {
    raw_reads::items(txn.handle(), lower, upper, false, [&](std::string_view, Item&) {
      empty = false;
      return false;
    });
  });
  return empty;
}

}  // namespace

TEST_CASE("trimming removes records past the retention, then the shards they leave empty") {
  StreamStore s(short_retention(2));
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  for (int i = 1; i <= 5; ++i) {
    s.put(item("old", i, "x"));  // shards [1,2] [3,4], and 5 in the open one, all at t0
  }
  s.clock().advance(5000);
  for (int i = 6; i <= 8; ++i) {
    s.put(item("new", i, "x"));  // 6 joins [5,6], which closes at 7: [7,8] open
  }
  REQUIRE(shard_indexes(*s.stream(id)) == std::vector<uint32_t>{0, 1, 2, 3});

  s.clock().advance(kRetentionMs - 5000 + 1);  // t0 is now past the retention, t0 + 5000 not
  REQUIRE(eventually([&] { return s.stream(id)->trim_seq == 6; }));
  CHECK(seqs(s.records(id)) == std::vector<uint64_t>{6, 7, 8});
  // [1,2] and [3,4] closed at t0 and hold nothing left; [5,6] still holds 6.
  CHECK(shard_indexes(*s.stream(id)) == std::vector<uint32_t>{2, 3});

  s.clock().advance(5000);  // everything is past the retention
  REQUIRE(eventually([&] { return s.records(id).empty(); }));
  REQUIRE(eventually([&] { return s.stream(id)->shards.size() == 1; }));
  StreamInfo stream = *s.stream(id);
  CHECK(stream.trim_seq == 9);
  CHECK(stream.next_seq == 9);
  CHECK(stream.shards[0].index == 3);  // the open shard stays, whatever it holds
  CHECK(stream.enabled);

  s.reopen();  // the numbers go on where they were, with no record left to show it
  CHECK(s.stream(id)->next_seq == 9);
  s.put(item("later", 1, "x"));
  CHECK(seqs(s.records(id)) == std::vector<uint64_t>{9});
}

TEST_CASE("trim_streams works in bounded steps and says when it is done") {
  StreamStore s(short_retention(), std::chrono::hours(1));  // no background trimming
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  for (int i = 0; i < 5; ++i) {
    s.put(item("a", i, "x"));
  }
  int64_t later = kStartMs + kRetentionMs + 1;
  std::vector<bool> done;
  for (int step = 0; step < 3; ++step) {
    write_sync(s.store(), [&](WriteTxn& txn) {
      done.push_back(trim_streams(txn, later, s.options().streams, 2));
    });
  }
  CHECK(done == std::vector<bool>{false, false, true});
  CHECK(s.records(id).empty());
  CHECK(s.stream(id)->trim_seq == 6);
}

TEST_CASE("a stream disabled longer than the retention is deleted with its records") {
  StreamStore s(short_retention());
  uint32_t first = s.enable(StreamViewType::kKeysOnly);
  s.put(item("a", 1, "x"));
  s.put(item("a", 2, "x"));
  s.clock().advance(100);
  s.disable();
  uint32_t second = s.enable(StreamViewType::kKeysOnly);
  s.put(item("a", 3, "x"));

  s.clock().advance(kRetentionMs);  // disabled exactly the retention ago: still kept
  REQUIRE(eventually([&] { return s.records(first).empty(); }));  // its records are past it
  CHECK(s.stream(first));
  s.clock().advance(1);
  REQUIRE(eventually([&] { return !s.stream(first); }));
  CHECK(s.streams().size() == 1);
  CHECK(s.stream(second)->enabled);
}

TEST_CASE("a stream's records say which deletes the Time to Live sweeper made") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kOldImage);
  int64_t now_s = kStartMs / 1000;
  Item expiring = item("a", 1, "x");
  expiring["exp"] = N(std::to_string(now_s - 10));
  Item lasting = item("a", 2, "x");
  lasting["exp"] = N(std::to_string(now_s + 3600));
  write_sync(s.store(), [&](WriteTxn& txn) {  // one job: the sweeper comes after both
    txn.put_item(*s.table(), expiring, std::nullopt);
    txn.put_item(*s.table(), lasting, std::nullopt);
  });
  REQUIRE(eventually([&] { return s.records(id).size() == 3; }));
  s.del(key("a", 2));
  auto records = s.records(id);
  REQUIRE(records.size() == 4);
  CHECK(records[2].event == StreamEvent::kRemove);
  CHECK(records[2].ttl_delete);
  CHECK(*records[2].old_image == expiring);
  CHECK(records[3].event == StreamEvent::kRemove);
  CHECK_FALSE(records[3].ttl_delete);
}

TEST_CASE("deleting a table keeps its stream, and purging its items writes no record") {
  StreamStore s;
  uint32_t id = s.enable(StreamViewType::kNewAndOldImages);
  for (int i = 0; i < 5; ++i) {
    s.put(item("a", i, "x"));
  }
  TablePtr table = s.table();
  write_sync(s.store(), [&](WriteTxn& txn) {
    auto ghost = std::make_shared<TableInfo>(*table);
    ghost->status = TableStatus::kDeleting;
    txn.delete_table(ghost);
  });
  REQUIRE(eventually([&] { return table_items_gone(s.store(), table->id); }));
  CHECK(s.records(id).size() == 5);
  REQUIRE(s.stream(id));
  CHECK(s.stream(id)->enabled);  // protocol's DeleteTable disables it in the same job

  s.create_table();  // a new table of the same name has no stream until one is enabled
  s.put(item("a", 0, "x"));
  CHECK(s.records(id).size() == 5);
}

TEST_CASE("a data directory from before the streams database opens with it empty") {
  StreamStore s;
  s.put(item("a", 1, "x"));
  std::filesystem::path dir = s.options().data_dir;
  s.close();
  // What an older build left: no log (a directory written before the log opens as it is) and no
  // `streams` database.
  std::filesystem::remove(dir / "wal-0");
  std::filesystem::remove(dir / "wal-1");
  {
    lmdb::Env env;
    env.open(dir.string(), 1ull << 30, 8, 8);
    lmdb::Txn txn(env.get(), nullptr, 0);
    MDB_dbi streams = 0;
    REQUIRE(mdb_dbi_open(txn.get(), "streams", 0, &streams) == 0);
    REQUIRE(mdb_drop(txn.get(), streams, 1) == 0);
    txn.commit();
    lmdb::Txn check(env.get(), nullptr, MDB_RDONLY);
    REQUIRE(mdb_dbi_open(check.get(), "streams", 0, &streams) == MDB_NOTFOUND);
  }
  s.reopen();
  CHECK(s.streams().empty());
  uint32_t id = s.enable(StreamViewType::kKeysOnly);
  s.put(item("a", 2, "x"));
  CHECK(seqs(s.records(id)) == std::vector<uint64_t>{1});
}
