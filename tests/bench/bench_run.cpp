#include "bench_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>
#include <set>
#include <string_view>

#include "workloads.h"

namespace bench {
namespace {

class BenchRun {
 public:
  explicit BenchRun(const BenchOptions& options)
      : options_(options),
        tag_(options.tag.empty() ? std::to_string(std::time(nullptr)) : options.tag),
        tables_(bench_tables(tag_)),
        report_(endpoint_names(options)) {}

  Report run() {
    for (const auto& endpoint : options_.endpoints) {
      if (!endpoint.fixed) {
        progress("preparing " + endpoint.name + ": " + short_count(options_.keys) + " items, " +
                 short_count(options_.partitions) + " query partitions");
        prepare_tables(endpoint, tables_, options_.keys, options_.partitions, spec_for(endpoint));
        ask_about_partiql(endpoint);
      }
    }
    progress("tables ready");  // tests/bench/profile.sh starts its profile on this line
    for (unsigned round = 1; round <= options_.rounds; ++round) {
      for (const auto& workload : options_.workloads) {
        for (const auto& endpoint : options_.endpoints) {
          if (workload == "select" && !partiql_endpoints_.contains(endpoint.name)) {
            continue;  // not served: no row cell, rather than a run of errors
          }
          if (workload != "bulk") {
            run_workload(workload, endpoint, round);
          }
        }
      }
    }
    // The bulk loads come last and their tables are dropped only at the end: ddbd removes a
    // dropped table's items in the background, which must not overlap any measurement.
    if (std::find(options_.workloads.begin(), options_.workloads.end(), "bulk") !=
        options_.workloads.end()) {
      for (unsigned round = 1; round <= options_.rounds; ++round) {
        for (const auto& endpoint : options_.endpoints) {
          run_bulk(endpoint, round);
        }
      }
    }
    drop_tables();
    return std::move(report_);
  }

 private:
  static std::vector<std::string> endpoint_names(const BenchOptions& options) {
    std::vector<std::string> names;
    for (const auto& endpoint : options.endpoints) {
      names.push_back(endpoint.name);
    }
    return names;
  }

  bool wants(std::string_view workload) const {
    return std::find(options_.workloads.begin(), options_.workloads.end(), workload) !=
           options_.workloads.end();
  }

  // The select workload runs only where the server says it serves PartiQL; fixed endpoints are
  // never asked (their replies say nothing about it).
  void ask_about_partiql(const Endpoint& endpoint) {
    if (!wants("select")) {
      return;
    }
    SyncClient client(endpoint);
    if (serves_partiql(client, endpoint, tables_.kv)) {
      partiql_endpoints_.insert(endpoint.name);
    } else {
      progress(endpoint.name + " does not serve PartiQL (ExecuteStatement): select skipped");
    }
  }

  LoadSpec spec_for(const Endpoint& endpoint) const {
    LoadSpec spec;
    spec.connections = options_.connections;
    spec.threads = options_.threads;
    spec.seconds = options_.seconds;
    spec.warmup_seconds = options_.warmup_seconds;
    spec.count = options_.count;
    spec.check_bodies = !endpoint.fixed;
    spec.seed = options_.seed + ++runs_;
    return spec;
  }

  std::string conn_label() const { return std::to_string(options_.connections) + " conn"; }

  void run_workload(const std::string& workload, const Endpoint& endpoint, unsigned round) {
    LoadSpec spec = spec_for(endpoint);
    if (workload == "get") {
      measure("GetItem, " + conn_label(), endpoint, round, spec,
              get_item_factory(tables_.kv, options_.keys, 'k'));
    } else if (workload == "get1") {
      spec.connections = 1;
      measure("GetItem, 1 conn", endpoint, round, spec,
              get_item_factory(tables_.kv, options_.keys, 'k'));
    } else if (workload == "put") {
      measure("PutItem, " + conn_label(), endpoint, round, spec, put_item_factory(tables_.kv));
    } else if (workload == "put-stream") {
      measure("PutItem, stream enabled, " + conn_label(), endpoint, round, spec,
              put_item_factory(tables_.kv_stream));
    } else if (workload == "query") {
      measure("Query (10 items), " + conn_label(), endpoint, round, spec,
              query_factory(tables_.query, options_.partitions));
    } else if (workload == "select") {
      measure("PartiQL SELECT by key (ExecuteStatement), " + conn_label(), endpoint, round, spec,
              select_factory(tables_.kv, options_.keys));
    } else if (workload == "mix") {
      measure("50/50 GetItem/PutItem, " + conn_label(), endpoint, round, spec,
              mixed_factory(tables_.kv, options_.keys));
    } else if (workload == "bulk") {
      run_bulk(endpoint, round);
    }
  }

