#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "storage/internal/lmdb.h"
#include "storage/internal/wal.h"

namespace storage {

// Makes checkpoints durable on its own thread: flushes LMDB's data file, then writes the
// checkpoint header to the log. The writer keeps committing meanwhile; it only has to keep the
// checkpoint's snapshot pinned until `done` has run (wal.h, FORMAT.md "Write-ahead log").
class Checkpointer {
 public:
  Checkpointer(lmdb::Env& env, wal::Log& log);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Starts one checkpoint; `done(ok)` runs on the checkpointer thread when it is on disk (true) or
  // failed (false, logged). One at a time: the caller waits for `done` before the next.
  void start(wal::Checkpoint checkpoint, std::function<void(bool ok)> done);
  // Flushes and writes `checkpoint` on the calling thread; throws StorageError.
  void write_now(const wal::Checkpoint& checkpoint);
  void stop();  // after the running checkpoint; idempotent

 private:
  void run();
  void write_out();

  lmdb::Env& env_;
  wal::Log& log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<wal::Checkpoint> next_;
  std::function<void(bool)> done_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace storage
