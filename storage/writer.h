#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "storage/catalog.h"
#include "storage/lmdb.h"
#include "storage/store.h"
#include "storage/ttl_sweeper.h"

namespace storage {

// The single writer thread: group commit. It takes every queued write request (up to a batch
// limit), runs each in a nested transaction of one write transaction, commits once (one fsync for
// the batch), publishes catalog changes, and only then completes each request. Background work
// runs in bounded steps after each foreground batch and whenever the queue is empty: index
// backfills (online GSI creation) first, then building or dropping TTL entries, then a due TTL
// sweep (expired items), then removing the keys of deleted tables and indexes.
class Writer {
 public:
  Writer(lmdb::Env& env, const Databases& dbs, Catalog& catalog, std::shared_mutex& resize_mutex,
         const StoreOptions& options);
  ~Writer();

  void start();
  void submit(Store::WriteWork work, Store::WriteDone done);
  // Finishes every queued request, then joins the thread. Later submits fail.
  void stop();

 private:
  struct Job {
    Store::WriteWork work;
    Store::WriteDone done;
    std::exception_ptr error;
  };

  void run();
  void commit_batch(std::vector<Job>& jobs);
  void try_batch(std::vector<Job>& jobs);
  void run_job(MDB_txn* parent, Job& job, WriteTxn::Effects& effects);
  void write_stats(MDB_txn* txn, const WriteTxn::Effects& effects);
  void publish(const WriteTxn::Effects& effects);
  bool background_pending() const;
  void background_step();
  void backfill_step();
  void ttl_index_step();
  void sweep_step();
  void purge_step();
  // Runs `step` as an internal job (nested transaction, map growth, stats, catalog publication);
  // returns its result, or true when it failed (logged; resumed from its record at next start).
  bool run_internal(const std::string& what, const std::function<bool(WriteTxn&)>& step);
  void load_background_work();
  void grow_map();

  lmdb::Env& env_;
  const Databases& dbs_;
  Catalog& catalog_;
  std::shared_mutex& resize_mutex_;
  size_t max_batch_;
  size_t backfill_batch_items_;
  TtlSweeper sweeper_;  // writer thread only

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::set<uint32_t> purges_;     // table and index ids; writer thread only
  std::set<uint32_t> backfills_;  // index ids; writer thread only
  std::set<uint32_t> ttl_jobs_;   // table ids with TTL entries to build or drop; writer only
  std::thread thread_;
};

}  // namespace storage
