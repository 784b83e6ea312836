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

namespace storage {

// The single writer thread: group commit. It takes every queued write request (up to a batch
// limit), runs each in a nested transaction of one write transaction, commits once (one fsync for
// the batch), publishes catalog changes, and only then completes each request. Background work
// runs in bounded steps after each foreground batch and whenever the queue is empty: index
// backfills (online GSI creation) first, then removing the keys of deleted tables and indexes.
class Writer {
 public:
  Writer(lmdb::Env& env, const Databases& dbs, Catalog& catalog, std::shared_mutex& resize_mutex,
         size_t max_batch, size_t backfill_batch_items);
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
  void purge_step();
  void load_background_work();
  void grow_map();

  lmdb::Env& env_;
  const Databases& dbs_;
  Catalog& catalog_;
  std::shared_mutex& resize_mutex_;
  size_t max_batch_;
  size_t backfill_batch_items_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::set<uint32_t> purges_;     // table and index ids; writer thread only
  std::set<uint32_t> backfills_;  // index ids; writer thread only
  std::thread thread_;
};

}  // namespace storage
