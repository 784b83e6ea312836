#pragma once

#include <filesystem>
#include <optional>

#include "storage/internal/journal.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/wal.h"

// Opening a data directory after any stop, clean or not (FORMAT.md "Write-ahead log"): LMDB goes
// back to the newest durable checkpoint's snapshot, then the log's records after it are replayed.
// A kill -9 leaves LMDB intact and a power cut may leave it torn after the snapshot; both recover
// the same way, so the path every crash test exercises is the one a power cut needs.
namespace storage::recovery {

// Before LMDB opens `dir`: puts the newest checkpoint's meta pages back. None for a new directory
// or one written before the log existed (LMDB then flushed every commit).
std::optional<wal::Checkpoint> restore_snapshot(const wal::Log& log,
                                                const std::filesystem::path& dir);

// With the databases open and the snapshot pinned by a read transaction: applies every record
// after `checkpoint`, growing the map when full. Returns the sequence number of the next record.
uint64_t replay(const wal::Log& log, const wal::Checkpoint& checkpoint, lmdb::Env& env,
                const Journal::DatabaseList& dbs);

}  // namespace storage::recovery
