#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/wire/json.h"
#include "storage/store.h"

// ClientRequestToken: TransactWriteItems idempotency. A token is remembered, with a fingerprint of
// the request's parameters, in the `meta` database (FORMAT.md "Idempotency tokens"), by the same
// writer job that commits the transaction, so a crash can never keep one without the other. The
// records expire after 10 minutes; expired ones are removed a few at a time by later transactions
// (oldest first, through a queue in insertion order), so no job does unbounded work.
namespace protocol::transact {

// How long a token is remembered after the transaction that used it.
constexpr int64_t kTokenLifetimeMs = 10 * 60 * 1000;
// Expired tokens one transaction removes at most: more than one, so the queue drains faster than
// transactions fill it.
constexpr size_t kExpiredTokensPerTransaction = 16;

using Fingerprint = std::array<uint8_t, 32>;

// SHA-256 of a canonical form of `parameters` (object members sorted by name, whitespace ignored):
// equal parameters give equal fingerprints however a client orders or spaces them.
Fingerprint fingerprint(const JsonValue& parameters);

struct TokenRecord {
  Fingerprint fingerprint{};
  int64_t expires_ms = 0;
  uint64_t sequence = 0;  // its entry in the expiry queue
  // Per action, the item size a repeated request is charged a read for.
  std::vector<uint64_t> image_bytes;
};

// The record's bytes (FORMAT.md); decode returns false on anything malformed.
std::string encode_token_record(const TokenRecord& record);
bool decode_token_record(std::string_view bytes, TokenRecord& record);

// The live record of `token`; nullopt when there is none or it has expired at `now_ms`.
std::optional<TokenRecord> find_token(const storage::WriteTxn& txn, std::string_view token,
                                      int64_t now_ms);

// Remembers `token` until now_ms + kTokenLifetimeMs, replacing an expired record.
void remember_token(storage::WriteTxn& txn, std::string_view token, const Fingerprint& fingerprint,
                    const std::vector<uint64_t>& image_bytes, int64_t now_ms);

// Removes up to `limit` expired tokens, oldest first.
void forget_expired_tokens(storage::WriteTxn& txn, int64_t now_ms, size_t limit);

}  // namespace protocol::transact
