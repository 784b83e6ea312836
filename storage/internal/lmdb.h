#pragma once

#include <lmdb.h>

#include <string>
#include <string_view>

#include "storage/error.h"

namespace storage {

// Thin RAII wrappers in the lmdbxx style: "not found" is a bool, every other failure a
// StorageError naming the LMDB function. Views returned by get() live until the transaction ends
// or the next write in it.
namespace lmdb {

[[noreturn]] void raise(const char* origin, int rc);

// Hears every successful put and delete made through this wrapper on the thread it is installed
// on: the writer's journal (journal.h) records them for the write-ahead log. The wrapper knows
// only this interface, so the journal depends on it and not the other way round.
class WriteListener {
 public:
  virtual void put(MDB_dbi dbi, std::string_view key, std::string_view value) = 0;
  virtual void del(MDB_dbi dbi, std::string_view key) = 0;

 protected:
  ~WriteListener() = default;
};

// The listener installed on the calling thread (null: writes are heard by nobody).
WriteListener* current_listener();

// Installs `listener` on the calling thread while it lives.
class ListenScope {
 public:
  explicit ListenScope(WriteListener& listener);
  ~ListenScope();
  ListenScope(const ListenScope&) = delete;
  ListenScope& operator=(const ListenScope&) = delete;

 private:
  WriteListener* previous_;
};

inline MDB_val to_val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}
inline std::string_view to_view(const MDB_val& val) {
  return {static_cast<const char*>(val.mv_data), val.mv_size};
}

class Env {
 public:
  Env() = default;
  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // Opens `dir` with MDB_NOTLS | MDB_NOSYNC and `extra_flags` (MDB_NOMETASYNC | MDB_WRITEMAP in
  // memory).
  void open(const std::string& dir, size_t map_bytes, unsigned max_dbs, unsigned max_readers,
            unsigned extra_flags = 0);
  void close();
  void set_map_size(size_t bytes);
  size_t map_size() const;
  // The highest page number in use: how far into the data file the last commit reached.
  size_t last_page() const;
  // Flushes every committed transaction to disk (the environment is opened MDB_NOSYNC).
  void sync();
  int fd() const;  // the data file's descriptor
  size_t page_size() const;
  // Opened MDB_WRITEMAP: commits write no pages (they were changed in the map), and write
  // transactions cannot nest.
  bool writes_through_map() const;
  // The two meta pages as the last commit left them (see restore_meta_pages).
  std::string read_meta_pages() const;
  MDB_env* get() const { return env_; }

 private:
  MDB_env* env_ = nullptr;
};

class Txn {
 public:
  Txn() = default;
  Txn(MDB_env* env, MDB_txn* parent, unsigned flags);
  ~Txn() { abort(); }
  Txn(Txn&& other) noexcept : txn_(other.txn_) { other.txn_ = nullptr; }
  Txn& operator=(Txn&& other) noexcept;

  void commit();
  void abort() noexcept;
  // Read-only transactions can be parked and reused (keeps the reader slot).
  void reset() noexcept;
  void renew();
  MDB_txn* get() const { return txn_; }
  explicit operator bool() const { return txn_ != nullptr; }

 private:
  MDB_txn* txn_ = nullptr;
};

// Puts meta pages saved by Env::read_meta_pages back into `dir`'s data file (closed) and flushes
// them: the environment then opens at that snapshot, provided its pages were never reused.
void restore_meta_pages(const std::string& dir, std::string_view pages);

bool get(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view& value);
void put(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view value,
         unsigned flags = 0);
bool del(MDB_txn* txn, MDB_dbi dbi, std::string_view key);

class Cursor {
 public:
  Cursor(MDB_txn* txn, MDB_dbi dbi);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // Positions at the first key >= `key`. False when there is none.
  bool seek(std::string_view key);
  bool next();
  bool prev();
  bool last();
  std::string_view key() const { return to_view(key_); }
  std::string_view value() const { return to_view(value_); }
  void del();

 private:
  bool move(MDB_cursor_op op);
  MDB_dbi dbi_;
  MDB_cursor* cursor_ = nullptr;
  MDB_val key_{};
  MDB_val value_{};
};

}  // namespace lmdb
}  // namespace storage
