#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.h"

// The key layout of the `index` database (FORMAT.md "Index entries"). The bytes are on disk: never
// change them without a new format version.
//
//   entry key := index_id (4 bytes BE)
//                partition_hash (16 bytes, over every HASH attribute of the index)
//                stored_sort (the RANGE attributes' bytes; absent without RANGE attributes)
//                item_hash (16 bytes: hash16 of the table item key)
//   value     := the table item key
//
// Every RANGE component is written self-delimiting (key_codec::append_ordered with last=false),
// because the item hash follows: so entries order by the index sort key, then by item hash.
namespace storage::index_codec {

constexpr size_t kPartitionHashBytes = 16;
constexpr size_t kItemHashBytes = 16;
// Sort bytes longer than this are stored as their first kSortPrefixBytes plus a 16-byte hash of
// the whole, keeping entry keys within LMDB's 511 bytes.
constexpr size_t kSortPrefixBytes = 458;
constexpr size_t kSortHashBytes = 16;
constexpr size_t kPartitionPrefixBytes = 4 + kPartitionHashBytes;
// The longest entry key; only a hashed (long) sort key makes a key this long.
constexpr size_t kMaxEntryKeyBytes =
    kPartitionPrefixBytes + kSortPrefixBytes + kSortHashBytes + kItemHashBytes;

// [index_id][hash of the HASH attribute values, in schema order]. Each value enters the hash as
// its type tag and its self-delimiting ordered bytes, so the tuple is unambiguous.
std::string partition_prefix(uint32_t index_id, const std::vector<const AttributeValue*>& values);

// The RANGE attribute values, each self-delimiting, in schema order (order-preserving for tuples).
std::string sort_bytes(const std::vector<const AttributeValue*>& values);

// How sort bytes are stored: as is when short, else truncated and hashed.
std::string stored_sort(std::string_view sort);

// The whole entry key.
std::string entry_key(std::string_view partition_prefix, std::string_view sort,
                      std::string_view item_key);

}  // namespace storage::index_codec
