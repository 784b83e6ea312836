#include "storage/internal/item_keys.h"

#include <stdexcept>
#include <vector>

#include "storage/index_keys.h"
#include "storage/internal/index_codec.h"
#include "storage/internal/key_codec.h"
#include "storage/item_size.h"

namespace storage {

std::string item_key(const TableInfo& table, const Item& item) {
  const std::string* sort_name = table.sort_key();
  const AttributeValue* sort = nullptr;
  if (sort_name != nullptr) {
    sort = &item.find(*sort_name)->second;
  }
  return key_codec::item_key(table.id, item.find(table.partition_key())->second, sort);
}

std::optional<IndexEntry> index_entry(const TableInfo& table, const IndexDefinition& index,
                                      const Item& item, std::string_view item_key) {
  std::vector<const AttributeValue*> hash;
  std::vector<const AttributeValue*> range;
  if (!index_key_values(table, index, item, hash, range)) {
    return std::nullopt;
  }
  IndexEntry entry;
  entry.key = index_codec::entry_key(index_codec::partition_prefix(index.index_id, hash),
                                     index_codec::sort_bytes(range), item_key);
  // ALL stores the whole item: no need to copy it to size it.
  entry.bytes = index.projection.type == ProjectionType::kAll
                    ? item_size(item)
                    : item_size(project_to_index(table, index, item));
  return entry;
}

std::string stored_key(const TableInfo& table, const IndexDefinition* index, const Item& item) {
  std::string key = item_key(table, item);
  if (index == nullptr) {
    return key;
  }
  std::optional<IndexEntry> entry = index_entry(table, *index, item, key);
  if (!entry) {
    throw std::invalid_argument("stored_key: the item is not in the index");
  }
  return std::move(entry->key);
}

}  // namespace storage
