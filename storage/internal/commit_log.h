#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "storage/internal/checkpointer.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/wal.h"
#include "storage/store_options.h"

namespace storage {

// The writer thread's side of the write-ahead log (FORMAT.md "Write-ahead log"). Each commit's
// journal is appended to the log before LMDB commits, so no reader ever sees a write that is not
// in the log file; the durability mode (store_options.h) decides when the log is flushed. Every
// `checkpoint_commits` commits (or log bytes, data-file growth, or interval) it starts a checkpoint
// on the Checkpointer and pins that snapshot with a read transaction until the checkpoint is on
// disk, so that LMDB cannot reuse its pages. A store in memory has none of this. Writer thread
// only, except checkpoint_finished().
class CommitLog {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // `generation` is the checkpoint the store wrote when it opened (LMDB flushed, nothing to
  // replay). `wake_writer` runs on the checkpointer thread when a checkpoint ends.
  CommitLog(lmdb::Env& env, wal::Log& log, const StoreOptions& options, uint64_t generation,
            std::function<void()> wake_writer);
  CommitLog(const CommitLog&) = delete;
  CommitLog& operator=(const CommitLog&) = delete;

  void start();  // pins the snapshot the store opened with
  // Appends `journal` (the writes of `txn`, a top-level transaction) to the log, flushes it when
  // `foreground` and the durability is full, then commits `txn`. Throws StorageError.
  void commit(lmdb::Txn& txn, std::string_view journal, bool foreground);
  // Between batches: takes a finished checkpoint (ending the older pin), starts a due one, and
  // under relaxed durability flushes the log once its oldest unflushed record is due.
  void step(TimePoint now);
  // When step() next has timed work: an interval checkpoint or a relaxed flush.
  TimePoint next_due() const;
  // Any thread: the running checkpoint has ended (the writer's wake-up condition).
  bool checkpoint_finished() const;
  // Set once a checkpoint or a relaxed flush failed: every later write fails with it.
  const std::exception_ptr& broken() const { return broken_; }
  // At stop: waits for the running checkpoint, flushes the log and writes a last checkpoint (so the
  // next start has nothing to replay), and ends the pins.
  void close();

 private:
  void take_finished_checkpoint();
  void start_checkpoint();
  void flush_if_due(TimePoint now);

  lmdb::Env& env_;
  wal::Log& log_;
  Durability durability_;
  std::function<void()> wake_writer_;
  Checkpointer checkpointer_;
  size_t checkpoint_commits_;
  uint64_t checkpoint_log_bytes_;
  std::chrono::milliseconds checkpoint_interval_;
  size_t checkpoint_growth_pages_;
  size_t last_page_at_checkpoint_;  // LMDB's last used page when the newest checkpoint started
  uint64_t generation_;             // the newest checkpoint started
  bool checkpoint_running_ = false;
  mutable std::mutex done_mutex_;  // guards the two flags below, set by the checkpointer
  std::condition_variable done_;
  bool checkpoint_finished_ = false;
  bool checkpoint_failed_ = false;
  std::exception_ptr broken_;
  size_t commits_since_checkpoint_ = 0;
  TimePoint last_checkpoint_;
  std::optional<TimePoint> unflushed_since_;  // the oldest record not yet flushed (relaxed only)
  lmdb::Txn durable_pin_;                     // the snapshot of the newest durable checkpoint
  lmdb::Txn running_pin_;                     // the snapshot of the checkpoint being written
};

}  // namespace storage
