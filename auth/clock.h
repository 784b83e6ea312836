#pragma once

#include <chrono>
#include <functional>

namespace auth {

// The time signatures are checked against. Injected so tests can cover clock skew without
// waiting; the server uses system_now.
using Clock = std::function<std::chrono::system_clock::time_point()>;

inline std::chrono::system_clock::time_point system_now() {
  return std::chrono::system_clock::now();
}

}  // namespace auth
