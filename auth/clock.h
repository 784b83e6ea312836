#pragma once

#include <chrono>
#include <functional>

namespace auth {

// The time signatures are checked against. Injected so tests can cover clock skew without
// waiting. It is the same type as storage::Clock (storage/clock.h): the server hands auth the one
// wall clock that storage and protocol read, so moving time moves it for signatures too.
using Clock = std::function<std::chrono::system_clock::time_point()>;

inline std::chrono::system_clock::time_point system_now() {
  return std::chrono::system_clock::now();
}

}  // namespace auth
