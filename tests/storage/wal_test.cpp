#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "storage/internal/lmdb.h"
#include "storage/internal/wal.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;

namespace {

std::vector<std::pair<uint64_t, std::string>> records_after(const wal::Log& log,
                                                            const wal::Checkpoint& checkpoint,
                                                            uint64_t* next = nullptr) {
  std::vector<std::pair<uint64_t, std::string>> seen;
  uint64_t after = log.read_records(checkpoint, [&](uint64_t seq, std::string_view payload) {
    seen.emplace_back(seq, std::string(payload));
  });
  if (next != nullptr) {
    *next = after;
  }
  return seen;
}

void overwrite(const std::filesystem::path& file, uint64_t offset, std::string_view bytes) {
  int fd = ::open(file.c_str(), O_WRONLY);
  REQUIRE(fd >= 0);
  REQUIRE(pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset)) ==
          static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

// Starts generation 0 of `log`: its header on disk, records numbered from 0.
void begin_first_generation(wal::Log& log) {
  log.write_checkpoint({0, 0, log.epoch(), "p"});
  log.begin_generation(0, 0);
}

}  // namespace

TEST_CASE("a checkpoint header round-trips and rejects damage") {
  wal::Checkpoint checkpoint{7, 1234, 99, std::string(8192, 'm')};
  std::string bytes = wal::encode_checkpoint(checkpoint);
  wal::Checkpoint decoded;
  REQUIRE(wal::decode_checkpoint(bytes, decoded));
  CHECK(decoded.generation == 7);
  CHECK(decoded.next_seq == 1234);
  CHECK(decoded.epoch == 99);
  CHECK(decoded.meta_pages == checkpoint.meta_pages);

  std::string flipped = bytes;
  flipped[100] ^= 1;
  CHECK_FALSE(wal::decode_checkpoint(flipped, decoded));
  CHECK_FALSE(wal::decode_checkpoint(bytes.substr(0, bytes.size() - 1), decoded));
  CHECK_FALSE(wal::decode_checkpoint(std::string(bytes.size(), '\0'), decoded));
}

TEST_CASE("records are read back in order, up to the first torn one") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  {
    wal::Log log(dir.path);
    CHECK_FALSE(log.newest_checkpoint());
    log.write_checkpoint({0, 10, log.epoch(), "pages"});
    log.begin_generation(0, 10);
    log.append("first");
    log.append(std::string(100000, 'b'));
    log.append("third");
    log.sync();
  }
  wal::Log log(dir.path);
  auto newest = log.newest_checkpoint();
  REQUIRE(newest);
  CHECK(newest->generation == 0);
  uint64_t next = 0;
  auto seen = records_after(log, *newest, &next);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0] == std::pair<uint64_t, std::string>{10, "first"});
  CHECK(seen[1].second.size() == 100000);
  CHECK(seen[2] == std::pair<uint64_t, std::string>{12, "third"});
  CHECK(next == 13);

  SECTION("a damaged record ends the log there") {
    overwrite(dir.path / "wal-0", wal::kRecordsStart + wal::kRecordHeaderBytes + 5 + 500, "X");
    seen = records_after(log, *newest, &next);
    REQUIRE(seen.size() == 1);
    CHECK(next == 11);
  }
  SECTION("a file cut short ends the log there") {
    std::filesystem::resize_file(dir.path / "wal-0", wal::kRecordsStart + 30);
    seen = records_after(log, *newest, &next);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].second == "first");
  }
}

TEST_CASE("a rewound record is replaced by the next append") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  wal::Log log(dir.path);
  begin_first_generation(log);
  log.append("kept");
  log.append("a long record whose transaction failed to commit");
  log.rewind();
  log.append("retried");
  log.sync();
  auto seen = records_after(log, *log.newest_checkpoint());
  REQUIRE(seen.size() == 2);
  CHECK(seen[1] == std::pair<uint64_t, std::string>{1, "retried"});
}

TEST_CASE("records written before the next checkpoint is on disk are found in the other file") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  wal::Log log(dir.path);
  log.write_checkpoint({4, 0, log.epoch(), "p4"});
  log.begin_generation(4, 0);
  log.append("zero");
  log.append("one");
  // Generation 5 starts (its records go to wal-1) but its header never reaches the disk.
  log.begin_generation(5, 2);
  log.append("two");
  log.sync();
  auto newest = log.newest_checkpoint();
  REQUIRE(newest);
  CHECK(newest->generation == 4);
  auto seen = records_after(log, *newest);
  REQUIRE(seen.size() == 3);
  CHECK(seen[2] == std::pair<uint64_t, std::string>{2, "two"});

  SECTION("once it is, recovery starts from it and ignores the older file") {
    log.write_checkpoint({5, 2, log.epoch(), "p5"});
    newest = log.newest_checkpoint();
    REQUIRE(newest);
    CHECK(newest->generation == 5);
    CHECK(newest->meta_pages == "p5");
    seen = records_after(log, *newest);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].second == "two");
  }
  SECTION("a torn newer header leaves the older one in charge") {
    log.write_checkpoint({5, 2, log.epoch(), "p5"});
    overwrite(dir.path / "wal-1", 20, "torn");
    newest = log.newest_checkpoint();
    REQUIRE(newest);
    CHECK(newest->generation == 4);
    CHECK(records_after(log, *newest).size() == 3);
  }
}

TEST_CASE("a rewound record is never replayed, even when the next records are in the other file") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  wal::Log log(dir.path);
  begin_first_generation(log);
  log.append("acknowledged");
  log.append("its commit failed");
  log.sync();
  log.rewind();
  log.begin_generation(1, 1);  // a checkpoint starts before anything overwrote it
  log.append("acknowledged later");
  log.sync();
  auto seen = records_after(log, *log.newest_checkpoint());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].second == "acknowledged");
  CHECK(seen[1] == std::pair<uint64_t, std::string>{1, "acknowledged later"});
}

TEST_CASE("records an earlier process left behind do not pass for this one's") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  {
    wal::Log earlier(dir.path);
    begin_first_generation(earlier);
    earlier.append("old-0");
    earlier.append("old-1");
    earlier.sync();
  }
  wal::Log log(dir.path);
  begin_first_generation(log);
  log.append("new-0");  // same size: "old-1" is exactly where record 1 would be
  log.sync();
  auto seen = records_after(log, *log.newest_checkpoint());
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].second == "new-0");
}

TEST_CASE("a second log on the same directory is refused") {
  TempDir dir;
  std::filesystem::create_directories(dir.path);
  wal::Log log(dir.path);
  CHECK_THROWS_AS(wal::Log(dir.path), StorageError);
}
