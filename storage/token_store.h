#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "storage/write_txn.h"

// ClientRequestToken records of TransactWriteItems (FORMAT.md "Idempotency tokens"): each token's
// record in `meta`, and an expiry queue in the order tokens were remembered, so that expired
// records are removed a few at a time, oldest first, and no job does unbounded work. The caller
// writes a token in the same writer job as its transaction, so a crash never keeps one without
// the other.
namespace storage {

// 32 bytes that stand for the request (protocol/ keeps a SHA-256 of its parameters).
using TokenFingerprint = std::array<uint8_t, 32>;

struct TokenRecord {
  TokenFingerprint fingerprint{};
  int64_t expires_ms = 0;  // Unix milliseconds after which the token is forgotten
  // Per action, the item size a repeated request is charged a read for.
  std::vector<uint64_t> image_bytes;
};

// The record of `token`; nullopt when there is none or it has expired at `now_ms`.
std::optional<TokenRecord> find_token(const WriteTxn& txn, std::string_view token, int64_t now_ms);

// Remembers `token` with `record` (replacing an expired record) and queues it for expiry.
void remember_token(WriteTxn& txn, std::string_view token, const TokenRecord& record);

// Removes up to `limit` expired tokens at `now_ms`, oldest first.
void forget_expired_tokens(WriteTxn& txn, int64_t now_ms, size_t limit);

}  // namespace storage
