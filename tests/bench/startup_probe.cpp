#include "startup_probe.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "sync_client.h"

extern char** environ;

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kPollInterval = std::chrono::microseconds(100);
constexpr auto kGiveUp = std::chrono::seconds(30);

std::filesystem::path make_temp_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ddbd-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  }
  return pattern;
}

std::vector<std::string> substitute(const std::vector<std::string>& command,
                                    const std::string& directory) {
  std::vector<std::string> out = command;
  for (auto& arg : out) {
    for (size_t at = arg.find("{tmpdir}"); at != std::string::npos; at = arg.find("{tmpdir}")) {
      arg.replace(at, 8, directory);
    }
  }
  return out;
}

// posix_spawnp with stdout and stderr sent to /dev/null; returns the pid.
pid_t spawn_quietly(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const auto& arg : command) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::system_error(rc, std::generic_category(), "cannot start " + command[0]);
  }
  return pid;
}

bool has_exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

void stop(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

// Milliseconds from `started` to the first 200 reply.
double wait_for_first_success(const Endpoint& endpoint, pid_t pid, Clock::time_point started) {
  while (Clock::now() - started < kGiveUp) {
    try {
      SyncClient client(endpoint);
      if (client.call("ListTables", "{}").status == 200) {
        return std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      }
    } catch (const std::runtime_error&) {
      // not listening yet
    }
    if (has_exited(pid)) {
      throw std::runtime_error(endpoint.name + " exited before answering");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  stop(pid);
  throw std::runtime_error(endpoint.name + " did not answer within 30 s");
}

std::optional<uint64_t> stripped_size(const std::string& binary) {
  const std::filesystem::path stripped = make_temp_directory() / "stripped";
  const pid_t pid = spawn_quietly({"strip", "-o", stripped.string(), binary});
  int status = 0;
  waitpid(pid, &status, 0);
  std::optional<uint64_t> size;
  std::error_code ec;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    size = std::filesystem::file_size(stripped, ec);
  }
  std::filesystem::remove_all(stripped.parent_path(), ec);
  return ec ? std::nullopt : size;
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

StartupResult probe_startup(const StartupSpec& spec) {
  std::vector<double> times;
  std::vector<double> rss;
  std::vector<double> rss_anon;
  for (unsigned run = 0; run < std::max(1u, spec.runs); ++run) {
    const std::filesystem::path directory = make_temp_directory();
    const auto command = substitute(spec.command, directory.string());
    const auto started = Clock::now();
    const pid_t pid = spawn_quietly(command);
    try {
      times.push_back(wait_for_first_success(spec.endpoint, pid, started));
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove_all(directory, ignored);
      throw;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(spec.idle_seconds));
    if (const auto memory = read_process_memory(pid)) {
      rss.push_back(static_cast<double>(memory->rss_kib));
      rss_anon.push_back(static_cast<double>(memory->rss_anon_kib));
    }
    stop(pid);
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
  }
  StartupResult result;
  result.first_response_ms = median_of(times);
  result.best_ms = *std::min_element(times.begin(), times.end());
  if (!rss.empty()) {
    result.idle.rss_kib = static_cast<uint64_t>(median_of(rss));
    result.idle.rss_anon_kib = static_cast<uint64_t>(median_of(rss_anon));
  }
  if (!spec.binary.empty()) {
    result.stripped_bytes = stripped_size(spec.binary);
  }
  return result;
}

}  // namespace bench
