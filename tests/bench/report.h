#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "load_runner.h"

namespace bench {

// Collects every round's figures per row and endpoint, and prints medians as Markdown tables.
// The first endpoint is the one the ratio columns compare: "first / other".
class Report {
 public:
  explicit Report(std::vector<std::string> endpoint_names);

  // A throughput row ("GetItem, 16 connections"): ops/s, or items/s when `per_item`; its latency
  // percentiles go to the latency table.
  void add_run(std::string_view row, const std::string& endpoint, const LoadResult& result,
               bool per_item);
  // A plain figure (memory in MiB, where lower is better).
  void add_value(std::string_view row, const std::string& endpoint, double value);

  std::string throughput_table() const;
  std::string latency_table() const;
  // One line per (row, endpoint) that saw errors, with a sample; empty when none.
  std::string error_summary() const;
  uint64_t total_errors() const;

 private:
  struct Samples {
    std::vector<double> values;  // ops/s, items/s or the plain figure, one per round
    std::vector<double> p50_us, p99_us, p999_us;
    uint64_t errors = 0;
    std::string first_error;
  };
  struct Row {
    std::string label;
    std::string unit;  // "ops/s", "items/s", "MiB"
    bool higher_is_better = true;
    bool has_latency = false;
    std::map<std::string, Samples> by_endpoint;
  };

  Row& row(std::string_view label, std::string_view unit, bool higher_is_better);

  std::vector<std::string> endpoints_;
  std::vector<Row> rows_;  // in the order first reported
};

}  // namespace bench
