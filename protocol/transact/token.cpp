#include "protocol/transact/token.h"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace protocol::transact {

namespace {

// Lengths and counts in the canonical form: LevelDB's varint (7 bits per byte, least significant
// group first, high bit on every byte but the last). These bytes are hashed into fingerprints that
// stored token records keep: never change them (FORMAT.md "Idempotency tokens").
void append_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void append_sized(std::string& out, std::string_view bytes) {
  append_varint(out, bytes.size());
  out.append(bytes);
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
    append_varint(out, members.size());
    for (const auto* member : members) {
      append_sized(out, view_of(member->name));
      append_canonical(out, member->value);
    }
  } else if (value.IsArray()) {
    out += 'a';
    append_varint(out, value.Size());
    for (const auto& element : value.GetArray()) {
      append_canonical(out, element);
    }
  } else if (value.IsString()) {
    out += 's';
    append_sized(out, view_of(value));
  } else {
    // Scalars other than strings: their compact JSON text.
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    value.Accept(w);
    out += 'x';
    append_sized(out, std::string_view(buffer.GetString(), buffer.GetSize()));
  }
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

void remember_token(storage::WriteTxn& txn, std::string_view token, const Fingerprint& fingerprint,
                    const std::vector<uint64_t>& image_bytes, int64_t now_ms) {
  storage::remember_token(txn, token, {fingerprint, now_ms + kTokenLifetimeMs, image_bytes});
}

}  // namespace protocol::transact
