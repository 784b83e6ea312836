#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/internal/commit_log.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/wal.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;

namespace {

// A log and an LMDB environment in a fresh directory, and a CommitLog over them whose only
// timed work is the relaxed flush (the interval checkpoint is an hour away).
struct Fixture {
  TempDir dir;
  std::unique_ptr<wal::Log> log;
  lmdb::Env env;
  MDB_dbi dbi = 0;
  std::unique_ptr<CommitLog> commits;

  explicit Fixture(Durability durability) {
    std::filesystem::create_directories(dir.path);
    log = std::make_unique<wal::Log>(dir.path);
    env.open(dir.path.string(), 1 << 20, 4, 16);
    lmdb::Txn txn(env.get(), nullptr, 0);
    REQUIRE(mdb_dbi_open(txn.get(), nullptr, 0, &dbi) == 0);
    txn.commit();
    log->begin_generation(0, 0);
    StoreOptions options{dir.path};
    options.durability = durability;
    options.checkpoint_interval = std::chrono::hours(1);
    commits = std::make_unique<CommitLog>(env, *log, options, 0, [] {});
    commits->start();
  }
  ~Fixture() { commits->close(); }

  void commit(const std::string& key, bool foreground = true) {
    lmdb::Txn txn(env.get(), nullptr, 0);
    lmdb::put(txn.get(), dbi, key, "v");
    commits->commit(txn, "journal of " + key, foreground);
  }

  std::vector<std::string> records() const {
    std::vector<std::string> seen;
    log->read_records({0, 0, log->epoch(), ""},
                      [&](uint64_t, std::string_view payload) { seen.emplace_back(payload); });
    return seen;
  }
};

bool far_off(CommitLog::TimePoint due) {
  return due > std::chrono::steady_clock::now() + std::chrono::minutes(1);
}

}  // namespace

TEST_CASE("every durability writes a commit's record to the log file before it returns") {
  Fixture fixture(GENERATE(Durability::kFull, Durability::kRelaxed, Durability::kNone));
  fixture.commit("a");
  fixture.commit("b", false);
  CHECK(fixture.records() == std::vector<std::string>{"journal of a", "journal of b"});
}

TEST_CASE("relaxed durability flushes the log within 5 ms of its oldest unflushed record") {
  Fixture fixture(Durability::kRelaxed);
  CHECK(far_off(fixture.commits->next_due()));
  auto before = std::chrono::steady_clock::now();
  fixture.commit("a");
  auto due = fixture.commits->next_due();
  CHECK(due >= before + std::chrono::milliseconds(5));
  CHECK(due <= std::chrono::steady_clock::now() + std::chrono::milliseconds(5));
  fixture.commit("b");
  CHECK(fixture.commits->next_due() == due);  // counted from the oldest record
  fixture.commits->step(due - std::chrono::milliseconds(1));
  CHECK(fixture.commits->next_due() == due);
  fixture.commits->step(due);
  CHECK(far_off(fixture.commits->next_due()));
  CHECK_FALSE(fixture.commits->broken());
}

TEST_CASE("full and none durability set no flush timer") {
  Fixture fixture(GENERATE(Durability::kFull, Durability::kNone));
  fixture.commit("a");
  fixture.commit("b", false);
  CHECK(far_off(fixture.commits->next_due()));
}
