// Secondary index maintenance: every item change updates the index entries in the same LMDB
// transaction as the item itself, so an index never disagrees with its table (FORMAT.md
// "Index entries"). PutItem, UpdateItem, DeleteItem, BatchWriteItem, transactions and TTL all
// write through WriteTxn::put_item / delete_item and get this for free.

#include <optional>

#include "storage/index_keys.h"
#include "storage/internal/item_keys.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/txn_handle.h"
#include "storage/write_txn.h"

namespace storage {

namespace {

struct EntryChange {
  std::optional<IndexEntry> before;
  std::optional<IndexEntry> after;
  bool same_key() const { return before && after && before->key == after->key; }
};

bool projection_changed(const TableInfo& table, const IndexDefinition& index, const Item& old,
                        const Item& item) {
  if (index.projection.type == ProjectionType::kAll) {
    return old != item;
  }
  return project_to_index(table, index, old) != project_to_index(table, index, item);
}

}  // namespace

IndexWrites WriteTxn::update_indexes(const TableInfo& table, std::string_view item_key,
                                     const Item* old, const Item* item) {
  IndexWrites writes;
  for (const IndexDefinition* index : table.all_indexes()) {
    EntryChange change;
    if (old != nullptr) {
      change.before = index_entry(table, *index, *old, item_key);
    }
    if (item != nullptr) {
      change.after = index_entry(table, *index, *item, item_key);
    }
    auto& delta = effects_.stats[index->index_id];
    auto record = [&](size_t bytes) { writes.push_back({index->name, index->global, bytes}); };
    // A backfilling index may not hold this item yet (its turn has not come): only entries that
    // exist are removed or counted, and the backfill skips entries that already exist.
    if (change.before && !change.same_key() &&
        lmdb::del(handle_.txn, handle_.dbs.index, change.before->key)) {
      delta.items -= 1;
      delta.bytes -= static_cast<int64_t>(change.before->bytes);
      record(change.before->bytes);
    }
    if (!change.after) {
      continue;
    }
    std::string_view existing;
    bool present = change.same_key() &&
                   (!index->backfilling() ||
                    lmdb::get(handle_.txn, handle_.dbs.index, change.after->key, existing));
    if (present) {
      // The entry stays; DynamoDB charges an index write only when what it stores changed.
      delta.bytes +=
          static_cast<int64_t>(change.after->bytes) - static_cast<int64_t>(change.before->bytes);
      if (projection_changed(table, *index, *old, *item)) {
        record(std::max(change.before->bytes, change.after->bytes));
      }
      continue;
    }
    lmdb::put(handle_.txn, handle_.dbs.index, change.after->key, item_key);
    delta.items += 1;
    delta.bytes += static_cast<int64_t>(change.after->bytes);
    record(change.after->bytes);
  }
  return writes;
}

}  // namespace storage
