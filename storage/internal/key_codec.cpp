#include "storage/internal/key_codec.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "storage/internal/coding.h"

namespace storage::key_codec {

namespace {

// Escape bytes for a string/binary component that is not last (FORMAT.md, "Sort key bytes").
// 0x00 inside the value becomes 0x00 0xFF and the value ends with 0x00 0x00: the terminator sorts
// below any continuation, so "a" < "a\0" < "ab" holds byte-wise.
constexpr char kEscape = '\x00';
constexpr char kEscapedZero = '\xFF';
constexpr char kTerminator = '\x00';

void append_escaped(std::string& out, std::string_view raw) {
  for (char c : raw) {
    out.push_back(c);
    if (c == kEscape) {
      out.push_back(kEscapedZero);
    }
  }
  out.push_back(kTerminator);
  out.push_back(kTerminator);
}

}  // namespace

// Never change: partition hashes and long-sort-key hashes are part of every stored key.
std::array<uint8_t, 16> hash16(std::string_view bytes) {
  // Every key of every request is hashed: the algorithm is fetched once and each thread keeps its
  // digest context, which measured 88 ns a key against EVP_Digest's 295 (a fetch and a context
  // allocation per call).
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                               &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (sha256 == nullptr || !context || EVP_DigestInit_ex2(context.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &digest_len) != 1 || digest_len < 16) {
    throw std::runtime_error("key_codec: SHA-256 failed");
  }
  std::array<uint8_t, 16> out{};
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = digest[i];
  }
  return out;
}

void append_hash(std::string& out, const std::array<uint8_t, 16>& hash) {
  out.append(reinterpret_cast<const char*>(hash.data()), hash.size());
}

void append_ordered(std::string& out, const AttributeValue& value, bool last) {
  switch (value.type) {
    case ValueType::kString:
    case ValueType::kBinary:
      if (last) {
        out += value.bytes;
      } else {
        append_escaped(out, value.bytes);
      }
      return;
    case ValueType::kNumber:
      // Self-delimiting and prefix-free (the terminator is never a digit byte), so the same bytes
      // serve in any position.
      value.number.append_key_bytes(out);
      return;
    default:
      throw std::invalid_argument("key_codec::append_ordered: key values are S, N or B only");
  }
}

std::array<uint8_t, kPartitionHashBytes> partition_hash(const AttributeValue& partition_key) {
  // [type byte][canonical bytes]. The type byte keeps S "1" and B "1" apart; Number key bytes are
  // canonical, so 1000 and 1e3 hash equal.
  std::string input;
  input.reserve(1 + partition_key.bytes.size() + Number::kMaxKeyBytes);
  input.push_back(static_cast<char>(partition_key.type));
  append_ordered(input, partition_key, true);
  return hash16(input);
}

void append_id(std::string& out, uint32_t id) { coding::put_fixed32_be(out, id); }

uint32_t read_id(std::string_view key) {
  uint32_t id = 0;
  for (size_t i = 0; i < 4; ++i) {
    id = (id << 8) | static_cast<uint8_t>(key[i]);
  }
  return id;
}

std::string partition_prefix(uint32_t table_id, const AttributeValue& partition_key) {
  std::string key;
  key.reserve(4 + kPartitionHashBytes);
  append_id(key, table_id);
  append_hash(key, partition_hash(partition_key));
  return key;
}

std::string item_key(uint32_t table_id, const AttributeValue& partition_key,
                     const AttributeValue* sort_key) {
  std::string key = partition_prefix(table_id, partition_key);
  if (sort_key == nullptr) {
    return key;
  }
  std::string sort_bytes;
  append_ordered(sort_bytes, *sort_key, true);
  if (sort_bytes.size() <= kSortKeyPrefixBytes) {
    key += sort_bytes;
    return key;
  }
  // Long sort key: keep the order-preserving prefix, then a hash of the whole encoding to keep
  // keys unique. Order among keys sharing the prefix is by hash; Query re-sorts those.
  key.append(sort_bytes, 0, kSortKeyPrefixBytes);
  append_hash(key, hash16(sort_bytes));
  return key;
}

// LMDB's limit (MDB_MAXKEYSIZE 511 in Debian's liblmdb) must hold for the longest key we make.
static_assert(kMaxItemKeyBytes <= 511, "item keys must fit LMDB's 511-byte key limit");
static_assert(kPartitionHashBytes == 16 && kSortKeyHashBytes == 16, "hash16 makes 16-byte hashes");

}  // namespace storage::key_codec
