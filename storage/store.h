#pragma once

#include <lmdb.h>

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
#include "storage/schema.h"
#include "storage/value.h"

namespace storage {

struct StoreOptions {
  std::filesystem::path data_dir;           // created if missing
  uint64_t initial_map_bytes = 1ull << 30;  // LMDB map size; grows when full
  size_t max_batch = 512;                   // most write requests in one group commit
};

// The named databases, opened once at startup (FORMAT.md).
struct Databases {
  MDB_dbi meta = 0;
  MDB_dbi items = 0;
};

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

 private:
  MDB_txn* txn_;
  const Databases& dbs_;
};

// One write request's view of the group-commit transaction (a nested LMDB transaction: if the
// request throws, only its own changes roll back). Writer thread only.
class WriteTxn {
 public:
  std::optional<Item> get_item(const TableInfo& table, const Item& key) const;
  // Stores `item`, replacing `old` (the current item with that key, as returned by get_item).
  void put_item(const TableInfo& table, const Item& item, const std::optional<Item>& old);
  // Deletes `old` (the current item, as returned by get_item).
  void delete_item(const TableInfo& table, const Item& old);

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
  // Drops the definition, schedules its items for background removal, and keeps `ghost` (status
  // DELETING) visible to DescribeTable until it settles.
  void delete_table(TablePtr ghost);

 private:
  friend class Writer;
  struct StatsDelta {
    int64_t items = 0;
    int64_t bytes = 0;
  };
  struct Effects {
    std::vector<TablePtr> saved;
    std::vector<TablePtr> deleted;
    std::map<uint32_t, StatsDelta> stats;
  };
  WriteTxn(MDB_txn* txn, const Databases& dbs, const Catalog& catalog, Effects& effects)
      : txn_(txn), dbs_(dbs), catalog_(catalog), effects_(effects) {}

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
