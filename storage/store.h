#pragma once

#include <lmdb.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/catalog.h"
#include "storage/journal.h"
#include "storage/schema.h"
#include "storage/value.h"

namespace storage {

struct StoreOptions {
  std::filesystem::path data_dir;           // created if missing
  uint64_t initial_map_bytes = 1ull << 30;  // LMDB map size; grows when full
  size_t max_batch = 512;                   // most write requests in one group commit
  size_t backfill_batch_items = 1000;       // items a GSI backfill indexes per background step
  // Time to Live: the clock the sweeper compares expiry times with (Unix seconds; tests inject
  // their own), how often it looks for expired items, and how many it deletes per step.
  std::function<int64_t()> ttl_clock{};  // null: the system clock
  std::chrono::milliseconds ttl_sweep_interval{1000};
  size_t ttl_sweep_batch_items = 500;
  // Write-ahead log checkpoints: after this many commits, log bytes, growth of LMDB's used pages
  // or time (with a commit) since the last one started. Until a checkpoint is on disk LMDB cannot
  // reuse the pages the commits after it replaced, so the data file grows in between (about 90 KB
  // per PutItem commit); the growth trigger bounds that, and where pages are being reused it
  // never fires, leaving the longer intervals that cost the log's flushes less (FORMAT.md).
  size_t checkpoint_commits = 1024;
  uint64_t checkpoint_log_bytes = 16ull << 20;
  uint64_t checkpoint_growth_bytes = 32ull << 20;
  std::chrono::milliseconds checkpoint_interval{1000};
};

// The named databases, opened once at startup (FORMAT.md).
struct Databases {
  MDB_dbi meta = 0;
  MDB_dbi items = 0;
  MDB_dbi index = 0;  // secondary index entries of every table (FORMAT.md "Index entries")
  MDB_dbi ttl = 0;    // expiry time -> item key, for TTL-enabled tables (FORMAT.md "TTL entries")

  // The order the write-ahead log names them in (a format: append only).
  Journal::DatabaseList journaled() const { return {meta, items, index, ttl}; }
};

// One index entry an item write put or removed (write capacity is charged per entry).
struct IndexWrite {
  std::string index_name;
  bool global = false;
  size_t bytes = 0;  // size of the projected item written or removed
};
using IndexWrites = std::vector<IndexWrite>;

// Reads inside one short read-only transaction. Never kept across network I/O.
class ReadTxn {
 public:
  ReadTxn(MDB_txn* txn, const Databases& dbs) : txn_(txn), dbs_(dbs) {}
  // The item with the key attributes of `key` (other attributes are ignored).
  std::optional<Item> get_item(const TableInfo& table, const Item& key) const;

  // Visits the items whose key is in [lower, upper) in key order, or in reverse order when
  // `reverse`, until `visit` returns false. An empty `upper` means "to the end". `key` is the raw
  // item key (key_codec), valid only during the call.
  using ItemVisitor = std::function<bool(std::string_view key, Item& item)>;
  void range(std::string_view lower, std::string_view upper, bool reverse,
             const ItemVisitor& visit) const;
  // The same over `index` entry keys (index_codec): `key` is the entry key and `item` the whole
  // table item the entry points to (callers project it to the index).
  void index_range(std::string_view lower, std::string_view upper, bool reverse,
                   const ItemVisitor& visit) const;
  // Raw `index` entries in [lower, upper) in key order: the entry key and the item key it holds.
  using EntryVisitor = std::function<bool(std::string_view key, std::string_view item_key)>;
  void index_entries(std::string_view lower, std::string_view upper,
                     const EntryVisitor& visit) const;
  // Raw `ttl` entries in [lower, upper) in key order: the entry key (ttl.h) and the item key.
  void ttl_entries(std::string_view lower, std::string_view upper, const EntryVisitor& visit) const;

 private:
  using RawVisitor = std::function<bool(std::string_view key, std::string_view value)>;
  void walk(MDB_dbi dbi, std::string_view lower, std::string_view upper, bool reverse,
            const RawVisitor& visit) const;

