#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/value.h"

namespace storage {

// Order-preserving byte encodings of key values and the LMDB item key layout. The bytes are on
// disk: see storage/FORMAT.md before changing anything here.
namespace key_codec {

constexpr size_t kPartitionHashBytes = 16;
// A sort-key encoding longer than this is stored as its first kSortKeyPrefixBytes plus a 16-byte
// hash of the whole encoding, so that item keys stay under LMDB's 511-byte limit.
constexpr size_t kSortKeyPrefixBytes = 474;
constexpr size_t kSortKeyHashBytes = 16;
// The longest item key: [4-byte id][partition hash][sort prefix][sort hash] = 510 <= LMDB's 511.
constexpr size_t kMaxItemKeyBytes =
    4 + kPartitionHashBytes + kSortKeyPrefixBytes + kSortKeyHashBytes;

// Appends the order-preserving bytes of a key attribute value (S, N or B only).
// `last` == true: the value is the last component of the key, so strings/binary are raw bytes.
// `last` == false: strings/binary escape 0x00 as 0x00 0xFF and end with 0x00 0x00, so that a
// following component cannot disturb the order. Numbers are self-delimiting either way.
void append_ordered(std::string& out, const AttributeValue& value, bool last);

// The 16-byte hash used in keys on disk: SHA-256 truncated to 16 bytes. Never change it.
std::array<uint8_t, 16> hash16(std::string_view bytes);
// Appends a 16-byte hash.
void append_hash(std::string& out, const std::array<uint8_t, 16>& hash);

// 16-byte hash of a partition key value (type and canonical bytes), spreads keys and bounds length.
std::array<uint8_t, kPartitionHashBytes> partition_hash(const AttributeValue& partition_key);

// Appends a big-endian 4-byte table or index id.
void append_id(std::string& out, uint32_t id);
// Reads a big-endian 4-byte id from the front of `key`. Precondition: key.size() >= 4.
uint32_t read_id(std::string_view key);

// The `items` database key of an item: [table_id][partition hash][sort key bytes, possibly
// truncated+hashed]. `sort_key` is null for tables without a sort key.
std::string item_key(uint32_t table_id, const AttributeValue& partition_key,
                     const AttributeValue* sort_key);

// Prefix shared by all items of one partition: [table_id][partition hash].
std::string partition_prefix(uint32_t table_id, const AttributeValue& partition_key);

}  // namespace key_codec
}  // namespace storage
