#include "storage/store.h"

#include <mutex>
#include <shared_mutex>

#include "storage/internal/coding.h"
#include "storage/internal/file_io.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/recovery.h"
#include "storage/internal/table_codec.h"
#include "storage/internal/txn_handle.h"
#include "storage/internal/wal.h"
#include "storage/internal/writer.h"

namespace storage {

namespace {

// The on-disk format this build reads and writes (FORMAT.md). A database with another version is
// refused rather than misread.
constexpr uint32_t kFormatVersion = 1;
constexpr unsigned kMaxDatabases = 8;
constexpr unsigned kMaxReaders = 512;

uint64_t get_u64_be(std::string_view& in) {
  uint64_t value = 0;
  coding::get_fixed64_be(in, value);
  return value;
}

// The options with a clock: the system clock unless a test gave its own.
StoreOptions with_clock(StoreOptions options) {
  if (!options.clock) {
    options.clock = system_now;
  }
  return options;
}

}  // namespace

struct Store::Impl {
  explicit Impl(StoreOptions o) : options(std::move(o)), catalog(options.clock) {}

  StoreOptions options;  // its clock is set (the system clock when none was given)
  lmdb::Env env;
  Databases dbs;
  Catalog catalog;
  std::shared_mutex resize_mutex;  // shared by readers; exclusive while the map grows
  std::mutex pool_mutex;
  std::vector<lmdb::Txn> read_pool;  // reset read transactions, renewed on use
  std::unique_ptr<wal::Log> log;     // null in memory
  uint64_t generation = 0;           // of the checkpoint written at open
  std::unique_ptr<Writer> writer;
  bool closed = false;

  void open();
  void open_logged();
  void open_in_memory();
  void open_databases(MDB_txn* txn);
  void check_format(MDB_txn* txn);
  void load_catalog(MDB_txn* txn);
  lmdb::Txn take_reader();
  void return_reader(lmdb::Txn txn);
};

void Store::Impl::open() {
  if (options.in_memory) {
    open_in_memory();
  } else {
    open_logged();
  }
}

void Store::Impl::open_logged() {
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

// LMDB in a directory of its own, removed as soon as the environment is open: Linux keeps an open
// and mapped file alive after its last name is gone, so even a kill -9 leaves nothing behind, and
// two stores in memory never share a file. The directory is made under $TMPDIR or /tmp rather
// than /dev/shm, which containers often cap at 64 MB: with syncing off, an unlinked file there
// lives in the page cache and nothing ever waits for the disk (the kernel may still write dirty
// pages back in the background), while a full tmpfs would end the map's growth.
void Store::Impl::open_in_memory() {
  std::filesystem::path parent =
      options.data_dir.empty() ? std::filesystem::temp_directory_path() : options.data_dir;
  std::filesystem::create_directories(parent);
  std::filesystem::path dir = file_io::make_unique_directory(parent, "ddbd-");
  std::error_code removed;
  try {
    // Through the map: a commit then copies no pages into the file (writer.h).
    env.open(dir.string(), options.initial_map_bytes, kMaxDatabases, kMaxReaders,
             MDB_NOMETASYNC | MDB_WRITEMAP);
  } catch (...) {
    std::filesystem::remove_all(dir, removed);
    throw;
  }
  std::filesystem::remove_all(dir, removed);
  if (removed) {
    throw StorageError("cannot remove " + dir.string() + ": " + removed.message());
  }
  lmdb::Txn txn(env.get(), nullptr, 0);
  open_databases(txn.get());
  check_format(txn.get());
  load_catalog(txn.get());
  txn.commit();
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
  if (rc == 0) {
    // Likewise: a data directory written before streams existed has no stream, and an empty
    // `streams` database is exactly right.
    rc = mdb_dbi_open(txn, "streams", MDB_CREATE, &dbs.streams);
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

Store::Store(StoreOptions options) : impl_(std::make_unique<Impl>(with_clock(std::move(options)))) {
  impl_->open();
  impl_->writer =
      std::make_unique<Writer>(impl_->env, impl_->dbs, impl_->catalog, impl_->resize_mutex,
                               impl_->options, impl_->log.get(), impl_->generation);
  impl_->writer->start();
}

Store::~Store() { shutdown(); }

const Catalog& Store::catalog() const { return impl_->catalog; }

const Clock& Store::clock() const { return impl_->options.clock; }

int64_t Store::now_ms() const { return epoch_ms(impl_->options.clock); }

void Store::read(const std::function<void(ReadTxn&)>& work) const {
  std::shared_lock resize_guard(impl_->resize_mutex);
  lmdb::Txn txn = impl_->take_reader();
  TxnHandle handle{txn.get(), impl_->dbs};
  ReadTxn reader(handle);
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
