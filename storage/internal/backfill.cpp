// Online index creation: a GSI added by UpdateTable indexes the table's existing items in bounded
// steps that the writer runs between foreground batches. Items written meanwhile are indexed by
// put_item itself (a CREATING index is maintained like any other), so a step skips entries that
// already exist. Progress is a meta record, so a restart resumes where the last step committed.

#include <memory>

#include "storage/internal/coding.h"
#include "storage/internal/item_codec.h"
#include "storage/internal/item_keys.h"
#include "storage/internal/key_codec.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/txn_handle.h"
#include "storage/write_txn.h"

namespace storage {

namespace {

const IndexDefinition* creating_index(const TableInfo& table, uint32_t index_id) {
  for (const IndexDefinition& index : table.global_indexes) {
    if (index.index_id == index_id && index.backfilling()) {
      return &index;
    }
  }
  return nullptr;
}

}  // namespace

bool WriteTxn::backfill_step(uint32_t index_id, size_t max_items) {
  const std::string record_key = meta_keys::with_id(meta_keys::kBackfillPrefix, index_id);
  std::string record;
  if (!get_meta(record_key, record)) {
    return true;
  }
  std::string_view view = record;
  uint32_t table_id = 0;
  if (!coding::get_fixed32_be(view, table_id)) {
    throw StorageError("corrupt backfill record");
  }
  TablePtr table = live_table(table_id);
  const IndexDefinition* index = table ? creating_index(*table, index_id) : nullptr;
  if (index == nullptr) {
    delete_meta(record_key);  // the index or its table was dropped meanwhile
    return true;
  }
  std::string table_prefix;
  key_codec::append_id(table_prefix, table_id);
  std::string start = view.empty() ? table_prefix : std::string(view);
  auto& delta = effects_.stats[index_id];
  lmdb::Cursor cursor(handle_.txn, handle_.dbs.items);
  Item item;
  size_t done = 0;
  bool ok = cursor.seek(start);
  for (; ok && cursor.key().starts_with(table_prefix) && done < max_items; ok = cursor.next()) {
    if (!item_codec::decode(cursor.value(), item)) {
      throw StorageError("corrupt item record");
    }
    ++done;
    auto entry = index_entry(*table, *index, item, cursor.key());
    std::string_view existing;
    if (entry && !lmdb::get(handle_.txn, handle_.dbs.index, entry->key, existing)) {
      lmdb::put(handle_.txn, handle_.dbs.index, entry->key, cursor.key());
      delta.items += 1;
      delta.bytes += static_cast<int64_t>(entry->bytes);
    }
  }
  if (ok && cursor.key().starts_with(table_prefix)) {
    std::string next;
    coding::put_fixed32_be(next, table_id);
    next += cursor.key();
    put_meta(record_key, next);
    return false;
  }
  delete_meta(record_key);
  auto finished = std::make_shared<TableInfo>(*table);
  for (IndexDefinition& built : finished->global_indexes) {
    if (built.index_id == index_id) {
      built.status = IndexStatus::kActive;
    }
  }
  save_table(finished);
  return true;
}

}  // namespace storage
