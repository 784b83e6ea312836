#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace server {

// One io_context per I/O thread. Each connection lives on one of them for its whole life, so
// its handlers are serialized without a strand, its executor is a plain io_context executor,
// and a reply never wakes another I/O thread; a shared io_context with a strand per connection
// spent more time in futex wake-ups and type-erased strand copies than in DynamoDB work.
//
// A thread that runs out of handlers polls for up to 50 us, yielding the CPU to any other
// runnable thread between polls, before it blocks: on a virtual machine, waking a halted CPU costs
// tens of microseconds, half of a one-connection round trip (GetItem p50 about 105 -> 55 us). It
// does not poll while a reply it awaits comes from another thread (a write, answered after its
// group commit's flush, hundreds of microseconds away): there polling only takes the CPU from the
// writer and the clients (the 50/50 mix measured up to 12% slower).
class IoThreads {
 public:
  // On an I/O thread, around a request whose reply may be posted to it from another thread.
  // Every begin needs its end, called on the same thread.
  static void begin_awaiting_reply();
  static void end_awaiting_reply();

  explicit IoThreads(unsigned threads);
  ~IoThreads();

  boost::asio::io_context& first() { return *contexts_.front(); }
  // Round robin, for spreading new connections. Thread-safe.
  boost::asio::io_context& next();

  // Runs every context, the first on the calling thread, until all run out of work (after
  // release()) or stop(). A handler that throws is reported and the loop goes on.
  void run();
  // Lets the contexts finish once their pending work is done. Thread-safe.
  void release();
  // Stops every context now. Thread-safe.
  void stop();

 private:
  using Guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<std::optional<Guard>> guards_;
  std::atomic<size_t> next_{0};
};

}  // namespace server
