// The bytes of idempotency tokens in `meta` (FORMAT.md "Idempotency tokens"): 'i' + token holds
// the token's record, 'I' the expiry queue's bounds, and 'I' + sequence (u64 BE) each queue entry,
// whose value is the token.

#include "storage/token_store.h"

#include <algorithm>
#include <string>

#include "storage/error.h"
#include "storage/internal/coding.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/txn_handle.h"

namespace storage {

namespace {

// The record layout's own version byte (FORMAT.md); never reuse a number.
constexpr uint8_t kRecordVersion = 1;

// A record as stored: with its entry in the expiry queue.
struct Stored {
  TokenRecord record;
  uint64_t sequence = 0;
};

// The queue's bounds: entries [head, tail) exist.
struct QueueBounds {
  uint64_t head = 0;
  uint64_t tail = 0;
};

std::string encode(const Stored& stored) {
  const TokenRecord& record = stored.record;
  std::string out(1, static_cast<char>(kRecordVersion));
  coding::put_fixed64_be(out, static_cast<uint64_t>(record.expires_ms));
  coding::put_fixed64_be(out, stored.sequence);
  out.append(reinterpret_cast<const char*>(record.fingerprint.data()), record.fingerprint.size());
  coding::put_varint(out, record.image_bytes.size());
  for (uint64_t bytes : record.image_bytes) {
    coding::put_varint(out, bytes);
  }
  return out;
}

bool decode(std::string_view in, Stored& stored) {
  TokenRecord& record = stored.record;
  uint64_t expires = 0;
  if (in.empty() || static_cast<uint8_t>(in[0]) != kRecordVersion) {
    return false;
  }
  in.remove_prefix(1);
  if (!coding::get_fixed64_be(in, expires) || !coding::get_fixed64_be(in, stored.sequence) ||
      in.size() < record.fingerprint.size()) {
    return false;
  }
  record.expires_ms = static_cast<int64_t>(expires);
  std::copy_n(in.begin(), record.fingerprint.size(), record.fingerprint.begin());
  in.remove_prefix(record.fingerprint.size());
  return coding::get_list(in, record.image_bytes, coding::get_varint) && in.empty();
}

std::string token_key(std::string_view token) {
  std::string key(1, meta_keys::kTokenPrefix);
  key.append(token);
  return key;
}

std::string bounds_key() { return std::string(1, meta_keys::kTokenQueuePrefix); }

std::string queue_key(uint64_t sequence) {
  std::string key = bounds_key();
  coding::put_fixed64_be(key, sequence);
  return key;
}

std::string encode_bounds(const QueueBounds& bounds) {
  std::string bytes;
  coding::put_fixed64_be(bytes, bounds.head);
  coding::put_fixed64_be(bytes, bounds.tail);
  return bytes;
}

bool decode_bounds(std::string_view in, QueueBounds& bounds) {
  return coding::get_fixed64_be(in, bounds.head) && coding::get_fixed64_be(in, bounds.tail) &&
         bounds.head <= bounds.tail;
}

bool get_meta(const WriteTxn& txn, std::string_view key, std::string_view& value) {
  return lmdb::get(txn.handle().txn, txn.handle().dbs.meta, key, value);
}

void put_meta(WriteTxn& txn, std::string_view key, std::string_view value) {
  lmdb::put(txn.handle().txn, txn.handle().dbs.meta, key, value);
}

void delete_meta(WriteTxn& txn, std::string_view key) {
  lmdb::del(txn.handle().txn, txn.handle().dbs.meta, key);
}

QueueBounds load_bounds(const WriteTxn& txn) {
  QueueBounds bounds;
  std::string_view bytes;
  if (get_meta(txn, bounds_key(), bytes) && !decode_bounds(bytes, bounds)) {
    throw StorageError("corrupt idempotency token queue record");
  }
  return bounds;
}

std::optional<Stored> load_record(const WriteTxn& txn, std::string_view token) {
  std::string_view bytes;
  if (!get_meta(txn, token_key(token), bytes)) {
    return std::nullopt;
  }
  Stored stored;
  if (!decode(bytes, stored)) {
    throw StorageError("corrupt idempotency token record");
  }
  return stored;
}

}  // namespace

std::optional<TokenRecord> find_token(const WriteTxn& txn, std::string_view token, int64_t now_ms) {
  std::optional<Stored> stored = load_record(txn, token);
  if (!stored || stored->record.expires_ms <= now_ms) {
    return std::nullopt;
  }
  return std::move(stored->record);
}

void remember_token(WriteTxn& txn, std::string_view token, const TokenRecord& record) {
  QueueBounds bounds = load_bounds(txn);
  put_meta(txn, token_key(token), encode({record, bounds.tail}));
  put_meta(txn, queue_key(bounds.tail), token);
  ++bounds.tail;
  put_meta(txn, bounds_key(), encode_bounds(bounds));
}

// Queue entries are in insertion order, hence in expiry order (short of the clock stepping back,
// which only delays removal): the first live one ends the sweep. An entry whose token has been
// remembered again since (a newer sequence) is dropped without touching the newer record.
void forget_expired_tokens(WriteTxn& txn, int64_t now_ms, size_t limit) {
  QueueBounds bounds = load_bounds(txn);
  const uint64_t start = bounds.head;
  for (size_t removed = 0; removed < limit && bounds.head < bounds.tail; ++removed) {
    const std::string key = queue_key(bounds.head);
    std::string_view entry;
    if (get_meta(txn, key, entry)) {
      const std::string token(entry);  // copied: the writes below end the view's life
      std::optional<Stored> stored = load_record(txn, token);
      if (stored && stored->sequence == bounds.head) {
        if (stored->record.expires_ms > now_ms) {
          break;
        }
        delete_meta(txn, token_key(token));
      }
      delete_meta(txn, key);
    }
    ++bounds.head;
  }
  if (bounds.head != start) {
    put_meta(txn, bounds_key(), encode_bounds(bounds));
  }
}

}  // namespace storage
