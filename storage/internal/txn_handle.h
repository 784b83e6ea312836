#pragma once

#include <lmdb.h>

#include "storage/internal/journal.h"

namespace storage {

// The named databases, opened once at startup (FORMAT.md).
struct Databases {
  MDB_dbi meta = 0;
  MDB_dbi items = 0;
  MDB_dbi index = 0;    // secondary index entries of every table (FORMAT.md "Index entries")
  MDB_dbi ttl = 0;      // expiry time -> item key, for TTL-enabled tables (FORMAT.md "TTL entries")
  MDB_dbi streams = 0;  // stream id, sequence number -> stream record (FORMAT.md "Streams")

  // The order the write-ahead log names them in (a format: append only).
  Journal::DatabaseList journaled() const { return {meta, items, index, ttl, streams}; }
};

// What a ReadTxn or WriteTxn stands on: one LMDB transaction and the databases. The public
// headers only name this type, so LMDB stays out of them.
struct TxnHandle {
  MDB_txn* txn = nullptr;
  Databases dbs;
};

}  // namespace storage
