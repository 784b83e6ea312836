#include <catch2/catch.hpp>

#include "protocol/wire/json.h"
#include "protocol/transact/token.h"
#include "storage/meta_keys.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace protocol;
using namespace protocol::transact;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

Fingerprint fingerprint_of(const std::string& json) {
  JsonDocument doc;
  parse_request(json, doc);
  return fingerprint(doc);
}

Fingerprint some_fingerprint(uint8_t seed) {
  Fingerprint f{};
  f.fill(seed);
  return f;
}

bool has_record(storage::Store& store, const std::string& token) {
  bool found = false;
  write_sync(store, [&](storage::WriteTxn& txn) {
    std::string value;
    found = txn.get_meta(std::string(1, storage::meta_keys::kTokenPrefix) + token, value);
  });
  return found;
}

constexpr int64_t kStart = 1'000'000;

}  // namespace

TEST_CASE("token records round-trip and refuse malformed bytes") {
  TokenRecord record{some_fingerprint(7), 123456789, 42, {0, 1, 400 * 1024, 1ull << 40}};
  std::string bytes = encode_token_record(record);
  TokenRecord decoded;
  REQUIRE(decode_token_record(bytes, decoded));
  CHECK(decoded.fingerprint == record.fingerprint);
  CHECK(decoded.expires_ms == record.expires_ms);
  CHECK(decoded.sequence == record.sequence);
  CHECK(decoded.image_bytes == record.image_bytes);

  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    CHECK_FALSE(decode_token_record(bytes.substr(0, cut), decoded));
  }
  CHECK_FALSE(decode_token_record(bytes + "x", decoded));
  std::string other_version = bytes;
  other_version[0] = 2;
  CHECK_FALSE(decode_token_record(other_version, decoded));
  TokenRecord empty{some_fingerprint(1), 5, 6, {}};
  std::string huge_count = encode_token_record(empty);
  huge_count.back() = static_cast<char>(0x7f);  // claims 127 sizes, holds none
  CHECK_FALSE(decode_token_record(huge_count, decoded));
}

TEST_CASE("fingerprints ignore member order and spacing, not values") {
  Fingerprint a =
      fingerprint_of(R"({"x": [{"Put": {"TableName": "t", "Item": {"k": {"S": "1"}}}}]})");
  Fingerprint b =
      fingerprint_of("{\"x\":[{\"Put\":{\"Item\":{\"k\":{\"S\":\"1\"}},\"TableName\":\"t\"}}]}");
  Fingerprint c =
      fingerprint_of(R"({"x": [{"Put": {"TableName": "t", "Item": {"k": {"S": "2"}}}}]})");
  Fingerprint d =
      fingerprint_of(R"({"x": [{"Put": {"TableName": "t", "Item": {"k": {"N": "1"}}}}]})");
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a != d);
  CHECK(fingerprint_of(R"({"a": ["b", "c"]})") != fingerprint_of(R"({"a": ["bc"]})"));
  CHECK(fingerprint_of(R"({"a": 1})") != fingerprint_of(R"({"a": "1"})"));
}

TEST_CASE("tokens are found until they expire, and survive reopening") {
  TempDir dir;
  {
    storage::Store store({dir.path});
    write_sync(store, [](storage::WriteTxn& txn) {
      remember_token(txn, "tok", some_fingerprint(3), {10, 20}, kStart);
    });
    write_sync(store, [](storage::WriteTxn& txn) {
      auto found = find_token(txn, "tok", kStart + kTokenLifetimeMs - 1);
      REQUIRE(found);
      CHECK(found->fingerprint == some_fingerprint(3));
      CHECK(found->image_bytes == std::vector<uint64_t>{10, 20});
      CHECK_FALSE(find_token(txn, "tok", kStart + kTokenLifetimeMs));
      CHECK_FALSE(find_token(txn, "other", kStart));
    });
  }
  storage::Store reopened({dir.path});
  write_sync(reopened, [](storage::WriteTxn& txn) { CHECK(find_token(txn, "tok", kStart + 1)); });
}

TEST_CASE("expired tokens are forgotten oldest first, a bounded number per call") {
  TempDir dir;
  storage::Store store({dir.path});
  write_sync(store, [](storage::WriteTxn& txn) {
    for (int i = 0; i < 5; ++i) {
      remember_token(txn, "t" + std::to_string(i), some_fingerprint(1), {}, kStart + i);
    }
  });
  // Only t0..t2 have expired; a limit of 2 removes t0 and t1.
  write_sync(store, [](storage::WriteTxn& txn) {
    forget_expired_tokens(txn, kStart + 2 + kTokenLifetimeMs, 2);
  });
  CHECK_FALSE(has_record(store, "t0"));
  CHECK_FALSE(has_record(store, "t1"));
  CHECK(has_record(store, "t2"));
  // The next sweep stops at the first live token.
  write_sync(store, [](storage::WriteTxn& txn) {
    forget_expired_tokens(txn, kStart + 2 + kTokenLifetimeMs, 100);
  });
  CHECK_FALSE(has_record(store, "t2"));
  CHECK(has_record(store, "t3"));
  CHECK(has_record(store, "t4"));
}

TEST_CASE("a token used again after expiry keeps its new record when the old entry is swept") {
  TempDir dir;
  storage::Store store({dir.path});
  const int64_t later = kStart + kTokenLifetimeMs + 5;
  write_sync(store, [&](storage::WriteTxn& txn) {
    remember_token(txn, "again", some_fingerprint(1), {}, kStart);
  });
  write_sync(store, [&](storage::WriteTxn& txn) {
    CHECK_FALSE(find_token(txn, "again", later));
    remember_token(txn, "again", some_fingerprint(2), {}, later);
  });
  write_sync(store, [&](storage::WriteTxn& txn) { forget_expired_tokens(txn, later + 1, 100); });
  write_sync(store, [&](storage::WriteTxn& txn) {
    auto found = find_token(txn, "again", later + 1);
    REQUIRE(found);
    CHECK(found->fingerprint == some_fingerprint(2));
  });
  write_sync(store, [&](storage::WriteTxn& txn) {
    forget_expired_tokens(txn, later + kTokenLifetimeMs, 100);
  });
  CHECK_FALSE(has_record(store, "again"));
}
