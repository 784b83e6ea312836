#include "storage/write_txn.h"

#include "storage/index_keys.h"
#include "storage/internal/coding.h"
#include "storage/internal/item_codec.h"
#include "storage/internal/item_keys.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/raw_reads.h"
#include "storage/internal/table_codec.h"
#include "storage/internal/txn_handle.h"
#include "storage/item_size.h"

namespace storage {

std::optional<Item> WriteTxn::get_item(const TableInfo& table, const Item& key) const {
  return raw_reads::load_item(handle_, item_key(table, key));
}

IndexWrites WriteTxn::put_item(const TableInfo& table, const Item& item,
                               const std::optional<Item>& old) {
  // Index maintenance follows the definition this batch sees, not the caller's (possibly older)
  // snapshot: an index created or dropped since the request was read must still be right.
  TablePtr live = live_table(table.id);
  const TableInfo& current = live ? *live : table;
  if (auto problem = find_index_key_problem(current, item)) {
    throw IndexKeyError(*problem);
  }
  std::string key = item_key(current, item);
  std::string value;
  item_codec::encode(item, value);
  lmdb::put(handle_.txn, handle_.dbs.items, key, value);
  auto& delta = effects_.stats[table.id];
  delta.bytes += static_cast<int64_t>(item_size(item));
  if (old) {
    delta.bytes -= static_cast<int64_t>(item_size(*old));
  } else {
    delta.items += 1;
  }
  update_ttl_entry(current, key, old ? &*old : nullptr, &item);
  append_stream_record(current, old ? &*old : nullptr, &item, false);
  return update_indexes(current, key, old ? &*old : nullptr, &item);
}

IndexWrites WriteTxn::delete_item(const TableInfo& table, const Item& old) {
  return delete_item(table, old, false);
}

IndexWrites WriteTxn::delete_item(const TableInfo& table, const Item& old, bool by_ttl) {
  TablePtr live = live_table(table.id);
  const TableInfo& current = live ? *live : table;
  std::string key = item_key(current, old);
  if (!lmdb::del(handle_.txn, handle_.dbs.items, key)) {
    return {};
  }
  auto& delta = effects_.stats[table.id];
  delta.items -= 1;
  delta.bytes -= static_cast<int64_t>(item_size(old));
  update_ttl_entry(current, key, &old, nullptr);
  append_stream_record(current, &old, nullptr, by_ttl);
  return update_indexes(current, key, &old, nullptr);
}

TablePtr WriteTxn::live_table(uint32_t id) const {
  for (auto it = effects_.deleted.rbegin(); it != effects_.deleted.rend(); ++it) {
    if ((*it)->id == id) {
      return nullptr;
    }
  }
  for (auto it = effects_.saved.rbegin(); it != effects_.saved.rend(); ++it) {
    if ((*it)->id == id) {
      return *it;
    }
  }
  return catalog_.find_by_id(id);
}

TablePtr WriteTxn::live_table(std::string_view name) const {
  // Later entries win: a table saved after a deletion of the same name is live again.
  TablePtr found;
  bool decided = false;
  for (auto it = effects_.saved.rbegin(); it != effects_.saved.rend() && !decided; ++it) {
    if ((*it)->name == name) {
      found = live_table((*it)->id);
      decided = true;
    }
  }
  if (!decided) {
    found = catalog_.find(name);
    if (found && live_table(found->id) == nullptr) {
      found = nullptr;
    }
  }
  return found;
}

bool WriteTxn::get_meta(std::string_view key, std::string& value) const {
  std::string_view bytes;
  if (!lmdb::get(handle_.txn, handle_.dbs.meta, key, bytes)) {
    return false;
  }
  value.assign(bytes);
  return true;
}

void WriteTxn::put_meta(std::string_view key, std::string_view value) {
  lmdb::put(handle_.txn, handle_.dbs.meta, key, value);
}

void WriteTxn::delete_meta(std::string_view key) { lmdb::del(handle_.txn, handle_.dbs.meta, key); }

uint32_t WriteTxn::allocate_table_id() {
  std::string_view bytes;
  uint32_t next = 1;
  if (lmdb::get(handle_.txn, handle_.dbs.meta, meta_keys::kNextTableId, bytes)) {
    coding::get_fixed32_be(bytes, next);
  }
  std::string value;
  coding::put_fixed32_be(value, next + 1);
  put_meta(meta_keys::kNextTableId, value);
  return next;
}

void WriteTxn::save_table(TablePtr table) {
  put_meta(meta_keys::with_id(meta_keys::kTablePrefix, table->id), encode_table(*table));
  effects_.saved.push_back(std::move(table));
}

void WriteTxn::delete_table(TablePtr ghost) {
  uint32_t id = ghost->id;
  delete_meta(meta_keys::with_id(meta_keys::kTablePrefix, id));
  for (const IndexDefinition* index : ghost->all_indexes()) {
    drop_index(index->index_id);
  }
  delete_meta(meta_keys::with_id(meta_keys::kTtlBackfillPrefix, id));
  delete_meta(meta_keys::with_id(meta_keys::kTtlDropPrefix, id));
  schedule_purge(id);  // its `ttl` entries go with its items
  effects_.deleted.push_back(std::move(ghost));
}

void WriteTxn::schedule_purge(uint32_t id) {
  delete_meta(meta_keys::with_id(meta_keys::kStatsPrefix, id));
  put_meta(meta_keys::with_id(meta_keys::kPurgePrefix, id), "");
  effects_.stats.erase(id);
  effects_.purges.push_back(id);
}

void WriteTxn::start_backfill(uint32_t table_id, uint32_t index_id) {
  std::string record;
  coding::put_fixed32_be(record, table_id);
  put_meta(meta_keys::with_id(meta_keys::kBackfillPrefix, index_id), record);
  effects_.backfills.push_back(index_id);
}

void WriteTxn::drop_index(uint32_t index_id) {
  delete_meta(meta_keys::with_id(meta_keys::kBackfillPrefix, index_id));
  schedule_purge(index_id);
}

}  // namespace storage
