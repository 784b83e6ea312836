#pragma once

#include <array>
#include <string>
#include <string_view>

#include "storage/internal/lmdb.h"

namespace storage {

// The raw LMDB writes of one write transaction, in order: what the write-ahead log stores and
// recovery replays (FORMAT.md "Write-ahead log"). lmdb::put, lmdb::del and Cursor::del report to
// the journal installed on the calling thread (the writer's, through Scope); a nested transaction
// that rolls back takes its part back with rollback(mark).
class Journal final : public lmdb::WriteListener {
 public:
  // A write names its database by position in `dbs` (meta, items, index, ttl, streams), not by
  // handle.
  static constexpr size_t kDatabases = 5;
  using DatabaseList = std::array<MDB_dbi, kDatabases>;
  explicit Journal(const DatabaseList& dbs) : dbs_(dbs) {}

  void put(MDB_dbi dbi, std::string_view key, std::string_view value) override;
  void del(MDB_dbi dbi, std::string_view key) override;

  size_t mark() const { return bytes_.size(); }
  void rollback(size_t mark) { bytes_.resize(mark); }
  void clear() { bytes_.clear(); }
  bool empty() const { return bytes_.empty(); }
  const std::string& bytes() const { return bytes_; }

  // Applies journal bytes to `txn`, whose databases are `dbs`; false when they are malformed.
  static bool replay(std::string_view bytes, MDB_txn* txn, const DatabaseList& dbs);

  // Installs a journal on the calling thread while it lives.
  using Scope = lmdb::ListenScope;

 private:
  uint8_t position_of(MDB_dbi dbi) const;

  DatabaseList dbs_;
  std::string bytes_;
};

}  // namespace storage
