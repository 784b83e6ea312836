#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "storage/catalog.h"
#include "storage/internal/commit_log.h"
#include "storage/internal/journal.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/periodic.h"
#include "storage/internal/ttl_sweeper.h"
#include "storage/internal/txn_handle.h"
#include "storage/internal/wal.h"
#include "storage/store_options.h"
#include "storage/write_txn.h"

namespace storage {

// The single writer thread: group commit. It takes every queued write request (up to a batch
// limit), runs each in a nested transaction of one write transaction, hands the transaction's
// journal to the CommitLog (which appends it to the write-ahead log and flushes as the durability
// mode says) and commits, publishes catalog changes, and only then completes each request. A store
// in memory has no CommitLog: no journal is built and the commit is all. Its LMDB writes through
// the map (a third more PutItems per second: a commit copies no pages), where transactions cannot
// nest, so its requests run in the batch's transaction itself, and one that fails after writing
// sends the batch back to its start without it. Background work runs in
// bounded steps after each foreground batch and whenever the queue is empty: index backfills
// (online GSI creation) first, then building or dropping TTL entries, then a due TTL sweep (expired
// items), then due stream trimming (streams.h), then removing the keys of deleted tables and
// indexes.
class Writer {
 public:
  // `log` is null in memory; `generation` is the checkpoint the store wrote when it opened.
  Writer(lmdb::Env& env, const Databases& dbs, Catalog& catalog, std::shared_mutex& resize_mutex,
         const StoreOptions& options, wal::Log* log, uint64_t generation);
  ~Writer();

  void start();
  void submit(WriteWork work, WriteDone done);
  // Finishes every queued request, then joins the thread. Later submits fail.
  void stop();

 private:
  struct Job {
    WriteWork work;
    WriteDone done;
    std::exception_ptr error;
  };

  void run();
  // Foreground jobs commit only once their record is flushed; internal ones (background steps)
  // without waiting: a later flush covers them, and a crash before it redoes them.
  void commit_batch(std::vector<Job>& jobs, bool foreground);
  void try_batch(std::vector<Job>& jobs, bool foreground);
  // Starts journaling a top-level transaction's writes for the log (none in memory).
  std::optional<Journal::Scope> journaling();
  // Commits `txn` (a top-level transaction), through the log when there is one.
  void commit(lmdb::Txn& txn, bool foreground);
  std::exception_ptr broken() const;
  std::chrono::steady_clock::time_point next_wake() const;
  // Runs every job in one top-level transaction, which it returns uncommitted.
  lmdb::Txn run_jobs(std::vector<Job>& jobs, WriteTxn::Effects& effects);
  // Runs `job` in a nested transaction of `parent`, or through the map in `parent` itself. False
  // when it failed and `parent` may hold part of its writes: the batch must start again without it.
  bool run_job(MDB_txn* parent, Job& job, WriteTxn::Effects& effects);
  void write_stats(MDB_txn* txn, const WriteTxn::Effects& effects);
  void publish(const WriteTxn::Effects& effects);
  bool background_pending() const;
  void background_step();
  void backfill_step();
  void ttl_index_step();
  void sweep_step();
  void trim_step();
  void purge_step();
  // Runs `step` as an internal job (nested transaction, map growth, stats, catalog publication);
  // returns its result, or true when it failed (logged; resumed from its record at next start).
  bool run_internal(const std::string& what, const std::function<bool(WriteTxn&)>& step);
  void load_background_work();
  void grow_map();

  lmdb::Env& env_;
  bool through_map_;  // in memory (see above)
  const Databases& dbs_;
  Catalog& catalog_;
  std::shared_mutex& resize_mutex_;
  size_t max_batch_;
  size_t backfill_batch_items_;
  Clock clock_;                     // the store's wall clock
  StreamSettings stream_settings_;  // shard rollover (in every WriteTxn) and retention
  WriteTxn::Context txn_context_;   // lent to every WriteTxn: the two above
  TtlSweeper sweeper_;              // writer thread only
  Periodic stream_trim_;            // writer thread only
  size_t stream_trim_batch_records_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::set<uint32_t> purges_;     // table and index ids; writer thread only
  std::set<uint32_t> backfills_;  // index ids; writer thread only
  std::set<uint32_t> ttl_jobs_;   // table ids with TTL entries to build or drop; writer only

  Journal journal_;                 // writer thread only
  std::unique_ptr<CommitLog> log_;  // null in memory
  std::thread thread_;
};

}  // namespace storage
