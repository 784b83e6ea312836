#pragma once

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

// Milliseconds and seconds since the Unix epoch of `clock`'s now.
inline int64_t epoch_ms(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock().time_since_epoch()).count();
}
inline int64_t epoch_seconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock().time_since_epoch()).count();
}

}  // namespace storage
