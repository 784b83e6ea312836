#include "bench_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace bench {
namespace {

uint64_t parse_count(std::string_view name, std::string_view text) {
  uint64_t multiplier = 1;
  if (text.ends_with('k') || text.ends_with('K')) {
    multiplier = 1'000;
    text.remove_suffix(1);
  } else if (text.ends_with('M') || text.ends_with('m')) {
    multiplier = 1'000'000;
    text.remove_suffix(1);
  }
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value == 0) {
    throw UsageError(std::string(name) + " wants a positive count, not '" + std::string(text) +
                     "'");
  }
  return value * multiplier;
}

double parse_seconds(std::string_view name, std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !(value >= 0) ||
      !std::isfinite(value)) {
    throw UsageError(std::string(name) + " wants seconds, not '" + std::string(text) + "'");
  }
  return value;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (comma != 0) {
      parts.emplace_back(text.substr(0, comma));
    }
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
  }
  return parts;
}

std::vector<std::string> parse_workloads(std::string_view text) {
  auto workloads = split(text);
  for (const auto& workload : workloads) {
    if (std::find(kAllWorkloads.begin(), kAllWorkloads.end(), workload) == kAllWorkloads.end()) {
      throw UsageError("unknown workload '" + workload + "'");
    }
  }
  return workloads;
}