  void measure(const std::string& label, const Endpoint& endpoint, unsigned round,
               const LoadSpec& spec, const RequestFactory& factory, bool per_item = false) {
    const LoadResult result = run_load(endpoint, spec, factory);
    report_.add_run(label, endpoint.name, result, per_item);
    char line[256];
    // The slowest request shows stalls (a slow fsync) that the percentiles can hide.
    std::snprintf(
        line, sizeof line,
        "round %u  %-10s %-50s %9.0f %s  p50 %7.1f  p99.9 %8.0f  max %8.0f us  errors %llu", round,
        endpoint.name.c_str(), label.c_str(),
        per_item ? result.items_per_second() : result.ops_per_second(),
        per_item ? "items/s" : "ops/s  ", result.percentile_us(0.5), result.percentile_us(0.999),
        result.percentile_us(1.0), static_cast<unsigned long long>(result.errors));
    progress(line);
  }

  void drop_tables() {
    for (const auto& endpoint : options_.endpoints) {
      if (endpoint.fixed) {
        continue;
      }
      SyncClient client(endpoint);
      delete_table(client, endpoint, tables_.kv);
      delete_table(client, endpoint, tables_.kv_stream);
      delete_table(client, endpoint, tables_.query);
      for (const auto& table : bulk_tables_) {
        delete_table(client, endpoint, table);
      }
    }
  }

  std::string bulk_table(unsigned round) const {
    return tables_.kv + "_bulk" + std::to_string(round);
  }

  // Loads a fresh table to each size in turn (25 items per BatchWriteItem), measuring the load
  // rate, then GetItem over everything loaded so far, then the server's RssAnon.
  // The memory is recorded in the first round only: later rounds would also count the earlier
  // rounds' tables (and a peer's heap rarely shrinks).
  void run_bulk(const Endpoint& endpoint, unsigned round) {
    const std::string table = bulk_table(round);
    if (!endpoint.fixed) {
      SyncClient client(endpoint);
      create_table(client, endpoint, table, false);
      if (std::find(bulk_tables_.begin(), bulk_tables_.end(), table) == bulk_tables_.end()) {
        bulk_tables_.push_back(table);
      }
    }
    uint64_t loaded = 0;
    for (const uint64_t size : options_.bulk_sizes) {
      const std::string at = short_count(size);
      LoadSpec load = spec_for(endpoint);
      load.count = batch_requests(size - loaded);
      measure("BatchWriteItem load to " + at + ", " + conn_label(), endpoint, round, load,
              bulk_load_factory(table, 'b', loaded, size), true);
      loaded = size;
      measure("GetItem at " + at + " items, " + conn_label(), endpoint, round, spec_for(endpoint),
              get_item_factory(table, size, 'b'));
      const bool first_round = round == 1;
      const auto memory =
          endpoint.fixed || !first_round ? std::nullopt : read_process_memory(endpoint.pid);
      if (memory) {
        report_.add_value("RssAnon at " + at + " items (round 1)", endpoint.name,
                          memory->rss_anon_kib / 1024.0);
      }
    }
  }

  static void progress(const std::string& line) { std::cerr << line << std::endl; }

  const BenchOptions& options_;
  std::string tag_;
  BenchTables tables_;
  std::vector<std::string> bulk_tables_;     // made so far, dropped at the end
  std::set<std::string> partiql_endpoints_;  // names of the endpoints the select workload runs on
  Report report_;
  mutable uint64_t runs_ = 0;
};

}  // namespace

Report run_bench(const BenchOptions& options) { return BenchRun(options).run(); }

}  // namespace bench
