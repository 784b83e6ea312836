#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace bench {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) {
    return NAN;
  }
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// 12345.6 -> "12,346"
std::string with_separators(double value) {
  const long long rounded = std::llround(value);
  const std::string digits = std::to_string(rounded < 0 ? -rounded : rounded);
  std::string out = rounded < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string format_value(double value, std::string_view unit) {
  if (std::isnan(value)) {
    return "-";
  }
  if (unit == "MiB") {
    return fixed(value, 1);
  }
  return with_separators(value);
}

// Microseconds: whole numbers from 100 up, one decimal below.
std::string format_us(double value) {
  if (std::isnan(value)) {
    return "-";
  }
  return value >= 100 ? with_separators(value) : fixed(value, 1);
}

std::string format_ratio(double first, double other) {
  if (std::isnan(first) || std::isnan(other) || other == 0) {
    return "-";
  }
  return fixed(first / other, 2) + "x";
}

// " text |": one Markdown table cell after the row's opening "|".
void append_cell(std::string& out, std::string_view text) {
  out.append(" ").append(text).append(" |");
}

}  // namespace

Report::Report(std::vector<std::string> endpoint_names) : endpoints_(std::move(endpoint_names)) {}

Report::Row& Report::row(std::string_view label, std::string_view unit, bool higher_is_better) {
  for (auto& existing : rows_) {
    if (existing.label == label) {
      return existing;
    }
  }
  rows_.push_back(Row{std::string(label), std::string(unit), higher_is_better, false, {}});
  return rows_.back();
}

void Report::add_run(std::string_view label, const std::string& endpoint, const LoadResult& result,
                     bool per_item) {
  Row& target = row(label, per_item ? "items/s" : "ops/s", true);
  target.has_latency = true;
  Samples& samples = target.by_endpoint[endpoint];
  samples.values.push_back(per_item ? result.items_per_second() : result.ops_per_second());
  samples.p50_us.push_back(result.percentile_us(0.50));
  samples.p99_us.push_back(result.percentile_us(0.99));
  samples.p999_us.push_back(result.percentile_us(0.999));
  samples.errors += result.errors;
  if (samples.first_error.empty()) {
    samples.first_error = result.first_error;
  }
}

void Report::add_value(std::string_view label, const std::string& endpoint, double value) {
  row(label, "MiB", false).by_endpoint[endpoint].values.push_back(value);
}

std::string Report::throughput_table() const {
  std::string out = "| workload | unit |";
  std::string rule = "|---|---|";
  for (const auto& name : endpoints_) {
    append_cell(out, name);
    rule += "---:|";
  }
  for (size_t i = 1; i < endpoints_.size(); ++i) {
    append_cell(out, endpoints_[0] + " / " + endpoints_[i]);
    rule += "---:|";
  }
  out.append("\n").append(rule).append("\n");
  for (const auto& row : rows_) {
    out.append("|");
    append_cell(out, row.label);
    append_cell(out, row.higher_is_better ? row.unit : row.unit + " (lower is better)");
    std::vector<double> medians;
    for (const auto& name : endpoints_) {
      const auto found = row.by_endpoint.find(name);
      const double value = found == row.by_endpoint.end() ? NAN : median(found->second.values);
      medians.push_back(value);
      std::string cell = format_value(value, row.unit);
      if (found != row.by_endpoint.end() && found->second.errors > 0) {
        cell.append(" (").append(std::to_string(found->second.errors)).append(" errors)");
      }
      append_cell(out, cell);
    }
    for (size_t i = 1; i < endpoints_.size(); ++i) {
      append_cell(out, format_ratio(medians[0], medians[i]));
    }
    out.append("\n");
  }
  return out;
}

std::string Report::latency_table() const {
  std::string out = "| workload |";
  std::string rule = "|---|";
  for (const auto& name : endpoints_) {
    append_cell(out, name + " p50 / p99 / p99.9 us");
    rule += "---:|";
  }
  out.append("\n").append(rule).append("\n");
  for (const auto& row : rows_) {
    if (!row.has_latency) {
      continue;
    }
    out.append("|");
    append_cell(out, row.label);
    for (const auto& name : endpoints_) {
      const auto found = row.by_endpoint.find(name);
      if (found == row.by_endpoint.end()) {
        append_cell(out, "-");
        continue;
      }
      const Samples& samples = found->second;
      std::string cell = format_us(median(samples.p50_us));
      cell.append(" / ").append(format_us(median(samples.p99_us)));
      cell.append(" / ").append(format_us(median(samples.p999_us)));
      append_cell(out, cell);
    }
    out.append("\n");
  }
  return out;
}

std::string Report::error_summary() const {
  std::string out;
  for (const auto& row : rows_) {
    for (const auto& [name, samples] : row.by_endpoint) {
      if (samples.errors > 0) {
        out.append(name).append(", ").append(row.label).append(": ");
        out.append(std::to_string(samples.errors)).append(" errors, e.g. ");
        out.append(samples.first_error).append("\n");
      }
    }
  }
  return out;
}

uint64_t Report::total_errors() const {
  uint64_t total = 0;
  for (const auto& row : rows_) {
    for (const auto& [name, samples] : row.by_endpoint) {
      total += samples.errors;
    }
  }
  return total;
}

}  // namespace bench
