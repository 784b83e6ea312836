#include "endpoint.h"

#include <charconv>
#include <fstream>
#include <stdexcept>
#include <string>

namespace bench {
namespace {

constexpr std::string_view kHttpScheme = "http://";

std::optional<int> parse_positive_int(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

void apply_option(std::string_view option, Endpoint& endpoint, std::string_view spec) {
  if (option == "fixed") {
    endpoint.fixed = true;
    return;
  }
  if (option.starts_with("pid=")) {
    const auto pid = parse_positive_int(option.substr(4));
    if (!pid) {
      throw std::invalid_argument("bad pid in endpoint '" + std::string(spec) + "'");
    }
    endpoint.pid = *pid;
    return;
  }
  throw std::invalid_argument("unknown endpoint option '" + std::string(option) + "' in '" +
                              std::string(spec) + "'");
}

// "/proc/PID/status" lines look like "RssAnon:\t    1234 kB".
uint64_t kib_after_colon(const std::string& line) {
  const auto colon = line.find(':');
  uint64_t value = 0;
  size_t i = colon + 1;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  std::from_chars(line.data() + i, line.data() + line.size(), value);
  return value;
}

}  // namespace

Endpoint parse_endpoint(std::string_view spec) {
  const auto equals = spec.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw std::invalid_argument("endpoint '" + std::string(spec) +
                                "' is not NAME=http://HOST:PORT[,pid=N][,fixed]");
  }
  Endpoint endpoint;
  endpoint.name = spec.substr(0, equals);
  std::string_view rest = spec.substr(equals + 1);
  const auto comma = rest.find(',');
  std::string_view url = rest.substr(0, comma);
  std::string_view options = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
  if (url.starts_with(kHttpScheme)) {
    url.remove_prefix(kHttpScheme.size());
  }
  while (url.ends_with('/')) {
    url.remove_suffix(1);
  }
  const auto colon = url.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || !parse_positive_int(url.substr(colon + 1))) {
    throw std::invalid_argument("endpoint '" + std::string(spec) + "' has no HOST:PORT");
  }
  endpoint.host = url.substr(0, colon);
  endpoint.port = url.substr(colon + 1);
  endpoint.host_header = url;
  while (!options.empty()) {
    const auto next = options.find(',');
    apply_option(options.substr(0, next), endpoint, spec);
    options = next == std::string_view::npos ? "" : options.substr(next + 1);
  }
  return endpoint;
}

std::optional<ProcessMemory> read_process_memory(int pid) {
  if (pid <= 0) {
    return std::nullopt;
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  if (!status) {
    return std::nullopt;
  }
  ProcessMemory memory;
  bool found_rss = false;
  bool found_anon = false;
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) {
      memory.rss_kib = kib_after_colon(line);
      found_rss = true;
    } else if (line.starts_with("RssAnon:")) {
      memory.rss_anon_kib = kib_after_colon(line);
      found_anon = true;
    }
  }
  if (!found_rss || !found_anon) {
    return std::nullopt;
  }
  return memory;
}

}  // namespace bench