  MDB_txn* txn_;
  const Databases& dbs_;
};

// One write request's view of the group-commit transaction (a nested LMDB transaction: if the
// request throws, only its own changes roll back). Writer thread only.
class WriteTxn {
 public:
  std::optional<Item> get_item(const TableInfo& table, const Item& key) const;
  // Stores `item`, replacing `old` (the current item with that key, as returned by get_item), and
  // updates every secondary index of the table as this batch defines it, in this transaction.
  // Throws IndexKeyError (index_keys.h), writing nothing, when an index key value is invalid.
  // Returns the index entries written or removed.
  IndexWrites put_item(const TableInfo& table, const Item& item, const std::optional<Item>& old);
  // Deletes `old` (the current item, as returned by get_item) and its index entries.
  IndexWrites delete_item(const TableInfo& table, const Item& old);

  // The table with this id as this batch sees it; null when deleted.
  TablePtr live_table(uint32_t id) const;
  TablePtr live_table(std::string_view name) const;
  uint32_t allocate_table_id();

  // Small records of features that own a key prefix in the `meta` database (see meta_keys.h and
  // FORMAT.md before adding one). get_meta copies the value out.
  bool get_meta(std::string_view key, std::string& value) const;
  void put_meta(std::string_view key, std::string_view value);
  void delete_meta(std::string_view key);
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

  // Time to Live (ttl_writes.cpp). When UpdateTimeToLive enables TTL, start_ttl_index schedules
  // the indexing of the table's existing items; when it disables it, drop_ttl_index schedules the
  // removal of the table's `ttl` entries (the caller saves the new definition). Writer only:
  // ttl_step advances that work by up to `max_items`; true when nothing remains.
  void start_ttl_index(uint32_t table_id);
  void drop_ttl_index(uint32_t table_id);
  bool ttl_step(uint32_t table_id, size_t max_items);
  // Deletes, through delete_item, the table's items whose TTL expiry is eligible at `now_s`
  // (ttl::eligible), looking at up to `max_entries` entries; sets `more` when entries remain.
  // Returns the number of items deleted. Reads only the `ttl` range that can be eligible.
  size_t expire_items(uint32_t table_id, int64_t now_s, size_t max_entries, bool& more);

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
  WriteTxn(MDB_txn* txn, const Databases& dbs, const Catalog& catalog, Effects& effects)
      : txn_(txn), dbs_(dbs), catalog_(catalog), effects_(effects) {}

  // Brings every index of `table` from `old` to `item` (either may be null) for the item with
  // table key `item_key`. Implemented in index_writes.cpp.
  IndexWrites update_indexes(const TableInfo& table, std::string_view item_key, const Item* old,
                             const Item* item);
  void schedule_purge(uint32_t id);
  // Brings the item's `ttl` entry from `old` to `item` (either may be null). ttl_writes.cpp.
  void update_ttl_entry(const TableInfo& table, std::string_view item_key, const Item* old,
                        const Item* item);
  bool ttl_backfill_step(uint32_t table_id, size_t max_items);
  bool ttl_drop_step(uint32_t table_id, size_t max_keys);

  MDB_txn* txn_;
  const Databases& dbs_;
  const Catalog& catalog_;
  Effects& effects_;
};

// The typed storage API over one LMDB environment. Thread-safe.
class Store {
 public:
  explicit Store(StoreOptions options);  // opens or creates; throws StorageError
  ~Store();                              // drains the writer and closes LMDB cleanly

  const Catalog& catalog() const;

  // Runs `work` in a short read-only transaction on the calling thread.
  void read(const std::function<void(ReadTxn&)>& work) const;

  // Queues a write. The writer thread runs `work` inside the next group commit; `done` is called
  // on the writer thread after the commit is durable (null) or with the exception `work` threw
  // (its changes rolled back). `work` may run more than once (a full map is grown and the batch
  // retried), so it must only assign its results, never accumulate.
  using WriteWork = std::function<void(WriteTxn&)>;
  using WriteDone = std::function<void(std::exception_ptr)>;
  void write(WriteWork work, WriteDone done);

  // Stops accepting writes, finishes queued ones, joins the writer thread. Idempotent.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace storage
