#include "storage/store.h"

#include <mutex>
#include <shared_mutex>

#include "storage/coding.h"
#include "storage/file_io.h"
#include "storage/index_keys.h"
#include "storage/item_codec.h"
#include "storage/item_size.h"
#include "storage/key_codec.h"
#include "storage/lmdb.h"
#include "storage/meta_keys.h"
#include "storage/recovery.h"
#include "storage/writer.h"

namespace storage {

namespace {

// The on-disk format this build reads and writes (FORMAT.md). A database with another version is
// refused rather than misread.
constexpr uint32_t kFormatVersion = 1;
constexpr unsigned kMaxDatabases = 8;
constexpr unsigned kMaxReaders = 512;

std::string key_of(const TableInfo& table, const Item& item) {
  const std::string* sort_name = table.sort_key();
  const AttributeValue* sort = nullptr;
  if (sort_name != nullptr) {
    sort = &item.find(*sort_name)->second;
  }
  return key_codec::item_key(table.id, item.find(table.partition_key())->second, sort);
}

std::optional<Item> load_item(MDB_txn* txn, MDB_dbi dbi, const std::string& key) {
  std::string_view bytes;
  if (!lmdb::get(txn, dbi, key, bytes)) {
    return std::nullopt;
  }
  Item item;
  if (!item_codec::decode(bytes, item)) {
    throw StorageError("corrupt item record");
  }
  return item;
}

uint64_t get_u64_be(std::string_view& in) {
  uint64_t value = 0;
  coding::get_fixed64_be(in, value);
  return value;
}

}  // namespace

std::optional<Item> ReadTxn::get_item(const TableInfo& table, const Item& key) const {
  return load_item(txn_, dbs_.items, key_of(table, key));
}

void ReadTxn::walk(MDB_dbi dbi, std::string_view lower, std::string_view upper, bool reverse,
                   const RawVisitor& visit) const {
  lmdb::Cursor cursor(txn_, dbi);
  auto in_range = [&](std::string_view key) {
    return key >= lower && (upper.empty() || key < upper);
  };
  bool ok = false;
  if (!reverse) {
    ok = cursor.seek(lower);
  } else if (upper.empty() || !cursor.seek(upper)) {
    ok = cursor.last();
  } else {
    ok = cursor.prev();
  }
  for (; ok && in_range(cursor.key()); ok = reverse ? cursor.prev() : cursor.next()) {
    if (!visit(cursor.key(), cursor.value())) {
      return;
    }
  }
}

void ReadTxn::range(std::string_view lower, std::string_view upper, bool reverse,
                    const ItemVisitor& visit) const {
  Item item;
  walk(dbs_.items, lower, upper, reverse, [&](std::string_view key, std::string_view value) {
    if (!item_codec::decode(value, item)) {
      throw StorageError("corrupt item record");
    }
    return visit(key, item);
  });
}

void ReadTxn::index_range(std::string_view lower, std::string_view upper, bool reverse,
                          const ItemVisitor& visit) const {
  Item item;
  walk(dbs_.index, lower, upper, reverse, [&](std::string_view key, std::string_view item_key) {
    std::string_view bytes;
    if (!lmdb::get(txn_, dbs_.items, item_key, bytes) || !item_codec::decode(bytes, item)) {
      throw StorageError("index entry without its item");
    }
    return visit(key, item);
  });
}

void ReadTxn::index_entries(std::string_view lower, std::string_view upper,
                            const EntryVisitor& visit) const {
  walk(dbs_.index, lower, upper, false, visit);
}

void ReadTxn::ttl_entries(std::string_view lower, std::string_view upper,
                          const EntryVisitor& visit) const {
  walk(dbs_.ttl, lower, upper, false, visit);
}

std::optional<Item> WriteTxn::get_item(const TableInfo& table, const Item& key) const {
  return load_item(txn_, dbs_.items, key_of(table, key));
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
  std::string key = key_of(current, item);
  std::string value;
  item_codec::encode(item, value);
  lmdb::put(txn_, dbs_.items, key, value);
  auto& delta = effects_.stats[table.id];
  delta.bytes += static_cast<int64_t>(item_size(item));
  if (old) {
    delta.bytes -= static_cast<int64_t>(item_size(*old));
  } else {
    delta.items += 1;
  }
  update_ttl_entry(current, key, old ? &*old : nullptr, &item);
  return update_indexes(current, key, old ? &*old : nullptr, &item);
}

IndexWrites WriteTxn::delete_item(const TableInfo& table, const Item& old) {
  TablePtr live = live_table(table.id);
  const TableInfo& current = live ? *live : table;
  std::string key = key_of(current, old);
  if (!lmdb::del(txn_, dbs_.items, key)) {
    return {};
  }
  auto& delta = effects_.stats[table.id];
  delta.items -= 1;
  delta.bytes -= static_cast<int64_t>(item_size(old));
  update_ttl_entry(current, key, &old, nullptr);
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
  if (!lmdb::get(txn_, dbs_.meta, key, bytes)) {
    return false;
  }
  value.assign(bytes);
  return true;
}

void WriteTxn::put_meta(std::string_view key, std::string_view value) {
  lmdb::put(txn_, dbs_.meta, key, value);
}

void WriteTxn::delete_meta(std::string_view key) { lmdb::del(txn_, dbs_.meta, key); }

uint32_t WriteTxn::allocate_table_id() {
  std::string_view bytes;
  uint32_t next = 1;
  if (lmdb::get(txn_, dbs_.meta, meta_keys::kNextTableId, bytes)) {
    coding::get_fixed32_be(bytes, next);
  }
  std::string value;
  coding::put_fixed32_be(value, next + 1);
  lmdb::put(txn_, dbs_.meta, meta_keys::kNextTableId, value);
  return next;
}

void WriteTxn::save_table(TablePtr table) {
  lmdb::put(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kTablePrefix, table->id),
            encode_table(*table));
  effects_.saved.push_back(std::move(table));
}

