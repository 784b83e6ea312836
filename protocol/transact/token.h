#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "protocol/wire/json.h"
#include "storage/token_store.h"
#include "storage/write_txn.h"

// ClientRequestToken: TransactWriteItems idempotency. A token is remembered, with a fingerprint of
// the request's parameters, by storage (storage/token_store.h, FORMAT.md "Idempotency tokens"),
// in the same writer job that commits the transaction, so a crash can never keep one without the
// other. Protocol decides what a token stands for and how long: the fingerprint, the 10-minute
// lifetime, and how many expired tokens each transaction removes.
namespace protocol::transact {

// How long a token is remembered after the transaction that used it.
constexpr int64_t kTokenLifetimeMs = 10 * 60 * 1000;
// Expired tokens one transaction removes at most: more than one, so the queue drains faster than
// transactions fill it.
constexpr size_t kExpiredTokensPerTransaction = 16;

using Fingerprint = storage::TokenFingerprint;

// SHA-256 of a canonical form of `parameters` (object members sorted by name, whitespace ignored):
// equal parameters give equal fingerprints however a client orders or spaces them.
Fingerprint fingerprint(const JsonValue& parameters);

// The live record of a token (storage::find_token), and the removal of up to `limit` expired
// ones, oldest first (storage::forget_expired_tokens).
using storage::find_token;
using storage::forget_expired_tokens;

// Remembers `token` until now_ms + kTokenLifetimeMs, replacing an expired record.
void remember_token(storage::WriteTxn& txn, std::string_view token, const Fingerprint& fingerprint,
                    const std::vector<uint64_t>& image_bytes, int64_t now_ms);

}  // namespace protocol::transact
