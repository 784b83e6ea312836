#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/internal/wal.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

// A crash is a child process that writes and then _exits without closing the store: no final
// checkpoint, LMDB as its unflushed commits left it (what kill -9 leaves).
using namespace storage;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

StoreOptions options_for(const TempDir& dir, Durability durability = Durability::kFull) {
  StoreOptions options{dir.path};
  options.checkpoint_commits = 5;  // many checkpoints and both log files within a test
  options.durability = durability;
  return options;
}

// Every mode writes a commit's record before acknowledging it, so a crash of the process (not of
// the machine) loses nothing in any of them.
Durability any_durability() {
  return GENERATE(Durability::kFull, Durability::kRelaxed, Durability::kNone);
}

Item item(int i) {
  return Item{{"pk", AttributeValue::string("k" + std::to_string(i))},
              {"v", AttributeValue::string(std::string(static_cast<size_t>(i % 300), 'v'))}};
}

// In a child: creates table "t" unless it exists, puts items [from, to), deletes every seventh
// one, and exits without closing anything.
void crash_after_writes(const StoreOptions& options, int from, int to) {
  store_fixture::run_in_child([&] {
    Store store(options);
    TablePtr table = store.catalog().find("t");
    if (!table) {
      write_sync(store, [&](WriteTxn& txn) {
        auto t = std::make_shared<TableInfo>();
        t->id = txn.allocate_table_id();
        t->name = "t";
        t->attribute_definitions = {{"pk", ValueType::kString}};
        t->key_schema = {{"pk", KeyType::kHash}};
        t->status = TableStatus::kActive;
        txn.save_table(t);
        table = t;
      });
    }
    for (int i = from; i < to; ++i) {
      write_sync(store, [&](WriteTxn& txn) {
        txn.put_item(*table, item(i), txn.get_item(*table, item(i)));
      });
      if (i % 7 == 0) {
        write_sync(store, [&](WriteTxn& txn) {
          if (auto old = txn.get_item(*table, item(i))) {
            txn.delete_item(*table, *old);
          }
        });
      }
    }
  });
}

void check_items(Store& store, int to) {
  TablePtr table = store.catalog().find("t");
  REQUIRE(table);
  int expected = 0;
  int wrong = 0;
  store.read([&](ReadTxn& txn) {
    for (int i = 0; i < to; ++i) {
      auto found = txn.get_item(*table, item(i));
      bool deleted = i % 7 == 0;
      expected += deleted ? 0 : 1;
      if (deleted ? found.has_value() : (!found || found->at("v").bytes != item(i).at("v").bytes)) {
        ++wrong;
      }
    }
  });
  CHECK(wrong == 0);
  CHECK(store.catalog().stats(table->id)->item_count == expected);
}

// What a power cut may leave: meta pages naming pages that never reached the disk.
void scramble_meta_pages(const TempDir& dir) {
  int fd = ::open((dir.path / "data.mdb").c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  std::string garbage(2 * 4096, '\x5a');
  REQUIRE(pwrite(fd, garbage.data(), garbage.size(), 0) == static_cast<ssize_t>(garbage.size()));
  ::close(fd);
}

}  // namespace

TEST_CASE("every acknowledged write survives a crash, through many checkpoints") {
  Durability durability = any_durability();
  TempDir dir;
  crash_after_writes(options_for(dir, durability), 0, 400);
  {
    Store store(options_for(dir, durability));
    check_items(store, 400);
  }
  SECTION("and a second crash after recovery") {
    crash_after_writes(options_for(dir, durability), 400, 600);
    Store store(options_for(dir, durability));
    check_items(store, 600);
  }
}

TEST_CASE("recovery puts back the checkpoint's meta pages, so a torn data file recovers") {
  Durability durability = any_durability();
  TempDir dir;
  crash_after_writes(options_for(dir, durability), 0, 300);
  scramble_meta_pages(dir);
  Store store(options_for(dir, durability));
  check_items(store, 300);
}

TEST_CASE("a clean close leaves nothing to replay and reopens as it was") {
  TempDir dir;
  crash_after_writes(options_for(dir), 0, 50);
  { Store store(options_for(dir)); }
  scramble_meta_pages(dir);  // the close's checkpoint holds the meta pages too
  Store store(options_for(dir));
  check_items(store, 50);
}

TEST_CASE("a data directory without a log (written before it existed) opens as it is") {
  TempDir dir;
  crash_after_writes(options_for(dir), 0, 60);
  { Store store(options_for(dir)); }
  std::filesystem::remove(dir.path / "wal-0");
  std::filesystem::remove(dir.path / "wal-1");
  Store store(options_for(dir));
  check_items(store, 60);
}

// Only the growth of LMDB's used pages can start a checkpoint here: the other triggers are out of
// reach. The generation in the newest header counts the checkpoints.
TEST_CASE("a growing data file starts checkpoints before the commit count does") {
  auto generation_after_crash = [](uint64_t growth_bytes) {
    TempDir dir;
    StoreOptions options{dir.path};
    options.checkpoint_commits = 1'000'000;
    options.checkpoint_log_bytes = 1ull << 40;
    options.checkpoint_interval = std::chrono::hours(1);
    options.checkpoint_growth_bytes = growth_bytes;
    crash_after_writes(options, 0, 300);
    uint64_t generation = 0;
    {
      wal::Log log(dir.path);
      auto newest = log.newest_checkpoint();
      REQUIRE(newest);
      generation = newest->generation;
    }
    Store store(options);
    check_items(store, 300);
    return generation;
  };
  uint64_t without_growth = generation_after_crash(1ull << 40);
  uint64_t with_growth = generation_after_crash(64 << 10);
  CHECK(without_growth <= 1);  // only the header written when the store opened
  CHECK(with_growth >= without_growth + 3);
}
