#include "storage/internal/writer.h"

#include <algorithm>
#include <iostream>
#include <mutex>

#include "storage/internal/key_codec.h"
#include "storage/internal/meta_keys.h"
#include "storage/streams.h"

namespace storage {

namespace {

// Keys removed per background purge transaction: small enough that a foreground batch never waits
// long behind one. (Backfill steps are sized by StoreOptions::backfill_batch_items.)
constexpr size_t kPurgeBatchKeys = 1000;

// Hears whether a request wrote anything: through the map, a request that fails before its first
// write (a failed condition, typically) leaves the batch's transaction as it found it.
class WritesHeard final : public lmdb::WriteListener {
 public:
  void put(MDB_dbi, std::string_view, std::string_view) override { any = true; }
  void del(MDB_dbi, std::string_view) override { any = true; }
  bool any = false;
};

}  // namespace

Writer::Writer(lmdb::Env& env, const Databases& dbs, Catalog& catalog,
               std::shared_mutex& resize_mutex, const StoreOptions& options, wal::Log* log,
               uint64_t generation)
    : env_(env),
      through_map_(env.writes_through_map()),
      dbs_(dbs),
      catalog_(catalog),
      resize_mutex_(resize_mutex),
      max_batch_(options.max_batch),
      backfill_batch_items_(options.backfill_batch_items),
      clock_(options.clock),
      stream_settings_(options.streams),
      txn_context_{clock_, stream_settings_},
      sweeper_(catalog, options.clock, options.ttl_sweep_interval, options.ttl_sweep_batch_items),
      stream_trim_(options.stream_trim_interval),
      stream_trim_batch_records_(std::max<size_t>(options.stream_trim_batch_records, 1)),
      journal_(dbs.journaled()) {
  if (log != nullptr) {
    log_ = std::make_unique<CommitLog>(env, *log, options, generation, [this] {
      std::lock_guard lock(mutex_);
      wake_.notify_one();
    });
  }
}

Writer::~Writer() { stop(); }

void Writer::start() {
  load_background_work();
  if (log_) {
    log_->start();
  }
  thread_ = std::thread([this] { run(); });
}

void Writer::submit(WriteWork work, WriteDone done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Job{std::move(work), std::move(done), nullptr});
      wake_.notify_one();
      return;
    }
  }
  done(std::make_exception_ptr(StorageError("the store is shutting down")));
}

void Writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
}

