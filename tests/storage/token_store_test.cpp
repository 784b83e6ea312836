// Idempotency token records (FORMAT.md "Idempotency tokens"): their bytes, expiry, and the queue
// that removes expired ones a bounded number at a time, oldest first.

#include "storage/token_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/txn_handle.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

constexpr int64_t kStart = 1'000'000;
constexpr int64_t kLifetimeMs = 10 * 60 * 1000;

TokenFingerprint some_fingerprint(uint8_t seed) {
  TokenFingerprint f{};
  f.fill(seed);
  return f;
}

// Remembers `token` at `now_ms` for kLifetimeMs, as TransactWriteItems does.
void remember(WriteTxn& txn, const std::string& token, uint8_t seed, int64_t now_ms) {
  remember_token(txn, token, {some_fingerprint(seed), now_ms + kLifetimeMs, {}});
}

// The raw `meta` value under `key`, or nullopt.
std::optional<std::string> meta_value(Store& store, const std::string& key) {
  std::optional<std::string> found;
  write_sync(store, [&](WriteTxn& txn) {
    std::string_view value;
    if (lmdb::get(txn.handle().txn, txn.handle().dbs.meta, key, value)) {
      found = std::string(value);
    }
  });
  return found;
}

void put_meta(Store& store, const std::string& key, const std::string& value) {
  write_sync(store, [&](WriteTxn& txn) {
    lmdb::put(txn.handle().txn, txn.handle().dbs.meta, key, value);
  });
}

std::string record_key(const std::string& token) { return meta_keys::kTokenPrefix + token; }

// Whether the token's record is stored at all, expired or not.
bool has_record(Store& store, const std::string& token) {
  return meta_value(store, record_key(token)).has_value();
}

std::string u64_be(uint64_t value) {
  std::string out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>(value >> shift));
  }
  return out;
}

}  // namespace

TEST_CASE("token records keep FORMAT.md's layout and round-trip", "[token_store]") {
  TempDir dir;
  Store store({dir.path});
  const TokenRecord record{some_fingerprint(0xAB), 0x0102, {0, 300, 400 * 1024, 1ull << 40}};
  write_sync(store, [&](WriteTxn& txn) { remember_token(txn, "tok", record); });
  // Version 1, expiry, queue sequence 0, fingerprint, then the sizes as varints.
  std::string expected = "\x01" + u64_be(0x0102) + u64_be(0) + std::string(32, '\xAB');
  expected += std::string("\x04\x00\xAC\x02\x80\x80\x19\x80\x80\x80\x80\x80\x20", 13);
  CHECK(meta_value(store, "itok") == expected);
  CHECK(meta_value(store, "I" + u64_be(0)) == "tok");      // the queue entry
  CHECK(meta_value(store, "I") == u64_be(0) + u64_be(1));  // its bounds: head 0, tail 1
  write_sync(store, [&](WriteTxn& txn) {
    auto found = find_token(txn, "tok", 0);
    REQUIRE(found);
    CHECK(found->fingerprint == record.fingerprint);
    CHECK(found->expires_ms == record.expires_ms);
    CHECK(found->image_bytes == record.image_bytes);
  });
}

TEST_CASE("malformed token records are corruption, never misread", "[token_store]") {
  TempDir dir;
  Store store({dir.path});
  write_sync(store, [&](WriteTxn& txn) {
    remember_token(txn, "tok", {some_fingerprint(7), 5, {10, 20}});
  });
  const std::string bytes = *meta_value(store, "itok");
  auto refused = [&](const std::string& stored) {
    put_meta(store, "itok", stored);
    bool threw = false;
    write_sync(store, [&](WriteTxn& txn) {
      try {
        find_token(txn, "tok", 0);
      } catch (const StorageError&) {
        threw = true;
      }
    });
    return threw;
  };
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CHECK(refused(bytes.substr(0, cut)));
  }
  CHECK(refused(bytes + "x"));
  std::string other_version = bytes;
  other_version[0] = 2;
  CHECK(refused(other_version));
  std::string huge_count = bytes.substr(0, bytes.size() - 2);  // without its two sizes
  huge_count.back() = static_cast<char>(0x7f);                 // claims 127 sizes, holds none
  CHECK(refused(huge_count));
  CHECK_FALSE(refused(bytes));
}

TEST_CASE("a token is found until it expires, and a missing one is not", "[token_store]") {
  TempDir dir;
  Store store({dir.path});
  write_sync(store, [](WriteTxn& txn) {
    remember_token(txn, "tok", {some_fingerprint(3), kStart, {10, 20}});
  });
  write_sync(store, [](WriteTxn& txn) {
    auto found = find_token(txn, "tok", kStart - 1);
    REQUIRE(found);
    CHECK(found->fingerprint == some_fingerprint(3));
    CHECK(found->expires_ms == kStart);
    CHECK(found->image_bytes == std::vector<uint64_t>{10, 20});
    CHECK_FALSE(find_token(txn, "tok", kStart));
    CHECK_FALSE(find_token(txn, "other", 0));
  });
  CHECK(has_record(store, "tok"));  // expired is not removed: only the queue removes records
}

TEST_CASE("expired tokens are forgotten oldest first, a bounded number per call", "[token_store]") {
  TempDir dir;
  Store store({dir.path});
  write_sync(store, [](WriteTxn& txn) {
    for (int i = 0; i < 5; ++i) {
      remember(txn, "t" + std::to_string(i), 1, kStart + i);
    }
  });
  // Only t0..t2 have expired; a limit of 2 removes t0 and t1.
  write_sync(store, [](WriteTxn& txn) { forget_expired_tokens(txn, kStart + 2 + kLifetimeMs, 2); });
  CHECK_FALSE(has_record(store, "t0"));
  CHECK_FALSE(has_record(store, "t1"));
  CHECK(has_record(store, "t2"));
  // The next sweep stops at the first live token.
  write_sync(store,
             [](WriteTxn& txn) { forget_expired_tokens(txn, kStart + 2 + kLifetimeMs, 100); });
  CHECK_FALSE(has_record(store, "t2"));
  CHECK(has_record(store, "t3"));
  CHECK(has_record(store, "t4"));
}

TEST_CASE("a token used again after expiry keeps its new record when the old entry is swept",
          "[token_store]") {
  TempDir dir;
  Store store({dir.path});
  const int64_t later = kStart + kLifetimeMs + 5;
  write_sync(store, [&](WriteTxn& txn) { remember(txn, "again", 1, kStart); });
  write_sync(store, [&](WriteTxn& txn) {
    CHECK_FALSE(find_token(txn, "again", later));
    remember(txn, "again", 2, later);
  });
  write_sync(store, [&](WriteTxn& txn) { forget_expired_tokens(txn, later + 1, 100); });
  write_sync(store, [&](WriteTxn& txn) {
    auto found = find_token(txn, "again", later + 1);
    REQUIRE(found);
    CHECK(found->fingerprint == some_fingerprint(2));
  });
  write_sync(store, [&](WriteTxn& txn) { forget_expired_tokens(txn, later + kLifetimeMs, 100); });
  CHECK_FALSE(has_record(store, "again"));
}
