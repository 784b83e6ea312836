#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <random>
#include <string>
#include <thread>

#include "storage/store.h"

// What the storage tests share: a fresh data directory per test and synchronous writes.
namespace store_fixture {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("ddbd-store-test-" + std::to_string(rd()));
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

// Runs one write synchronously and rethrows what it threw.
inline void write_sync(storage::Store& store, storage::Store::WriteWork work) {
  std::promise<void> done;
  store.write(std::move(work), [&](std::exception_ptr e) {
    if (e) {
      done.set_exception(e);
    } else {
      done.set_value();
    }
  });
  done.get_future().get();
}

// Runs `work` in a child process that then _exits without closing anything (no destructor runs:
// what kill -9 leaves), and waits for it.
inline void run_in_child(const std::function<void()>& work) {
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      work();
    } catch (...) {
      _exit(1);  // never back into the test runner
    }
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}

// Polls `condition` for up to ten seconds (background work on the writer thread).
template <typename Condition>
bool eventually(Condition condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return condition();
}

}  // namespace store_fixture
