#include "storage/internal/commit_log.h"

#include <algorithm>
#include <iostream>

namespace storage {

namespace {

// Relaxed durability: how long a record may wait in the page cache before the log is flushed, and
// so the most a power cut or an OS crash can take from acknowledged writes (plus the flush).
constexpr std::chrono::milliseconds kRelaxedFlushInterval{5};

}  // namespace

CommitLog::CommitLog(lmdb::Env& env, wal::Log& log, const StoreOptions& options,
                     uint64_t generation, std::function<void()> wake_writer)
    : env_(env),
      log_(log),
      durability_(options.durability),
      wake_writer_(std::move(wake_writer)),
      checkpointer_(env, log),
      checkpoint_commits_(std::max<size_t>(options.checkpoint_commits, 1)),
      checkpoint_log_bytes_(options.checkpoint_log_bytes),
      checkpoint_interval_(options.checkpoint_interval),
      checkpoint_growth_pages_(
          std::max<uint64_t>(options.checkpoint_growth_bytes / env.page_size(), 1)),
      last_page_at_checkpoint_(env.last_page()),
      generation_(generation),
      last_checkpoint_(std::chrono::steady_clock::now()) {}

void CommitLog::start() { durable_pin_ = lmdb::Txn(env_.get(), nullptr, MDB_RDONLY); }

void CommitLog::commit(lmdb::Txn& txn, std::string_view journal, bool foreground) {
  bool logged = !journal.empty();
  if (logged) {
    // Written before the commit in every mode: a reader may see the write once LMDB commits, and
    // a killed process leaves what it wrote in the page cache.
    log_.append(journal);
    if (!unflushed_since_) {
      unflushed_since_ = std::chrono::steady_clock::now();
    }
  }
  try {
    if (foreground && durability_ == Durability::kFull) {
      log_.sync();  // before the commit: no reader ever sees a write that is not on disk
      unflushed_since_.reset();
    }
    txn.commit();
  } catch (...) {
    if (logged) {
      log_.rewind();
    }
    throw;
  }
  if (logged) {
    ++commits_since_checkpoint_;
  }
}

CommitLog::TimePoint CommitLog::next_due() const {
  auto due = TimePoint::max();
  if (broken_) {
    return due;
  }
  if (commits_since_checkpoint_ > 0 && !checkpoint_running_) {
    due = last_checkpoint_ + checkpoint_interval_;
  }
  if (durability_ == Durability::kRelaxed && unflushed_since_) {
    due = std::min(due, *unflushed_since_ + kRelaxedFlushInterval);
  }
  return due;
}

bool CommitLog::checkpoint_finished() const {
  std::lock_guard lock(done_mutex_);
  return checkpoint_finished_;
}

void CommitLog::step(TimePoint now) {
  flush_if_due(now);
  if (checkpoint_running_) {
    take_finished_checkpoint();
    if (checkpoint_running_) {
      return;
    }
  }
  if (broken_) {
    return;
  }
  bool due = commits_since_checkpoint_ >= checkpoint_commits_ ||
             log_.bytes_in_generation() >= checkpoint_log_bytes_ ||
             env_.last_page() >= last_page_at_checkpoint_ + checkpoint_growth_pages_ ||
             (commits_since_checkpoint_ > 0 && now - last_checkpoint_ >= checkpoint_interval_);
  if (due) {
    start_checkpoint();
  }
}

void CommitLog::flush_if_due(TimePoint now) {
  if (durability_ != Durability::kRelaxed || broken_ || !unflushed_since_ ||
      now < *unflushed_since_ + kRelaxedFlushInterval) {
    return;
  }
  try {
    log_.sync();
    unflushed_since_.reset();
  } catch (const StorageError& e) {
    // Acknowledged writes may now be lost to a power cut and later ones could not be flushed
    // either: refuse writes rather than acknowledge what relaxed durability cannot keep.
    std::cerr << "ddbd: flushing the write-ahead log failed: " << e.what() << std::endl;
    broken_ = std::make_exception_ptr(
        StorageError("flushing the write-ahead log failed (see the log); this store accepts no "
                     "more writes"));
  }
}

void CommitLog::take_finished_checkpoint() {
  bool failed = false;
  {
    std::unique_lock lock(done_mutex_);
    // The log cannot switch files again before this checkpoint is on disk; when commits have run
    // far ahead of it (in number, log bytes or new pages), wait rather than let the log or the
    // data file grow without bound.
    bool far_ahead = commits_since_checkpoint_ >= 4 * checkpoint_commits_ ||
                     log_.bytes_in_generation() >= 4 * checkpoint_log_bytes_ ||
                     env_.last_page() >= last_page_at_checkpoint_ + 4 * checkpoint_growth_pages_;
    if (far_ahead) {
      done_.wait(lock, [&] { return checkpoint_finished_; });
    }
    if (!checkpoint_finished_) {
      return;
    }
    checkpoint_finished_ = false;
    failed = checkpoint_failed_;
  }
  checkpoint_running_ = false;
  if (failed) {
    // The log has switched files and cannot switch back over records it may still need, and the
    // snapshots stay pinned: refuse writes from now on rather than risk acknowledged ones.
    broken_ = std::make_exception_ptr(
        StorageError("a checkpoint failed (see the log); this store accepts no more writes"));
    return;
  }
  durable_pin_ = std::move(running_pin_);  // ends the older pin: its pages may be reused now
}

void CommitLog::start_checkpoint() {
  wal::Checkpoint checkpoint{generation_ + 1, log_.next_seq(), log_.epoch(), ""};
  try {
    running_pin_ = lmdb::Txn(env_.get(), nullptr, MDB_RDONLY);
    checkpoint.meta_pages = env_.read_meta_pages();
  } catch (const StorageError& e) {
    // Nothing has switched yet: the previous checkpoint stays in charge; try again later.
    std::cerr << "ddbd: could not start a checkpoint: " << e.what() << std::endl;
    running_pin_.abort();
    last_checkpoint_ = std::chrono::steady_clock::now();
    return;
  }
  ++generation_;
  last_page_at_checkpoint_ = env_.last_page();
  log_.begin_generation(generation_, checkpoint.next_seq);
  commits_since_checkpoint_ = 0;
  last_checkpoint_ = std::chrono::steady_clock::now();
  checkpoint_running_ = true;
  checkpointer_.start(std::move(checkpoint), [this](bool ok) {
    {
      std::lock_guard lock(done_mutex_);
      checkpoint_finished_ = true;
      checkpoint_failed_ = !ok;
      done_.notify_one();
    }
    wake_writer_();
  });
}

void CommitLog::close() {
  bool checkpoint_failed = false;
  {
    std::unique_lock lock(done_mutex_);
    done_.wait(lock, [&] { return !checkpoint_running_ || checkpoint_finished_; });
    checkpoint_failed = checkpoint_failed_;
  }
  try {
    // Relaxed and none leave records unflushed; should the checkpoint below fail, the next start
    // replays them even after a power cut.
    log_.sync();
  } catch (const StorageError& e) {
    std::cerr << "ddbd: flushing the write-ahead log at stop failed: " << e.what() << std::endl;
  }
  // Not after a failed checkpoint: its header may be missing, and this one would overwrite the
  // newest durable header.
  if (commits_since_checkpoint_ > 0 && !checkpoint_failed) {
    try {
      checkpointer_.write_now(
          {generation_ + 1, log_.next_seq(), log_.epoch(), env_.read_meta_pages()});
    } catch (const StorageError& e) {
      std::cerr << "ddbd: final checkpoint failed (the next start replays the log): " << e.what()
                << std::endl;
    }
  }
  durable_pin_.abort();
  running_pin_.abort();
  checkpointer_.stop();
}

}  // namespace storage
