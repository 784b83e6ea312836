#pragma once

#include <chrono>

namespace storage {

// The schedule of a periodic background job on the writer thread (the TTL sweep, stream
// trimming): a run starts every `interval` on the steady clock and goes on in bounded steps, one
// between foreground batches, until a step leaves nothing more; the next run starts an interval
// after that. Writer thread only.
class Periodic {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;

  explicit Periodic(std::chrono::milliseconds interval)
      : interval_(interval), next_due_(std::chrono::steady_clock::now() + interval) {}

  // Whether a step should run at `now`: a run is due or under way.
  bool pending(SteadyTime now) const { return running_ || now >= next_due_; }
  // When the next run starts, for the writer's wait (at once while one is under way).
  SteadyTime next_due() const { return running_ ? SteadyTime::min() : next_due_; }
  // After a step: `more` keeps the run going; otherwise the next run is an interval away.
  void step_done(bool more) {
    running_ = more;
    if (!more) {
      next_due_ = std::chrono::steady_clock::now() + interval_;
    }
  }

 private:
  std::chrono::milliseconds interval_;
  SteadyTime next_due_;
  bool running_ = false;
};

}  // namespace storage
