#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/catalog.h"
#include "storage/clock.h"
#include "storage/schema.h"
#include "storage/store_options.h"
#include "storage/value.h"

namespace storage {

struct TxnHandle;  // storage/internal/txn_handle.h: the LMDB transaction underneath

// One index entry an item write put or removed (write capacity is charged per entry).
struct IndexWrite {
  std::string index_name;
  bool global = false;
  size_t bytes = 0;  // size of the projected item written or removed
};
using IndexWrites = std::vector<IndexWrite>;

// One write request's view of the group-commit transaction (a nested LMDB transaction: if the
// request throws, only its own changes roll back). Writer thread only.
class WriteTxn {
 public:
  std::optional<Item> get_item(const TableInfo& table, const Item& key) const;
  // Stores `item`, replacing `old` (the current item with that key, as returned by get_item), and
  // updates every secondary index of the table as this batch defines it, in this transaction.
  // Throws IndexKeyError (index_keys.h), writing nothing, when an index key value is invalid.
  // Returns the index entries written or removed. When the table (as this batch defines it) has
  // an enabled stream, appends its record of the change (none when `item` equals `old`).
  IndexWrites put_item(const TableInfo& table, const Item& item, const std::optional<Item>& old);
  // Deletes `old` (the current item, as returned by get_item) and its index entries, and appends
  // the REMOVE record of the table's enabled stream, if any.
  IndexWrites delete_item(const TableInfo& table, const Item& old);

  // The table with this id as this batch sees it; null when deleted.
  TablePtr live_table(uint32_t id) const;
  TablePtr live_table(std::string_view name) const;
  uint32_t allocate_table_id();

  // Creates or replaces a table definition.
  void save_table(TablePtr table);
  // Drops the definition, schedules its items and index entries for background removal, and keeps
  // `ghost` (status DELETING) visible to DescribeTable until it settles.
  void delete_table(TablePtr ghost);

  // Secondary indexes added and dropped by UpdateTable (the caller saves the new definition).
  // start_backfill schedules the indexing of the table's existing items (index status CREATING);
  // drop_index schedules the removal of an index's entries.
  void start_backfill(uint32_t table_id, uint32_t index_id);
  void drop_index(uint32_t index_id);
  // Writer only: indexes up to `max_items` more existing items for a CREATING index; when the
  // table is done, marks the index ACTIVE. Returns true when nothing remains to do.
  bool backfill_step(uint32_t index_id, size_t max_items);

  // Time to Live (internal/ttl_writes.cpp). When UpdateTimeToLive enables TTL, start_ttl_index
  // schedules the indexing of the table's existing items; when it disables it, drop_ttl_index
  // schedules the removal of the table's `ttl` entries (the caller saves the new definition).
  // Writer only: ttl_step advances that work by up to `max_items`; true when nothing remains.
  void start_ttl_index(uint32_t table_id);
  void drop_ttl_index(uint32_t table_id);
  bool ttl_step(uint32_t table_id, size_t max_items);
  // Deletes, through delete_item, the table's items whose TTL expiry is eligible at `now_s`
  // (ttl::eligible), looking at up to `max_entries` entries; sets `more` when entries remain.
  // Returns the number of items deleted. Reads only the `ttl` range that can be eligible.
  size_t expire_items(uint32_t table_id, int64_t now_s, size_t max_entries, bool& more);

  // For storage's own code (storage/internal/, token_store.cpp): the transaction underneath.
  const TxnHandle& handle() const { return handle_; }

 private:
  friend class Writer;
  struct StatsDelta {
    int64_t items = 0;
    int64_t bytes = 0;
  };
  struct Effects {
    std::vector<TablePtr> saved;
    std::vector<TablePtr> deleted;
    std::map<uint32_t, StatsDelta> stats;  // by table or index id
    std::vector<uint32_t> purges;          // table and index ids whose keys to remove
    std::vector<uint32_t> backfills;       // index ids to backfill
    std::vector<uint32_t> ttl_jobs;        // table ids whose TTL entries to build or drop
  };
  // What the writer lends every transaction besides the LMDB one: the store's clock (stream
  // records' creation times) and stream settings (shard rollover).
  struct Context {
    const Clock& clock;
    const StreamSettings& streams;
  };
  WriteTxn(const TxnHandle& handle, const Catalog& catalog, Effects& effects,
           const Context& context)
      : handle_(handle), catalog_(catalog), effects_(effects), context_(context) {}

  // Small records of features that own a key prefix in the `meta` database (see
  // internal/meta_keys.h and FORMAT.md before adding one). get_meta copies the value out.
  bool get_meta(std::string_view key, std::string& value) const;
  void put_meta(std::string_view key, std::string_view value);
  void delete_meta(std::string_view key);

  // Brings every index of `table` from `old` to `item` (either may be null) for the item with
  // table key `item_key`. Implemented in internal/index_writes.cpp.
  IndexWrites update_indexes(const TableInfo& table, std::string_view item_key, const Item* old,
                             const Item* item);
  void schedule_purge(uint32_t id);
  // delete_item, saying whether the Time to Live sweeper deletes the item (its stream record is
  // then flagged).
  IndexWrites delete_item(const TableInfo& table, const Item& old, bool by_ttl);
  // Appends the record of a change from `old` to `item` (either may be null) to the enabled stream
  // of `table`, if it has one; nothing when both are equal. internal/stream_writes.cpp.
  void append_stream_record(const TableInfo& table, const Item* old, const Item* item, bool by_ttl);
  // Brings the item's `ttl` entry from `old` to `item` (either may be null). ttl_writes.cpp.
  void update_ttl_entry(const TableInfo& table, std::string_view item_key, const Item* old,
                        const Item* item);
  bool ttl_backfill_step(uint32_t table_id, size_t max_items);
  bool ttl_drop_step(uint32_t table_id, size_t max_keys);

  const TxnHandle& handle_;
  const Catalog& catalog_;
  Effects& effects_;
  const Context& context_;
};

// A write request (Store::write) and its completion.
using WriteWork = std::function<void(WriteTxn&)>;
using WriteDone = std::function<void(std::exception_ptr)>;

}  // namespace storage
