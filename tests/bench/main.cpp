// ddbd_bench: a SigV4-signing HTTP/1.1 load generator for DynamoDB-compatible servers. See
// bench_usage() and tests/bench/run-bench.sh, which runs it against ddbd, dynalite and the
// bench_ceiling fixed-response server.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_options.h"
#include "bench_run.h"
#include "startup_probe.h"

namespace {

constexpr int kExitErrors = 1;  // the run finished, but some requests failed
constexpr int kExitUsage = 2;
constexpr int kExitFailure = 3;  // setup failed: no table printed

std::string mib(uint64_t kib) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", kib / 1024.0);
  return text;
}

int run_startup(const std::vector<std::string>& args) {
  const bench::StartupOptions options = bench::parse_startup_options(args);
  if (options.help) {
    std::cout << bench::bench_usage();
    return EXIT_SUCCESS;
  }
  const bench::StartupResult result = bench::probe_startup(options.spec);
  if (options.header) {
    std::cout << "| server | start to first response ms (median / best) | idle VmRSS MiB | "
                 "idle RssAnon MiB | stripped binary MiB |\n"
                 "|---|---:|---:|---:|---:|\n";
  }
  char times[64];
  std::snprintf(times, sizeof times, "%.1f / %.1f", result.first_response_ms, result.best_ms);
  const std::string size = result.stripped_bytes ? mib(*result.stripped_bytes / 1024) : "-";
  std::cout << "| " << options.spec.endpoint.name << " | " << times << " | "
            << mib(result.idle.rss_kib) << " | " << mib(result.idle.rss_anon_kib) << " | " << size
            << " |" << std::endl;
  return EXIT_SUCCESS;
}

int run_load_bench(const std::vector<std::string>& args) {
  const bench::BenchOptions options = bench::parse_bench_options(args);
  if (options.help) {
    std::cout << bench::bench_usage();
    return EXIT_SUCCESS;
  }
  const bench::Report report = bench::run_bench(options);
  std::cout << "\nThroughput (median of " << options.rounds << " interleaved rounds)\n\n"
            << report.throughput_table() << "\nLatency (median of the rounds' percentiles)\n\n"
            << report.latency_table();
  const std::string errors = report.error_summary();
  if (!errors.empty()) {
    std::cout << "\nERRORS (failed requests are not counted as throughput):\n" << errors;
    return kExitErrors;
  }
  std::cout << "\nerrors: none\n";
  return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args.front() == "startup") {
      args.erase(args.begin());
      return run_startup(args);
    }
    return run_load_bench(args);
  } catch (const bench::UsageError& e) {
    std::cerr << "ddbd_bench: " << e.what() << "\n\n" << bench::bench_usage();
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "ddbd_bench: " << e.what() << '\n';
    return kExitFailure;
  }
}
