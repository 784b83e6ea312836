#include <catch2/catch.hpp>

// The protocol's side of idempotency tokens: fingerprints and their lifetime. The records
// themselves (bytes, expiry queue): tests/storage/token_store_test.cpp.

#include "protocol/transact/token.h"
#include "protocol/wire/json.h"
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

constexpr int64_t kStart = 1'000'000;

}  // namespace

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

// Token records keep fingerprints across restarts and upgrades, so the canonical form is a format
// (FORMAT.md "Idempotency tokens"): this digest was computed from that description, with a
// string long enough for a two-byte length.
TEST_CASE("fingerprints hash FORMAT.md's canonical form") {
  const std::string json =
      R"({"c": {"n": 25}, "b": [1, true, null, "x"], "a": ")" + std::string(200, 'y') + R"("})";
  const Fingerprint digest = fingerprint_of(json);
  std::string hex;
  for (uint8_t byte : digest) {
    const char* digits = "0123456789abcdef";
    hex += digits[byte >> 4];
    hex += digits[byte & 0xF];
  }
  CHECK(hex == "25a8fb8d6c1488efec9cc6158ccfee4f4f6bebb0faac783a176b1d280a9b1b88");
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
