#include "server/io_threads.h"

#include <exception>
#include <iostream>
#include <thread>

#include <boost/asio/post.hpp>

namespace server {
namespace {

namespace net = boost::asio;

void run_context(net::io_context& context) {
  // A handler that throws must not take the whole server down: report it and keep serving.
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      std::cerr << "ddbd: unexpected error: " << e.what() << '\n';
    }
  }
}

}  // namespace

IoThreads::IoThreads(unsigned threads) {
  const unsigned count = std::max(1u, threads);
  for (unsigned i = 0; i < count; ++i) {
    // Concurrency hint 1: each context is run by exactly one thread (others only post to it).
    contexts_.push_back(std::make_unique<net::io_context>(1));
    guards_.emplace_back(net::make_work_guard(*contexts_.back()));
  }
}

IoThreads::~IoThreads() = default;

net::io_context& IoThreads::next() {
  return *contexts_[next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size()];
}

void IoThreads::run() {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < contexts_.size(); ++i) {
    threads.emplace_back([context = contexts_[i].get()] { run_context(*context); });
  }
  run_context(*contexts_.front());
  for (auto& thread : threads) {
    thread.join();
  }
}

void IoThreads::release() {
  // Each guard is dropped on its own context's thread, so release() may be called from any.
  for (size_t i = 0; i < contexts_.size(); ++i) {
    net::post(*contexts_[i], [this, i] { guards_[i].reset(); });
  }
}

void IoThreads::stop() {
  for (auto& context : contexts_) {
    context->stop();
  }
}

}  // namespace server
