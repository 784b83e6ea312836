#include "protocol/transact/token.h"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

#include "storage/coding.h"
#include "storage/meta_keys.h"

namespace protocol::transact {

namespace {

// The record layout's own version byte (FORMAT.md); never reuse a number.
constexpr uint8_t kRecordVersion = 1;

void put_u64(std::string& out, uint64_t value) {
  storage::coding::put_fixed32_be(out, static_cast<uint32_t>(value >> 32));
  storage::coding::put_fixed32_be(out, static_cast<uint32_t>(value));
}

bool get_u64(std::string_view& in, uint64_t& value) {
  uint32_t high = 0;
  uint32_t low = 0;
  if (!storage::coding::get_fixed32_be(in, high) || !storage::coding::get_fixed32_be(in, low)) {
    return false;
  }
  value = (static_cast<uint64_t>(high) << 32) | low;
  return true;
}

// Canonical bytes of a JSON value: a type letter, then the content; strings and names are
// length-prefixed, object members sorted by name. Unambiguous, so equal bytes mean equal values.
void append_canonical(std::string& out, const JsonValue& value) {
  if (value.IsObject()) {
    std::vector<const JsonValue::Member*> members;
    for (const auto& member : value.GetObject()) {
      members.push_back(&member);
    }
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return view_of(a->name) < view_of(b->name); });
    out += 'o';
    storage::coding::put_varint(out, members.size());
    for (const auto* member : members) {
      storage::coding::put_bytes(out, view_of(member->name));
      append_canonical(out, member->value);
    }
  } else if (value.IsArray()) {
    out += 'a';
    storage::coding::put_varint(out, value.Size());
    for (const auto& element : value.GetArray()) {
      append_canonical(out, element);
    }
  } else if (value.IsString()) {
    out += 's';
    storage::coding::put_bytes(out, view_of(value));
  } else {
    // Scalars other than strings: their compact JSON text.
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    value.Accept(w);
    out += 'x';
    storage::coding::put_bytes(out, std::string_view(buffer.GetString(), buffer.GetSize()));
  }
}

std::string token_key(std::string_view token) {
  std::string key(1, storage::meta_keys::kTokenPrefix);
  key.append(token);
  return key;
}

std::string queue_key(uint64_t sequence) {
  std::string key(1, storage::meta_keys::kTokenQueuePrefix);
  put_u64(key, sequence);
  return key;
}

// The queue's bounds: entries [head, tail) exist.
struct QueueBounds {
  uint64_t head = 0;
  uint64_t tail = 0;
};

QueueBounds load_bounds(const storage::WriteTxn& txn) {
  QueueBounds bounds;
  std::string bytes;
  if (txn.get_meta(std::string(1, storage::meta_keys::kTokenQueuePrefix), bytes)) {
    std::string_view in = bytes;
    if (!get_u64(in, bounds.head) || !get_u64(in, bounds.tail) || bounds.head > bounds.tail) {
      throw std::runtime_error("corrupt idempotency token queue record");
    }
  }
  return bounds;
}

void save_bounds(storage::WriteTxn& txn, const QueueBounds& bounds) {
  std::string bytes;
  put_u64(bytes, bounds.head);
  put_u64(bytes, bounds.tail);
  txn.put_meta(std::string(1, storage::meta_keys::kTokenQueuePrefix), bytes);
}

std::optional<TokenRecord> load_record(const storage::WriteTxn& txn, std::string_view token) {
  std::string bytes;
  if (!txn.get_meta(token_key(token), bytes)) {
    return std::nullopt;
  }
  TokenRecord record;
  if (!decode_token_record(bytes, record)) {
    throw std::runtime_error("corrupt idempotency token record");
  }
  return record;
}

}  // namespace

Fingerprint fingerprint(const JsonValue& parameters) {
  std::string canonical;
  append_canonical(canonical, parameters);
  Fingerprint digest{};
  unsigned int length = 0;
  if (EVP_Digest(canonical.data(), canonical.size(), digest.data(), &length, EVP_sha256(),
                 nullptr) != 1 ||
      length != digest.size()) {
    throw std::runtime_error("SHA-256 failed");
  }
  return digest;
}

std::string encode_token_record(const TokenRecord& record) {
  std::string out(1, static_cast<char>(kRecordVersion));
  put_u64(out, static_cast<uint64_t>(record.expires_ms));
  put_u64(out, record.sequence);
  out.append(reinterpret_cast<const char*>(record.fingerprint.data()), record.fingerprint.size());
  storage::coding::put_varint(out, record.image_bytes.size());
  for (uint64_t bytes : record.image_bytes) {
    storage::coding::put_varint(out, bytes);
  }
  return out;
}

bool decode_token_record(std::string_view in, TokenRecord& record) {
  uint64_t expires = 0;
  uint64_t count = 0;
  if (in.empty() || static_cast<uint8_t>(in[0]) != kRecordVersion) {
    return false;
  }
  in.remove_prefix(1);
  if (!get_u64(in, expires) || !get_u64(in, record.sequence) ||
      in.size() < record.fingerprint.size()) {
    return false;
  }
  record.expires_ms = static_cast<int64_t>(expires);
  std::copy_n(in.begin(), record.fingerprint.size(), record.fingerprint.begin());
  in.remove_prefix(record.fingerprint.size());
  // Each size takes at least one byte, so a corrupt count cannot drive a large allocation.
  if (!storage::coding::get_varint(in, count) || count > in.size()) {
    return false;
  }
  record.image_bytes.assign(count, 0);
  for (auto& bytes : record.image_bytes) {
    if (!storage::coding::get_varint(in, bytes)) {
      return false;
    }
  }
  return in.empty();
}

std::optional<TokenRecord> find_token(const storage::WriteTxn& txn, std::string_view token,
                                      int64_t now_ms) {
  std::optional<TokenRecord> record = load_record(txn, token);
  if (record && record->expires_ms <= now_ms) {
    return std::nullopt;
  }
  return record;
}

void remember_token(storage::WriteTxn& txn, std::string_view token, const Fingerprint& fingerprint,
                    const std::vector<uint64_t>& image_bytes, int64_t now_ms) {
  QueueBounds bounds = load_bounds(txn);
  TokenRecord record{fingerprint, now_ms + kTokenLifetimeMs, bounds.tail, image_bytes};
  txn.put_meta(token_key(token), encode_token_record(record));
  txn.put_meta(queue_key(bounds.tail), token);
  ++bounds.tail;
  save_bounds(txn, bounds);
}

// Queue entries are in insertion order, hence in expiry order (short of the clock stepping back,
// which only delays removal): the first live one ends the sweep. An entry whose token has been
// remembered again since (a newer sequence) is dropped without touching the newer record.
void forget_expired_tokens(storage::WriteTxn& txn, int64_t now_ms, size_t limit) {
  QueueBounds bounds = load_bounds(txn);
  const uint64_t start = bounds.head;
  for (size_t removed = 0; removed < limit && bounds.head < bounds.tail; ++removed) {
    std::string key = queue_key(bounds.head);
    std::string token;
    if (txn.get_meta(key, token)) {
      std::optional<TokenRecord> record = load_record(txn, token);
      if (record && record->sequence == bounds.head) {
        if (record->expires_ms > now_ms) {
          break;
        }
        txn.delete_meta(token_key(token));
      }
      txn.delete_meta(key);
    }
    ++bounds.head;
  }
  if (bounds.head != start) {
    save_bounds(txn, bounds);
  }
}

}  // namespace protocol::transact