void Writer::run() {
  std::vector<Job> jobs;
  for (;;) {
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      // Wakes for a request, for background work, when the running checkpoint is on disk, or when
      // the next TTL sweep, stream trim, time-based checkpoint or relaxed log flush is due.
      wake_.wait_until(lock, next_wake(), [&] {
        return stopping_ || !queue_.empty() || background_pending() ||
               (log_ && log_->checkpoint_finished());
      });
      stopping = stopping_ && queue_.empty();
      size_t take = std::min(queue_.size(), max_batch_);
      for (size_t i = 0; i < take; ++i) {
        jobs.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (stopping) {
      break;
    }
    if (!jobs.empty()) {
      commit_batch(jobs, true);
      jobs.clear();
    }
    // One bounded background step between foreground batches: under a steady write load the
    // background work still advances, and no request waits behind more than one step.
    if (background_pending()) {
      background_step();
    }
    if (log_) {
      log_->step(std::chrono::steady_clock::now());
    }
  }
  if (log_) {
    log_->close();
  }
}

std::chrono::steady_clock::time_point Writer::next_wake() const {
  auto wake = std::min(sweeper_.next_due(), stream_trim_.next_due());
  return log_ ? std::min(wake, log_->next_due()) : wake;
}

std::exception_ptr Writer::broken() const { return log_ ? log_->broken() : nullptr; }

std::optional<Journal::Scope> Writer::journaling() {
  if (!log_) {
    return std::nullopt;
  }
  journal_.clear();
  return std::optional<Journal::Scope>(std::in_place, journal_);
}

void Writer::commit(lmdb::Txn& txn, bool foreground) {
  if (log_) {
    log_->commit(txn, journal_.bytes(), foreground);
  } else {
    txn.commit();
  }
}

void Writer::commit_batch(std::vector<Job>& jobs, bool foreground) {
  if (auto error = broken()) {
    for (auto& job : jobs) {
      job.done(error);
    }
    return;
  }
  try {
    try_batch(jobs, foreground);
  } catch (const StorageError& e) {
    if (e.lmdb_code() != MDB_MAP_FULL) {
      for (auto& job : jobs) {
        job.done(std::current_exception());
      }
      return;
    }
    grow_map();
    try {
      try_batch(jobs, foreground);
    } catch (...) {
      for (auto& job : jobs) {
        job.done(std::current_exception());
      }
    }
  }
}

// Runs every job, commits once, then completes them. Throws StorageError (before completing
// anything) when the batch as a whole cannot commit.
void Writer::try_batch(std::vector<Job>& jobs, bool foreground) {
  WriteTxn::Effects effects;
  {
    auto journal = journaling();
    lmdb::Txn txn = run_jobs(jobs, effects);
    write_stats(txn.get(), effects);
    // Failed jobs wait for the flush too: their answers may rest on earlier unflushed writes.
    commit(txn, foreground);
  }
  publish(effects);
  for (auto& job : jobs) {
    job.done(job.error);
  }
}

lmdb::Txn Writer::run_jobs(std::vector<Job>& jobs, WriteTxn::Effects& effects) {
  // Each start drops at least one more job (nested transactions never start again), so a batch
  // starts at most once per job; the jobs before a dropped one run again on the same state.
  std::vector<bool> dropped(jobs.size());
  for (;;) {
    lmdb::Txn txn(env_.get(), nullptr, 0);
    effects = {};
    bool clean = true;
    for (size_t i = 0; i < jobs.size() && clean; ++i) {
      if (!dropped[i]) {
        clean = run_job(txn.get(), jobs[i], effects);
        dropped[i] = !clean;
      }
    }
    if (clean) {
      return txn;
    }
  }
}

bool Writer::run_job(MDB_txn* parent, Job& job, WriteTxn::Effects& effects) {
  // The job starts from the batch's effects so far (catalog changes it must see, counts, scheduled
  // background work) and adds its own; they replace the batch's only if it succeeds.
  WriteTxn::Effects own = effects;
  size_t journal_mark = journal_.mark();
  lmdb::Txn nested;
  WritesHeard heard;
  std::optional<lmdb::ListenScope> listening;
  if (through_map_) {
    listening.emplace(heard);  // no journal to hide: a store in memory has no log
  } else {
    nested = lmdb::Txn(env_.get(), parent, 0);
  }
  try {
    TxnHandle handle{through_map_ ? parent : nested.get(), dbs_};
    WriteTxn txn(handle, catalog_, own, txn_context_);
    job.work(txn);
    if (nested) {
      nested.commit();
    }
    job.error = nullptr;
    effects = std::move(own);
    return true;
  } catch (const StorageError& e) {
    journal_.rollback(journal_mark);
    if (e.lmdb_code() == MDB_MAP_FULL) {
      throw;  // the whole batch is retried on a bigger map
    }
    job.error = std::current_exception();
    return !through_map_;  // a failed LMDB call may have changed the transaction in part
  } catch (...) {
    journal_.rollback(journal_mark);
    job.error = std::current_exception();
    return !through_map_ || !heard.any;
  }
}

void Writer::write_stats(MDB_txn* txn, const WriteTxn::Effects& effects) {
  for (const auto& [id, delta] : effects.stats) {
    auto stats = catalog_.stats(id);
    bool deleted = std::any_of(effects.deleted.begin(), effects.deleted.end(),
                               [id = id](const TablePtr& t) { return t->id == id; });
    if (deleted) {
      continue;
    }
    int64_t items = (stats ? stats->item_count.load() : 0) + delta.items;
    int64_t bytes = (stats ? stats->size_bytes.load() : 0) + delta.bytes;
    std::string value;
    coding::put_fixed64_be(value, static_cast<uint64_t>(std::max<int64_t>(items, 0)));
    coding::put_fixed64_be(value, static_cast<uint64_t>(std::max<int64_t>(bytes, 0)));
    lmdb::put(txn, dbs_.meta, meta_keys::with_id(meta_keys::kStatsPrefix, id), value);
  }
}

void Writer::publish(const WriteTxn::Effects& effects) {
  for (const auto& table : effects.saved) {
    catalog_.put(table);
  }
  for (const auto& ghost : effects.deleted) {
    catalog_.remove(ghost);
  }
  purges_.insert(effects.purges.begin(), effects.purges.end());
  backfills_.insert(effects.backfills.begin(), effects.backfills.end());
  ttl_jobs_.insert(effects.ttl_jobs.begin(), effects.ttl_jobs.end());
  for (const auto& [id, delta] : effects.stats) {
    if (auto stats = catalog_.stats(id)) {
      stats->item_count += delta.items;
      stats->size_bytes += delta.bytes;
    }
  }
}

void Writer::load_background_work() {
  lmdb::Txn txn(env_.get(), nullptr, MDB_RDONLY);
  lmdb::Cursor cursor(txn.get(), dbs_.meta);
  for (auto [prefix_char, ids] : {std::pair{meta_keys::kPurgePrefix, &purges_},
                                  std::pair{meta_keys::kBackfillPrefix, &backfills_},
                                  std::pair{meta_keys::kTtlBackfillPrefix, &ttl_jobs_},
                                  std::pair{meta_keys::kTtlDropPrefix, &ttl_jobs_}}) {
    std::string prefix(1, prefix_char);
    for (bool ok = cursor.seek(prefix); ok && cursor.key().starts_with(prefix);
         ok = cursor.next()) {
      std::string_view id_bytes = cursor.key().substr(1);
      uint32_t id = 0;
      if (coding::get_fixed32_be(id_bytes, id)) {
        ids->insert(id);
      }
    }
  }
}

bool Writer::background_pending() const {
  if (broken()) {
    return false;
  }
  auto now = std::chrono::steady_clock::now();
  return !purges_.empty() || !backfills_.empty() || !ttl_jobs_.empty() || sweeper_.pending(now) ||
         stream_trim_.pending(now);
}

void Writer::background_step() {
  if (!backfills_.empty()) {
    backfill_step();
  } else if (!ttl_jobs_.empty()) {
    ttl_index_step();
  } else if (sweeper_.pending(std::chrono::steady_clock::now())) {
    sweep_step();
  } else if (stream_trim_.pending(std::chrono::steady_clock::now())) {
    trim_step();
  } else if (!purges_.empty()) {
    purge_step();
  }
}

bool Writer::run_internal(const std::string& what, const std::function<bool(WriteTxn&)>& step) {
  bool finished = false;
  std::vector<Job> jobs;
  jobs.push_back(Job{[&step, &finished](WriteTxn& txn) { finished = step(txn); },
                     [&what, &finished](std::exception_ptr error) {
                       if (error) {
                         std::cerr << "ddbd: " << what << " stopped" << std::endl;
                         finished = true;
                       }
                     },
                     nullptr});
  commit_batch(jobs, false);
  return finished;
}

// Indexes one bounded batch of existing items for one CREATING index.
void Writer::backfill_step() {
  uint32_t index_id = *backfills_.begin();
  auto step = [&](WriteTxn& txn) { return txn.backfill_step(index_id, backfill_batch_items_); };
  if (run_internal("index backfill " + std::to_string(index_id), step)) {
    backfills_.erase(index_id);
  }
}

// Builds or drops one bounded batch of one table's TTL entries.
void Writer::ttl_index_step() {
  uint32_t table_id = *ttl_jobs_.begin();
  auto step = [&](WriteTxn& txn) { return txn.ttl_step(table_id, backfill_batch_items_); };
  if (run_internal("TTL indexing of table " + std::to_string(table_id), step)) {
    ttl_jobs_.erase(table_id);
  }
}

// Deletes one bounded batch of expired items; a failed step ends the sweep until the next one.
void Writer::sweep_step() {
  TtlSweeper::StepResult result;
  if (sweeper_.has_tables()) {
    bool failed = run_internal("TTL sweep", [&](WriteTxn& txn) {
      result = sweeper_.step(txn);
      return false;
    });
    if (failed) {
      result = {};
    }
  }
  sweeper_.finish(result);
}

// Removes one bounded batch of stream records past the retention (and what they leave behind); a
// failed step ends the run until the next one.
void Writer::trim_step() {
  bool finished = run_internal("stream trimming", [&](WriteTxn& txn) {
    return trim_streams(txn, epoch_ms(clock_), stream_settings_, stream_trim_batch_records_);
  });
  stream_trim_.step_done(!finished);
}

// Removes up to kPurgeBatchKeys keys of one deleted table or index (its `items`, `index` and
// `ttl` ranges; ids are never reused, so the range holds nothing else); drops the marker when done.
void Writer::purge_step() {
  uint32_t id = *purges_.begin();
  std::string prefix;
  key_codec::append_id(prefix, id);
  bool finished = false;
  try {
    auto journal = journaling();
    lmdb::Txn txn(env_.get(), nullptr, 0);
    size_t removed = 0;
    finished = true;
    for (MDB_dbi dbi : {dbs_.items, dbs_.index, dbs_.ttl}) {
      lmdb::Cursor cursor(txn.get(), dbi);
      bool ok = cursor.seek(prefix);
      while (ok && cursor.key().starts_with(prefix) && removed < kPurgeBatchKeys) {
        cursor.del();
        ++removed;
        ok = cursor.seek(prefix);
      }
      finished = finished && (!ok || !cursor.key().starts_with(prefix));
    }
    if (finished) {
      lmdb::del(txn.get(), dbs_.meta, meta_keys::with_id(meta_keys::kPurgePrefix, id));
    }
    commit(txn, false);
  } catch (const StorageError&) {
    finished = false;  // retried on the next turn
  }
  if (finished) {
    purges_.erase(id);
  }
}

void Writer::grow_map() {
  std::unique_lock lock(resize_mutex_);  // no read transaction may be open while resizing
  env_.set_map_size(env_.map_size() * 2);
}

}  // namespace storage
