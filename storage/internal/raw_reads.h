#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/internal/txn_handle.h"
#include "storage/value.h"

// Walks over key ranges of the databases, in key bytes: what ReadTxn's typed reads are built on,
// and the storage tests' window on keys. Ranges are half-open [lower, upper); an empty `upper`
// means "to the end".
namespace storage::raw_reads {

// The item stored under `key` in `items`, or nullopt. Throws StorageError on a corrupt record.
std::optional<Item> load_item(const TxnHandle& txn, std::string_view key);

// Visits the items whose key is in [lower, upper) in key order, or in reverse order when
// `reverse`, until `visit` returns false. `key` is the raw item key (key_codec), valid only during
// the call; every item is decoded into the same object.
using ItemVisitor = std::function<bool(std::string_view key, Item& item)>;
void items(const TxnHandle& txn, std::string_view lower, std::string_view upper, bool reverse,
           const ItemVisitor& visit);
// The same over `index` entry keys (index_codec): `key` is the entry key and `item` the whole
// table item the entry points to.
void index_items(const TxnHandle& txn, std::string_view lower, std::string_view upper, bool reverse,
                 const ItemVisitor& visit);

// Raw entries in [lower, upper) in key order: the entry key and the value (the item key it holds).
using EntryVisitor = std::function<bool(std::string_view key, std::string_view value)>;
void index_entries(const TxnHandle& txn, std::string_view lower, std::string_view upper,
                   const EntryVisitor& visit);
void ttl_entries(const TxnHandle& txn, std::string_view lower, std::string_view upper,
                 const EntryVisitor& visit);

}  // namespace storage::raw_reads
