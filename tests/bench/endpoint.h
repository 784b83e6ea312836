#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bench {

// One server under test, from `--endpoint NAME=http://HOST:PORT[,pid=N][,fixed]`.
struct Endpoint {
  std::string name;         // the column heading: "ddbd", "dynalite", "ceiling"
  std::string host;         // "127.0.0.1"
  std::string port;         // "8000"
  std::string host_header;  // "127.0.0.1:8000", as sent and signed
  int pid = 0;              // the server's process, for RssAnon; 0 = unknown
  // A fixed-response server (bench_ceiling): no tables are made and response bodies are not
  // checked, only the status. It measures what the rig itself can do.
  bool fixed = false;
};

// Throws std::invalid_argument with a message naming the problem.
Endpoint parse_endpoint(std::string_view spec);

// What /proc/PID/status says about a process's memory, in KiB.
struct ProcessMemory {
  uint64_t rss_kib = 0;       // VmRSS
  uint64_t rss_anon_kib = 0;  // RssAnon: heap and stacks, not the mapped files (LMDB's map)
};

// nullopt when the process is gone or the fields are missing.
std::optional<ProcessMemory> read_process_memory(int pid);

}  // namespace bench
