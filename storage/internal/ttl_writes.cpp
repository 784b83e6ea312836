// Time to Live in the write path: the `ttl` entry of every item of a TTL-enabled table changes in
// the item's own transaction (put_item/delete_item), and the background steps that index a table's
// existing items when TTL is enabled, remove its entries when TTL is disabled, and delete expired
// items (FORMAT.md "TTL entries"). An entry is a hint: the sweeper re-reads the item and deletes it
// only when the item's current TTL value still gives the entry's expiry, so a stale entry (left by
// a re-enable on another attribute) is dropped, never acted on.

#include <utility>
#include <vector>

#include "storage/internal/item_codec.h"
#include "storage/internal/key_codec.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/ttl.h"
#include "storage/internal/txn_handle.h"
#include "storage/write_txn.h"

namespace storage {

void WriteTxn::update_ttl_entry(const TableInfo& table, std::string_view item_key, const Item* old,
                                const Item* item) {
  if (!table.ttl.enabled) {
    return;
  }
  std::optional<int64_t> before = old ? ttl::expiry_of(table, *old) : std::nullopt;
  std::optional<int64_t> after = item ? ttl::expiry_of(table, *item) : std::nullopt;
  if (before == after) {
    return;  // present already, or (backfill pending) added when the backfill reaches the item
  }
  if (before) {
    lmdb::del(handle_.txn, handle_.dbs.ttl, ttl::entry_key(table.id, *before, item_key));
  }
  if (after) {
    lmdb::put(handle_.txn, handle_.dbs.ttl, ttl::entry_key(table.id, *after, item_key), item_key);
  }
}

void WriteTxn::start_ttl_index(uint32_t table_id) {
  delete_meta(meta_keys::with_id(meta_keys::kTtlDropPrefix, table_id));
  put_meta(meta_keys::with_id(meta_keys::kTtlBackfillPrefix, table_id), "");
  effects_.ttl_jobs.push_back(table_id);
}

void WriteTxn::drop_ttl_index(uint32_t table_id) {
  delete_meta(meta_keys::with_id(meta_keys::kTtlBackfillPrefix, table_id));
  put_meta(meta_keys::with_id(meta_keys::kTtlDropPrefix, table_id), "");
  effects_.ttl_jobs.push_back(table_id);
}

bool WriteTxn::ttl_step(uint32_t table_id, size_t max_items) {
  return ttl_backfill_step(table_id, max_items) && ttl_drop_step(table_id, max_items);
}

// Indexes up to `max_items` existing items; the record holds the next item key (empty: the first).
bool WriteTxn::ttl_backfill_step(uint32_t table_id, size_t max_items) {
  const std::string record_key = meta_keys::with_id(meta_keys::kTtlBackfillPrefix, table_id);
  std::string next;
  if (!get_meta(record_key, next)) {
    return true;
  }
  TablePtr table = live_table(table_id);
  if (!table || !table->ttl.enabled) {
    delete_meta(record_key);  // dropped or disabled meanwhile
    return true;
  }
  std::string table_prefix;
  key_codec::append_id(table_prefix, table_id);
  lmdb::Cursor cursor(handle_.txn, handle_.dbs.items);
  Item item;
  size_t done = 0;
  bool ok = cursor.seek(next.empty() ? table_prefix : next);
  for (; ok && cursor.key().starts_with(table_prefix) && done < max_items; ok = cursor.next()) {
    if (!item_codec::decode(cursor.value(), item)) {
      throw StorageError("corrupt item record");
    }
    ++done;
    if (auto expiry = ttl::expiry_of(*table, item)) {
      lmdb::put(handle_.txn, handle_.dbs.ttl, ttl::entry_key(table_id, *expiry, cursor.key()),
                cursor.key());
    }
  }
  if (ok && cursor.key().starts_with(table_prefix)) {
    put_meta(record_key, cursor.key());
    return false;
  }
  delete_meta(record_key);
  return true;
}

// Removes up to `max_keys` entries of a table whose TTL was disabled.
bool WriteTxn::ttl_drop_step(uint32_t table_id, size_t max_keys) {
  const std::string record_key = meta_keys::with_id(meta_keys::kTtlDropPrefix, table_id);
  std::string unused;
  if (!get_meta(record_key, unused)) {
    return true;
  }
  TablePtr table = live_table(table_id);
  if (table && table->ttl.enabled) {
    delete_meta(record_key);  // enabled again: the entries are hints the sweeper re-checks
    return true;
  }
  std::string prefix;
  key_codec::append_id(prefix, table_id);
  lmdb::Cursor cursor(handle_.txn, handle_.dbs.ttl);
  size_t removed = 0;
  bool ok = cursor.seek(prefix);
  while (ok && cursor.key().starts_with(prefix) && removed < max_keys) {
    cursor.del();
    ++removed;
    ok = cursor.seek(prefix);
  }
  if (ok && cursor.key().starts_with(prefix)) {
    return false;
  }
  delete_meta(record_key);
  return true;
}

size_t WriteTxn::expire_items(uint32_t table_id, int64_t now_s, size_t max_entries, bool& more) {
  more = false;
  TablePtr table = live_table(table_id);
  if (!table || !table->ttl.enabled || max_entries == 0) {
    return 0;
  }
  // Only [now - 5 years, now] is eligible: older entries never become eligible again.
  std::string lower =
      ttl::entry_prefix(table_id, std::max<int64_t>(0, now_s - ttl::kMaxAgeSeconds));
  std::string upper = ttl::entry_prefix(table_id, now_s + 1);
  std::vector<std::pair<std::string, std::string>> entries;  // entry key, item key
  {
    lmdb::Cursor cursor(handle_.txn, handle_.dbs.ttl);
    for (bool ok = cursor.seek(lower); ok && cursor.key() < upper; ok = cursor.next()) {
      if (entries.size() == max_entries) {
        more = true;
        break;
      }
      entries.emplace_back(cursor.key(), cursor.value());
    }
  }
  size_t deleted = 0;
  for (const auto& [entry, item_key] : entries) {
    int64_t expiry = 0;
    std::string_view bytes;
    Item item;
    bool found = ttl::entry_expiry(entry, expiry) &&
                 lmdb::get(handle_.txn, handle_.dbs.items, item_key, bytes);
    if (found && !item_codec::decode(bytes, item)) {
      throw StorageError("corrupt item record");
    }
    if (found && ttl::expiry_of(*table, item) == expiry) {
      delete_item(*table, item, true);  // the normal delete: indexes, counts, this entry, stream
      ++deleted;
    } else {
      lmdb::del(handle_.txn, handle_.dbs.ttl, entry);  // stale hint
    }
  }
  return deleted;
}

}  // namespace storage
