#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/schema.h"
#include "storage/value.h"

// The keys a whole item is stored under, given its table's definition: its `items` key
// (key_codec) and its entry in each secondary index (index_codec). FORMAT.md "Item keys" and
// "Index entries".
namespace storage {

// The `items` key of the item whose key attributes `item` holds (other attributes are ignored).
std::string item_key(const TableInfo& table, const Item& item);

// One item's entry in one index.
struct IndexEntry {
  std::string key;   // the `index` database key (index_codec::entry_key)
  size_t bytes = 0;  // item_size of the projected item: IndexSizeBytes and write capacity
};

// The entry of `item` (whose table key is `item_key`), or nullopt when it is not in the index.
std::optional<IndexEntry> index_entry(const TableInfo& table, const IndexDefinition& index,
                                      const Item& item, std::string_view item_key);

// Where `item` sits among the keys a read walks: its `items` key (`index` null), or its entry key
// in `index`. Throws std::invalid_argument when the item is not in the index.
std::string stored_key(const TableInfo& table, const IndexDefinition* index, const Item& item);

}  // namespace storage
