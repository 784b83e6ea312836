#include "storage/checkpointer.h"

#include <iostream>

namespace storage {

Checkpointer::Checkpointer(lmdb::Env& env, wal::Log& log) : env_(env), log_(log) {
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() { stop(); }

void Checkpointer::start(wal::Checkpoint checkpoint, std::function<void(bool ok)> done) {
  std::lock_guard lock(mutex_);
  next_ = std::move(checkpoint);
  done_ = std::move(done);
  wake_.notify_one();
}

void Checkpointer::write_now(const wal::Checkpoint& checkpoint) {
  env_.sync();
  log_.write_checkpoint(checkpoint);
}

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
}

void Checkpointer::run() {
  for (;;) {
    wal::Checkpoint checkpoint;
    std::function<void(bool)> done;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || next_.has_value(); });
      if (!next_) {
        return;
      }
      checkpoint = std::move(*next_);
      next_.reset();
      done = std::move(done_);
    }
    bool ok = true;
    try {
      write_now(checkpoint);
    } catch (const StorageError& e) {
      std::cerr << "ddbd: checkpoint failed: " << e.what() << std::endl;
      ok = false;
    }
    done(ok);
  }
}

}  // namespace storage
