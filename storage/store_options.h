#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "storage/clock.h"

namespace storage {

// DynamoDB Streams (streams.h): when a shard closes, and how long records, closed shards and
// disabled streams live.
struct StreamSettings {
  int64_t shard_span_ms = 4 * 3600 * 1000;  // a shard older than this closes at the next record
  uint64_t shard_max_records = 0;           // ... or holding this many records (0: no limit)
  int64_t retention_ms = 24 * 3600 * 1000;
};

// When a write is acknowledged (README "Durability", FORMAT.md "Write-ahead log"). Every mode
// writes a group commit's log record to the log file before LMDB commits it, so a killed process
// loses nothing that was acknowledged (the kernel holds what was written). full: acknowledged after
// the record is flushed to disk (fdatasync). relaxed: acknowledged once written; the writer flushes
// the log within 5 ms of the oldest unflushed record, so a power cut or an OS crash loses at most
// about those last milliseconds. none: acknowledged once written, and the log is flushed only by
// checkpoints and shutdown: a power cut may lose what came after the newest checkpoint on disk
// (one starts at least every second while writes come in). Recovery replays the log in every
// mode. Never renumber: nothing stores it, but options files name it.
enum class Durability { kFull, kRelaxed, kNone };

struct StoreOptions {
  // Created if missing. In memory: where the store makes its own directory (empty: $TMPDIR, else
  // /tmp), whose files it removes as soon as they are open.
  std::filesystem::path data_dir;
  Durability durability = Durability::kFull;  // ignored in memory
  // Everything in memory: no write-ahead log (no records, flushes, checkpoints or checkpointer
  // thread), LMDB never flushed, and its files removed as soon as they are open, so nothing is
  // left behind even after a kill, and every store in memory starts empty.
  bool in_memory = false;
  uint64_t initial_map_bytes = 1ull << 30;  // LMDB map size; grows when full
  size_t max_batch = 512;                   // most write requests in one group commit
  size_t backfill_batch_items = 1000;       // items a GSI backfill indexes per background step
  // The wall clock (clock.h); null: the system clock. Tests inject their own.
  Clock clock{};
  // Time to Live: how often the sweeper looks for expired items, and how many it deletes per step.
  std::chrono::milliseconds ttl_sweep_interval{1000};
  size_t ttl_sweep_batch_items = 500;
  // Streams: shard span and retention, and how often, and in steps of how many records, the
  // writer trims what the retention has passed.
  StreamSettings streams{};
  std::chrono::milliseconds stream_trim_interval{1000};
  size_t stream_trim_batch_records = 1000;
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

}  // namespace storage
