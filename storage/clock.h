#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace storage {

// The one wall clock ddbd reads for DynamoDB's notion of now: table and index statuses, Time to
// Live expiry, idempotency-token expiry (and, through auth::Clock, which is the same type,
// signature dates). The server makes one and hands the same clock to storage, protocol (through
// Store::now_ms) and auth, so that a test, or a control that moves time, moves it for all of them.
// Internal schedules (checkpoints, sweep intervals, polling) keep the steady clock.
using Clock = std::function<std::chrono::system_clock::time_point()>;

inline std::chrono::system_clock::time_point system_now() {
  return std::chrono::system_clock::now();
}

// The clock the server runs on: the system clock, moved by an offset, or frozen at a moment, as
// the admin API's clock control asks (so that tests expire TTL items, stream records and shard
// iterators without waiting). Thread-safe; now() is two atomic loads.
class AdjustableClock {
 public:
  std::chrono::system_clock::time_point now() const {
    const int64_t frozen = frozen_ms_.load(std::memory_order_relaxed);
    if (frozen != kRunning) {
      return std::chrono::system_clock::time_point(std::chrono::milliseconds(frozen));
    }
    return std::chrono::system_clock::now() +
           std::chrono::milliseconds(offset_ms_.load(std::memory_order_relaxed));
  }
  int64_t now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
  bool frozen() const { return frozen_ms_.load() != kRunning; }
  int64_t offset_ms() const { return offset_ms_.load(); }

  // Moves time by `ms` (forward when positive), frozen or not.
  void advance(int64_t ms) {
    if (frozen()) {
      frozen_ms_ += ms;
    } else {
      offset_ms_ += ms;
    }
  }
  // Sets now to `epoch_ms`; it keeps running from there unless frozen.
  void set(int64_t epoch_ms) {
    if (frozen()) {
      frozen_ms_ = epoch_ms;
    } else {
      offset_ms_ = epoch_ms - real_ms();
    }
  }
  // Stops time where it is, or lets it run on from there.
  void freeze(bool on) {
    if (on && !frozen()) {
      frozen_ms_ = now_ms();
    } else if (!on && frozen()) {
      offset_ms_ = frozen_ms_.load() - real_ms();
      frozen_ms_ = kRunning;
    }
  }
  // Back to the system clock.
  void reset() {
    frozen_ms_ = kRunning;
    offset_ms_ = 0;
  }

  // This clock as a Clock; it must outlive every copy.
  Clock as_clock() const {
    return [this] { return now(); };
  }

 private:
  static constexpr int64_t kRunning = INT64_MIN;
  static int64_t real_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::atomic<int64_t> offset_ms_{0};
  std::atomic<int64_t> frozen_ms_{kRunning};
};

// Milliseconds and seconds since the Unix epoch of `clock`'s now.
inline int64_t epoch_ms(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock().time_since_epoch()).count();
}
inline int64_t epoch_seconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock().time_since_epoch()).count();
}

}  // namespace storage