void WriteTxn::delete_table(TablePtr ghost) {
  uint32_t id = ghost->id;
  lmdb::del(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kTablePrefix, id));
  for (const IndexDefinition* index : ghost->all_indexes()) {
    drop_index(index->index_id);
  }
  delete_meta(meta_keys::with_id(meta_keys::kTtlBackfillPrefix, id));
  delete_meta(meta_keys::with_id(meta_keys::kTtlDropPrefix, id));
  schedule_purge(id);  // its `ttl` entries go with its items
  effects_.deleted.push_back(std::move(ghost));
}

void WriteTxn::schedule_purge(uint32_t id) {
  lmdb::del(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kStatsPrefix, id));
  lmdb::put(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kPurgePrefix, id), "");
  effects_.stats.erase(id);
  effects_.purges.push_back(id);
}

void WriteTxn::start_backfill(uint32_t table_id, uint32_t index_id) {
  std::string record;
  coding::put_fixed32_be(record, table_id);
  lmdb::put(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kBackfillPrefix, index_id), record);
  effects_.backfills.push_back(index_id);
}

void WriteTxn::drop_index(uint32_t index_id) {
  lmdb::del(txn_, dbs_.meta, meta_keys::with_id(meta_keys::kBackfillPrefix, index_id));
  schedule_purge(index_id);
}

struct Store::Impl {
  StoreOptions options;
  lmdb::Env env;
  Databases dbs;
  Catalog catalog;
  std::shared_mutex resize_mutex;  // shared by readers; exclusive while the map grows
  std::mutex pool_mutex;
  std::vector<lmdb::Txn> read_pool;  // reset read transactions, renewed on use
  std::unique_ptr<wal::Log> log;
  uint64_t generation = 0;  // of the checkpoint written at open
  std::unique_ptr<Writer> writer;
  bool closed = false;

  void open();
  void open_databases(MDB_txn* txn);
  void check_format(MDB_txn* txn);
  void load_catalog(MDB_txn* txn);
  lmdb::Txn take_reader();
  void return_reader(lmdb::Txn txn);
};

void Store::Impl::open() {
  std::filesystem::create_directories(options.data_dir);
  log = std::make_unique<wal::Log>(options.data_dir);
  auto checkpoint = recovery::restore_snapshot(*log, options.data_dir);
  env.open(options.data_dir.string(), options.initial_map_bytes, kMaxDatabases, kMaxReaders);
  file_io::sync_directory(options.data_dir);  // a new data.mdb must outlive a crash like the log
  // Keeps the checkpoint's pages from reuse until the replayed state is flushed.
  lmdb::Txn snapshot(env.get(), nullptr, MDB_RDONLY);
  {
    lmdb::Txn txn(env.get(), nullptr, 0);
    open_databases(txn.get());
    txn.commit();
  }
  uint64_t next_seq = 0;
  if (checkpoint) {
    next_seq = recovery::replay(*log, *checkpoint, env, dbs.journaled());
  }
  {
    lmdb::Txn txn(env.get(), nullptr, 0);
    check_format(txn.get());
    load_catalog(txn.get());
    txn.commit();
  }
  // The state opened with becomes the first checkpoint: nothing before it is replayed again. It
  // overwrites the older of the two headers, so a torn write leaves the newer one in charge.
  generation = checkpoint ? checkpoint->generation + 1 : 0;
  wal::Checkpoint opened{generation, next_seq, log->epoch(), ""};
  env.sync();
  opened.meta_pages = env.read_meta_pages();
  log->write_checkpoint(opened);
  log->begin_generation(generation, next_seq);
}

