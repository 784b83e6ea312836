#include "server/io_threads.h"

#include <sched.h>

#include <chrono>
#include <exception>
#include <iostream>
#include <thread>

#include <boost/asio/post.hpp>

namespace server {
namespace {

namespace net = boost::asio;

// How long a thread that ran out of handlers keeps polling before it blocks (see the header).
constexpr auto kPollBeforeBlocking = std::chrono::microseconds(50);

thread_local unsigned replies_awaited = 0;

// True when a handler ran within kPollBeforeBlocking.
bool poll_briefly(net::io_context& context) {
  const auto until = std::chrono::steady_clock::now() + kPollBeforeBlocking;
  do {
    sched_yield();
    if (context.poll() > 0) {
      return true;
    }
  } while (std::chrono::steady_clock::now() < until);
  return false;
}

void run_handlers(net::io_context& context) {
  while (!context.stopped()) {
    if (context.poll() > 0 || (replies_awaited == 0 && poll_briefly(context))) {
      continue;
    }
    context.run_one();  // blocks; returns at once (stopped) when the context is out of work
  }
}

void run_context(net::io_context& context) {
  // A handler that throws must not take the whole server down: report it and keep serving.
  for (;;) {
    try {
      run_handlers(context);
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

void IoThreads::begin_awaiting_reply() { ++replies_awaited; }

void IoThreads::end_awaiting_reply() { --replies_awaited; }

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
