#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "endpoint.h"
#include "startup_probe.h"

namespace bench {

// The workloads, in the order each round runs them.
inline const std::vector<std::string> kAllWorkloads = {"get",   "get1",   "put", "put-stream",
                                                       "query", "select", "mix", "bulk"};

struct BenchOptions {
  bool help = false;
  std::vector<Endpoint> endpoints;
  std::vector<std::string> workloads = kAllWorkloads;
  unsigned connections = 16;
  unsigned threads = 1;
  double seconds = 3;
  double warmup_seconds = 0.5;
  uint64_t count = 0;  // > 0: requests per run instead of a duration
  unsigned rounds = 3;
  uint64_t keys = 10'000;       // preloaded kv items for GetItem, select and the mix
  uint64_t partitions = 1'000;  // Query partitions of 10 items
  std::vector<uint64_t> bulk_sizes = {10'000, 50'000};
  std::string tag;  // table name tag; made from the time when empty
  uint64_t seed = 1;
};

struct StartupOptions {
  bool help = false;
  bool header = false;  // print the table heading before the row
  StartupSpec spec;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Both throw UsageError.
BenchOptions parse_bench_options(const std::vector<std::string>& args);
StartupOptions parse_startup_options(const std::vector<std::string>& args);

std::string bench_usage();

// "10k" for 10000, "1M" for 1000000, digits otherwise.
std::string short_count(uint64_t count);

}  // namespace bench