void Store::Impl::open_databases(MDB_txn* txn) {
  int rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &dbs.meta);
  if (rc == 0) {
    rc = mdb_dbi_open(txn, "items", MDB_CREATE, &dbs.items);
  }
  if (rc == 0) {
    rc = mdb_dbi_open(txn, "index", MDB_CREATE, &dbs.index);
  }
  if (rc == 0) {
    // Added after format 1 shipped without a version bump: a data directory written before it
    // has no TTL-enabled table, so a `ttl` database created empty here is exactly right.
    rc = mdb_dbi_open(txn, "ttl", MDB_CREATE, &dbs.ttl);
  }
  if (rc != 0) {
    lmdb::raise("mdb_dbi_open", rc);
  }
}

void Store::Impl::check_format(MDB_txn* txn) {
  std::string_view bytes;
  if (!lmdb::get(txn, dbs.meta, meta_keys::kFormatVersion, bytes)) {
    std::string value;
    coding::put_fixed32_be(value, kFormatVersion);
    lmdb::put(txn, dbs.meta, meta_keys::kFormatVersion, value);
    return;
  }
  uint32_t version = 0;
  if (!coding::get_fixed32_be(bytes, version) || version != kFormatVersion) {
    throw StorageError("unsupported data format version " + std::to_string(version) +
                       " (this build reads version " + std::to_string(kFormatVersion) + ")");
  }
}

void Store::Impl::load_catalog(MDB_txn* txn) {
  lmdb::Cursor cursor(txn, dbs.meta);
  std::string tables(1, meta_keys::kTablePrefix);
  for (bool ok = cursor.seek(tables); ok && cursor.key().starts_with(tables); ok = cursor.next()) {
    auto table = std::make_shared<TableInfo>();
    if (!decode_table(cursor.value(), *table)) {
      throw StorageError("corrupt table record in the catalog");
    }
    catalog.put(std::move(table));
  }
  std::string stats(1, meta_keys::kStatsPrefix);
  for (bool ok = cursor.seek(stats); ok && cursor.key().starts_with(stats); ok = cursor.next()) {
    std::string_view id_bytes = cursor.key().substr(1);
    std::string_view value = cursor.value();
    uint32_t id = 0;
    if (coding::get_fixed32_be(id_bytes, id) && value.size() == 16) {
      if (auto counters = catalog.stats(id)) {
        counters->item_count = static_cast<int64_t>(get_u64_be(value));
        counters->size_bytes = static_cast<int64_t>(get_u64_be(value));
      }
    }
  }
}

lmdb::Txn Store::Impl::take_reader() {
  {
    std::lock_guard lock(pool_mutex);
    if (!read_pool.empty()) {
      lmdb::Txn txn = std::move(read_pool.back());
      read_pool.pop_back();
      txn.renew();
      return txn;
    }
  }
  return lmdb::Txn(env.get(), nullptr, MDB_RDONLY);
}

void Store::Impl::return_reader(lmdb::Txn txn) {
  txn.reset();
  std::lock_guard lock(pool_mutex);
  read_pool.push_back(std::move(txn));
}

Store::Store(StoreOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->open();
  impl_->writer =
      std::make_unique<Writer>(impl_->env, impl_->dbs, impl_->catalog, impl_->resize_mutex,
                               impl_->options, *impl_->log, impl_->generation);
  impl_->writer->start();
}

Store::~Store() { shutdown(); }

const Catalog& Store::catalog() const { return impl_->catalog; }

void Store::read(const std::function<void(ReadTxn&)>& work) const {
  std::shared_lock resize_guard(impl_->resize_mutex);
  lmdb::Txn txn = impl_->take_reader();
  ReadTxn reader(txn.get(), impl_->dbs);
  try {
    work(reader);
  } catch (...) {
    impl_->return_reader(std::move(txn));
    throw;
  }
  impl_->return_reader(std::move(txn));
}

void Store::write(WriteWork work, WriteDone done) {
  impl_->writer->submit(std::move(work), std::move(done));
}

void Store::shutdown() {
  if (impl_->closed) {
    return;
  }
  impl_->closed = true;
  impl_->writer->stop();
  {
    std::lock_guard lock(impl_->pool_mutex);
    impl_->read_pool.clear();
  }
  impl_->env.close();
}

}  // namespace storage
