#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/internal/coding.h"

// Keys of the `meta` database (FORMAT.md "meta database"). The prefixes are on disk: never change.
namespace storage::meta_keys {

constexpr std::string_view kFormatVersion = "format";       // -> u32 BE
constexpr std::string_view kNextTableId = "next_table_id";  // -> u32 BE
constexpr char kTablePrefix = 't';     // 't' + table id (u32 BE) -> table record (table_codec.cpp)
constexpr char kStatsPrefix = 's';     // 's' + table id -> item count, size bytes (u64 BE each)
constexpr char kPurgePrefix = 'p';     // 'p' + table or index id -> empty: keys still to remove
constexpr char kBackfillPrefix = 'b';  // 'b' + index id -> table id, next item key to index
// Time to Live (ttl_writes.cpp):
constexpr char kTtlBackfillPrefix = 'T';  // 'T' + table id -> next item key to put in `ttl`
constexpr char kTtlDropPrefix = 'x';      // 'x' + table id -> empty: `ttl` entries to remove
// DynamoDB Streams (storage/internal/stream_store.cpp):
constexpr char kStreamPrefix = 'S';  // 'S' + stream id (u32 BE) -> stream definition
// The secret sealing shard iterators (stream_iterator_key.cpp):
constexpr std::string_view kStreamIteratorKey = "stream_iterator_key";  // -> 32 random bytes
// TransactWriteItems idempotency (storage/token_store.cpp):
constexpr char kTokenPrefix = 'i';       // 'i' + ClientRequestToken -> token record
constexpr char kTokenQueuePrefix = 'I';  // 'I' -> queue bounds; 'I' + u64 BE sequence -> token

inline std::string with_id(char prefix, uint32_t id) {
  std::string key(1, prefix);
  coding::put_fixed32_be(key, id);
  return key;
}

}  // namespace storage::meta_keys
