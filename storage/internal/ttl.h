#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/schema.h"
#include "storage/value.h"

// Time to Live: which items expire when, and the `ttl` database keys that find them without
// scanning a table (FORMAT.md "TTL entries").
namespace storage::ttl {

// DynamoDB leaves items alone whose expiry is more than five years in the past.
constexpr int64_t kMaxAgeSeconds =
    5 * 365 * 24 * 3600 + 24 * 3600;  // 5 years of 365 days + 1 leap day

// The expiry second of `item` under `table`'s TTL attribute: the floor of its value when the
// attribute is a Number from 0 to 2^63-1 seconds; nullopt when the table has no TTL attribute, the
// attribute is missing, not a Number, negative or too large (such items never expire).
// Comparing floor(value) with a whole `now` is exactly comparing the decimal value itself.
std::optional<int64_t> expiry_of(const TableInfo& table, const Item& item);
std::optional<int64_t> expiry_of(std::string_view attribute, const Item& item);

// DynamoDB's eligibility rule: expired at or before `now_s`, and not more than five years before
// it.
bool eligible(int64_t expiry_s, int64_t now_s);

// `ttl` key := table_id (u32 BE) || expiry seconds (u64 BE) || hash16(item key); its value is the
// item key. (An item key may be 510 bytes, so the key holds its hash: LMDB keys stop at 511.)
std::string entry_key(uint32_t table_id, int64_t expiry_s, std::string_view item_key);
// The first key of entries expiring at `expiry_s` (inclusive lower bound of a range).
std::string entry_prefix(uint32_t table_id, int64_t expiry_s);
// The expiry second of an entry key; false when it is not one.
bool entry_expiry(std::string_view key, int64_t& expiry_s);

}  // namespace storage::ttl
