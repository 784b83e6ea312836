#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "endpoint.h"

namespace bench {

struct StartupSpec {
  Endpoint endpoint;  // where the started server will answer
  // The server's command line; "{tmpdir}" in any argument becomes a fresh empty directory per
  // run (removed afterwards), so every start sees a fresh data directory.
  std::vector<std::string> command;
  unsigned runs = 5;
  double idle_seconds = 0.5;  // wait after the first response before reading the memory
  std::string binary;         // if set, also report its size once stripped
};

struct StartupResult {
  double first_response_ms = 0;  // median over the runs
  double best_ms = 0;
  ProcessMemory idle;  // median VmRSS and RssAnon after idle_seconds
  std::optional<uint64_t> stripped_bytes;
};

// Starts the command `runs` times, each time timing from just before the spawn to the first 200
// reply to a signed ListTables, then reads the idle memory and stops it with SIGTERM.
// Throws std::runtime_error if the server exits or does not answer within 30 s.
StartupResult probe_startup(const StartupSpec& spec);

}  // namespace bench
