#pragma once

#include <chrono>
#include <exception>
#include <filesystem>
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