Endpoint endpoint_argument(const std::string& text) {
  try {
    return parse_endpoint(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

// Walks "--name value" pairs; `apply` returns false for a name it does not know.
template <typename Apply>
void for_each_option(const std::vector<std::string>& args, size_t first, size_t end, Apply apply) {
  for (size_t i = first; i < end; ++i) {
    const std::string& name = args[i];
    const bool takes_no_value =
        name == "--help" || name == "-h" || name == "--full" || name == "--header";
    if (takes_no_value) {
      apply(name, std::string_view{});
      continue;
    }
    if (i + 1 >= end) {
      throw UsageError(name + " needs a value");
    }
    apply(name, std::string_view(args[++i]));
  }
}

void apply_full(BenchOptions& options) {
  options.seconds = 10;
  options.warmup_seconds = 1;
  options.bulk_sizes = {10'000, 100'000, 1'000'000};
}

void apply_bench_option(BenchOptions& options, const std::string& name, std::string_view value) {
  if (name == "--help" || name == "-h") {
    options.help = true;
  } else if (name == "--full") {
    apply_full(options);
  } else if (name == "--endpoint") {
    options.endpoints.push_back(endpoint_argument(std::string(value)));
  } else if (name == "--workloads") {
    options.workloads = parse_workloads(value);
  } else if (name == "--connections") {
    options.connections = static_cast<unsigned>(std::min<uint64_t>(parse_count(name, value), 4096));
  } else if (name == "--threads") {
    options.threads = static_cast<unsigned>(std::min<uint64_t>(parse_count(name, value), 64));
  } else if (name == "--duration") {
    options.seconds = parse_seconds(name, value);
  } else if (name == "--warmup") {
    options.warmup_seconds = parse_seconds(name, value);
  } else if (name == "--count") {
    options.count = parse_count(name, value);
  } else if (name == "--rounds") {
    options.rounds = static_cast<unsigned>(std::min<uint64_t>(parse_count(name, value), 100));
  } else if (name == "--keys") {
    options.keys = parse_count(name, value);
  } else if (name == "--partitions") {
    options.partitions = parse_count(name, value);
  } else if (name == "--bulk-sizes") {
    options.bulk_sizes.clear();
    for (const auto& size : split(value)) {
      options.bulk_sizes.push_back(parse_count(name, size));
    }
    std::sort(options.bulk_sizes.begin(), options.bulk_sizes.end());
    options.bulk_sizes.erase(std::unique(options.bulk_sizes.begin(), options.bulk_sizes.end()),
                             options.bulk_sizes.end());
  } else if (name == "--tag") {
    options.tag = value;
  } else if (name == "--seed") {
    options.seed = parse_count(name, value);
  } else {
    throw UsageError("unknown option " + name);
  }
}

}  // namespace

BenchOptions parse_bench_options(const std::vector<std::string>& args) {
  BenchOptions options;
  // --full sets defaults that later flags may override, wherever it appears.
  if (std::find(args.begin(), args.end(), "--full") != args.end()) {
    apply_full(options);
  }
  for_each_option(args, 0, args.size(), [&](const std::string& name, std::string_view value) {
    if (name != "--full") {
      apply_bench_option(options, name, value);
    }
  });
  if (!options.help && options.endpoints.empty()) {
    throw UsageError("give at least one --endpoint");
  }
  if (options.bulk_sizes.empty()) {
    throw UsageError("--bulk-sizes is empty");
  }
  return options;
}

StartupOptions parse_startup_options(const std::vector<std::string>& args) {
  StartupOptions options;
  const auto separator = std::find(args.begin(), args.end(), "--");
  const size_t end = static_cast<size_t>(separator - args.begin());
  bool have_endpoint = false;
  for_each_option(args, 0, end, [&](const std::string& name, std::string_view value) {
    if (name == "--help" || name == "-h") {
      options.help = true;
    } else if (name == "--header") {
      options.header = true;
    } else if (name == "--endpoint") {
      options.spec.endpoint = endpoint_argument(std::string(value));
      have_endpoint = true;
    } else if (name == "--runs") {
      options.spec.runs = static_cast<unsigned>(std::min<uint64_t>(parse_count(name, value), 100));
    } else if (name == "--idle") {
      options.spec.idle_seconds = parse_seconds(name, value);
    } else if (name == "--binary") {
      options.spec.binary = value;
    } else {
      throw UsageError("unknown startup option " + name);
    }
  });
  if (separator != args.end()) {
    options.spec.command.assign(separator + 1, args.end());
  }
  if (!options.help && (!have_endpoint || options.spec.command.empty())) {
    throw UsageError("startup needs --endpoint NAME=URL and -- COMMAND...");
  }
  return options;
}

std::string short_count(uint64_t count) {
  if (count % 1'000'000 == 0) {
    return std::to_string(count / 1'000'000) + "M";
  }
  if (count % 1'000 == 0) {
    return std::to_string(count / 1'000) + "k";
  }
  return std::to_string(count);
}

std::string bench_usage() {
  return R"(usage: ddbd_bench --endpoint NAME=http://HOST:PORT[,pid=N][,fixed] [...] [options]
       ddbd_bench startup --endpoint NAME=http://HOST:PORT [--runs N] [--idle S]
                          [--binary PATH] [--header] -- COMMAND [ARGS...]

Runs every workload against every endpoint, interleaved over rounds, and prints Markdown tables
of the medians; the ratio columns are the first endpoint over each other one. Every request is
SigV4-signed on a kept-alive HTTP/1.1 connection. Non-200 replies (and 200s without the expected
body) are errors: they are counted, not timed, and the exit status is 1 if any occurred.

endpoint options: pid=N      the server's pid, for RssAnon after each bulk size
                  fixed      a fixed-response server (bench_ceiling): no tables, status checked only

workloads (--workloads, comma-separated; default all):
  get    GetItem of preloaded keys, uniform random        get1   the same on one connection
  put    PutItem of ~200-byte items with random keys      query  Query returning 10 items
  mix    50/50 GetItem/PutItem                            put-stream  PutItem into a table
         with a NEW_AND_OLD_IMAGES stream (the cost of a stream: compare with put)
  select PartiQL SELECT by key (ExecuteStatement) of the keys get reads; only on endpoints
         that serve PartiQL (asked once after preparing; dynalite does not) and never on fixed
  bulk   BatchWriteItem (25 items) load to each --bulk-sizes size, then GetItem at that size
         and the server's RssAnon (round 1). Its rounds run after the other workloads', and
         its tables are dropped only at the end (ddbd purges dropped tables in the background).

options:
  --connections N   concurrent connections (default 16)
  --threads N       load generator I/O threads (default 1)
  --duration S      measured seconds per run (default 3; 10 with --full)
  --warmup S        unmeasured seconds before each run (default 0.5; 1 with --full)
  --count N         requests per run instead of a duration
  --rounds N        rounds; each runs every workload on every endpoint (default 3)
  --keys N          items preloaded for GetItem, select and the mix (default 10k)
  --partitions N    Query partitions of 10 items (default 1k)
  --bulk-sizes L    bulk sizes, e.g. 10k,100k,1M (default 10k,50k; 10k,100k,1M with --full)
  --full            the long run: --duration 10 --warmup 1 --bulk-sizes 10k,100k,1M
  --tag TEXT        table name tag (default: from the clock)
  --seed N          random seed (default 1)

startup: starts COMMAND --runs times (default 5; "{tmpdir}" in an argument becomes a fresh
directory each time), times spawn -> first 200 reply to ListTables, reads VmRSS/RssAnon after
--idle seconds (default 0.5), stops it with SIGTERM, and prints a Markdown row.
)";
}

}  // namespace bench
