#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "endpoint.h"
#include "rng.h"

namespace bench {

// One request a workload wants sent.
struct Operation {
  std::string_view name;  // "GetItem"
  std::string body;       // reused between requests of a connection
  // A 200 reply's body must contain this for the request to count as a success (an existing key
  // must come back with its "Item"); empty = any 200. Not checked against `fixed` endpoints.
  std::string_view expect;
  uint64_t items = 1;  // items carried (25 for a full BatchWriteItem), for items/s
};

// Fills `op` with request number `index` of a run. Called concurrently from the I/O threads
// (each with its own `rng` and `op`), so it must not change shared state.
using RequestFactory = std::function<void(uint64_t index, Rng& rng, Operation& op)>;

struct LoadSpec {
  unsigned connections = 16;
  unsigned threads = 1;  // I/O threads of the generator; each runs its share of the connections
  double seconds = 3;    // measured duration (duration mode)
  double warmup_seconds = 0.5;  // run before the measured window, not counted
  uint64_t count = 0;  // > 0: send exactly this many requests, as fast as they complete (count
                       // mode: no warm-up, the clock runs from the first send to the last reply)
  bool check_bodies = true;
  uint64_t seed = 1;
};

struct LoadResult {
  uint64_t ok = 0;      // 200 replies (with the expected body) in the measured window
  uint64_t errors = 0;  // anything else, warm-up included: non-200, unexpected body, I/O failure
  uint64_t items = 0;   // items carried by the ok requests
  double seconds = 0;   // the measured window
  std::vector<uint64_t> latencies_ns;  // of the ok requests, sorted
  std::string first_error;             // a sample, for the report

  double ops_per_second() const { return seconds > 0 ? ok / seconds : 0; }
  double items_per_second() const { return seconds > 0 ? items / seconds : 0; }
  // Nearest-rank percentile of the ok latencies in microseconds, 0 when there are none.
  double percentile_us(double fraction) const;
};

// Opens spec.connections keep-alive connections to `endpoint` (before the clock starts), then
// keeps one request in flight on each (closed loop) until the duration or the count is done.
// Throws std::runtime_error if the connections cannot be opened.
LoadResult run_load(const Endpoint& endpoint, const LoadSpec& spec, const RequestFactory& factory);

}  // namespace bench
