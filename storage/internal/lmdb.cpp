#include "storage/internal/lmdb.h"

#include <fcntl.h>
#include <unistd.h>

#include "storage/internal/file_io.h"

namespace storage::lmdb {

namespace {

thread_local WriteListener* t_listener = nullptr;

}  // namespace

void raise(const char* origin, int rc) {
  throw StorageError(std::string(origin) + ": " + mdb_strerror(rc), rc);
}

WriteListener* current_listener() { return t_listener; }

ListenScope::ListenScope(WriteListener& listener) : previous_(t_listener) {
  t_listener = &listener;
}

ListenScope::~ListenScope() { t_listener = previous_; }

Env::~Env() { close(); }

void Env::open(const std::string& dir, size_t map_bytes, unsigned max_dbs, unsigned max_readers,
               unsigned extra_flags) {
  int rc = mdb_env_create(&env_);
  if (rc != 0) {
    raise("mdb_env_create", rc);
  }
  mdb_env_set_maxdbs(env_, max_dbs);
  mdb_env_set_maxreaders(env_, max_readers);
  mdb_env_set_mapsize(env_, map_bytes);
  // MDB_NOTLS: read transactions are pooled and used from any I/O thread. MDB_NOSYNC: commits
  // are made durable by the write-ahead log, and LMDB is flushed at checkpoints (wal.h); in memory
  // nothing is ever flushed. MDB_WRITEMAP only in memory, where no log needs the writer's nested
  // transactions (writer.h).
  rc = mdb_env_open(env_, dir.c_str(), MDB_NOTLS | MDB_NOSYNC | extra_flags, 0644);
  if (rc != 0) {
    mdb_env_close(env_);
    env_ = nullptr;
    raise("mdb_env_open", rc);
  }
  int dead = 0;
  mdb_reader_check(env_, &dead);  // clear slots left by a crashed process
}

void Env::close() {
  if (env_ != nullptr) {
    mdb_env_close(env_);
    env_ = nullptr;
  }
}

void Env::set_map_size(size_t bytes) {
  int rc = mdb_env_set_mapsize(env_, bytes);
  if (rc != 0) {
    raise("mdb_env_set_mapsize", rc);
  }
}

void Env::sync() {
  int rc = mdb_env_sync(env_, 1);
  if (rc != 0) {
    raise("mdb_env_sync", rc);
  }
}

int Env::fd() const {
  mdb_filehandle_t fd = -1;
  mdb_env_get_fd(env_, &fd);
  return fd;
}

size_t Env::page_size() const {
  MDB_stat stat;
  mdb_env_stat(env_, &stat);
  return stat.ms_psize;
}

bool Env::writes_through_map() const {
  unsigned flags = 0;
  mdb_env_get_flags(env_, &flags);
  return (flags & MDB_WRITEMAP) != 0;
}

// LMDB keeps its two meta pages, which name the root of each snapshot, at pages 0 and 1 of
// data.mdb; everything else is reached from them.
std::string Env::read_meta_pages() const {
  std::string pages;
  if (!file_io::read_exact(fd(), pages, 2 * page_size(), 0)) {
    throw StorageError("reading LMDB's meta pages failed");
  }
  return pages;
}

void restore_meta_pages(const std::string& dir, std::string_view pages) {
  std::string path = dir + "/data.mdb";
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    throw StorageError("restoring LMDB's meta pages: cannot open " + path);
  }
  try {
    if (file_io::size_of(fd) < pages.size()) {
      throw StorageError("restoring LMDB's meta pages: " + path + " is too short");
    }
    file_io::write_all(fd, pages, {}, 0, "restoring LMDB's meta pages");
    file_io::sync_data(fd, "restoring LMDB's meta pages");
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

size_t Env::map_size() const {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  return info.me_mapsize;
}

size_t Env::last_page() const {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  return info.me_last_pgno;
}

Txn::Txn(MDB_env* env, MDB_txn* parent, unsigned flags) {
  int rc = mdb_txn_begin(env, parent, flags, &txn_);
  if (rc != 0) {
    txn_ = nullptr;
    raise("mdb_txn_begin", rc);
  }
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    abort();
    txn_ = other.txn_;
    other.txn_ = nullptr;
  }
  return *this;
}

void Txn::commit() {
  MDB_txn* txn = txn_;
  txn_ = nullptr;  // a failed commit frees the transaction too
  int rc = mdb_txn_commit(txn);
  if (rc != 0) {
    raise("mdb_txn_commit", rc);
  }
}

void Txn::abort() noexcept {
  if (txn_ != nullptr) {
    mdb_txn_abort(txn_);
    txn_ = nullptr;
  }
}

void Txn::reset() noexcept {
  if (txn_ != nullptr) {
    mdb_txn_reset(txn_);
  }
}

void Txn::renew() {
  int rc = mdb_txn_renew(txn_);
  if (rc != 0) {
    raise("mdb_txn_renew", rc);
  }
}

bool get(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view& value) {
  MDB_val k = to_val(key);
  MDB_val v{};
  int rc = mdb_get(txn, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) {
    return false;
  }
  if (rc != 0) {
    raise("mdb_get", rc);
  }
  value = to_view(v);
  return true;
}

void put(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  int rc = mdb_put(txn, dbi, &k, &v, flags);
  if (rc != 0) {
    raise("mdb_put", rc);
  }
  if (WriteListener* listener = t_listener) {
    listener->put(dbi, key, value);
  }
}

bool del(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  int rc = mdb_del(txn, dbi, &k, nullptr);
  if (rc == MDB_NOTFOUND) {
    return false;
  }
  if (rc != 0) {
    raise("mdb_del", rc);
  }
  if (WriteListener* listener = t_listener) {
    listener->del(dbi, key);
  }
  return true;
}

Cursor::Cursor(MDB_txn* txn, MDB_dbi dbi) : dbi_(dbi) {
  int rc = mdb_cursor_open(txn, dbi, &cursor_);
  if (rc != 0) {
    raise("mdb_cursor_open", rc);
  }
}

Cursor::~Cursor() { mdb_cursor_close(cursor_); }

bool Cursor::move(MDB_cursor_op op) {
  int rc = mdb_cursor_get(cursor_, &key_, &value_, op);
  if (rc == MDB_NOTFOUND) {
    return false;
  }
  if (rc != 0) {
    raise("mdb_cursor_get", rc);
  }
  return true;
}

bool Cursor::seek(std::string_view key) {
  key_ = to_val(key);
  return move(MDB_SET_RANGE);
}

bool Cursor::next() { return move(MDB_NEXT); }
bool Cursor::prev() { return move(MDB_PREV); }
bool Cursor::last() { return move(MDB_LAST); }

void Cursor::del() {
  // Heard first, while the key is still readable: a failure throws, and the transaction that
  // rolls back takes its journal with it.
  if (WriteListener* listener = t_listener) {
    listener->del(dbi_, key());
  }
  int rc = mdb_cursor_del(cursor_, 0);
  if (rc != 0) {
    raise("mdb_cursor_del", rc);
  }
}

}  // namespace storage::lmdb
