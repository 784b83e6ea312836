#include "load_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "request_builder.h"

namespace bench {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

constexpr uint64_t kBodyLimit = 64u << 20;
constexpr size_t kErrorSampleChars = 300;

// What every connection of a run shares; only next_index changes, atomically.
struct RunShared {
  const Endpoint& endpoint;
  const LoadSpec& spec;
  const RequestFactory& factory;
  tcp::resolver::results_type addresses;
  Clock::time_point measure_start;
  Clock::time_point deadline;  // duration mode only
  std::atomic<uint64_t> next_index{0};
};

// What one connection saw; merged after the run, so no locking while it runs.
struct ConnectionStats {
  uint64_t ok = 0;
  uint64_t errors = 0;
  uint64_t items = 0;
  std::vector<uint64_t> latencies_ns;
  Clock::time_point last_done{};
  std::string first_error;
};

// One keep-alive connection with one request in flight at a time.
class Connection {
 public:
  Connection(net::io_context& ioc, RunShared& shared, uint64_t seed)
      : shared_(shared),
        socket_(ioc),
        builder_(bench_credentials(), shared.endpoint.host_header),
        rng_(seed) {}

  void connect() {
    error_code ignored;
    socket_.close(ignored);
    net::connect(socket_, shared_.addresses);
    socket_.set_option(tcp::no_delay(true));
    buffer_.clear();
  }

  void start() { send_next(); }

  ConnectionStats& stats() { return stats_; }

 private:
  void send_next() {
    const bool count_mode = shared_.spec.count > 0;
    if (!count_mode && Clock::now() >= shared_.deadline) {
      return finish();
    }
    const uint64_t index = shared_.next_index.fetch_add(1, std::memory_order_relaxed);
    if (count_mode && index >= shared_.spec.count) {
      return finish();
    }
    op_.items = 1;
    op_.expect = {};
    shared_.factory(index, rng_, op_);
    builder_.build(op_.name, op_.body, request_);
    sent_at_ = Clock::now();
    net::async_write(socket_, net::buffer(request_),
                     [this](error_code ec, size_t) { on_write(ec); });
  }

  void on_write(error_code ec) {
    if (ec) {
      return on_io_error("write", ec);
    }
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    http::async_read(socket_, buffer_, *parser_, [this](error_code ec, size_t) { on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec) {
      return on_io_error("read", ec);
    }
    const auto done = Clock::now();
    const auto& reply = parser_->get();
    const bool status_ok = reply.result_int() == 200;
    const bool body_ok = !shared_.spec.check_bodies || op_.expect.empty() ||
                         reply.body().find(op_.expect) != std::string::npos;
    if (status_ok && body_ok) {
      record_ok(done);
    } else {
      record_error(std::string(op_.name) + " -> " + std::to_string(reply.result_int()) +
                   (status_ok ? " without " + std::string(op_.expect) : "") + ": " +
                   reply.body().substr(0, kErrorSampleChars));
    }
    if (!reply.keep_alive() && !reconnect()) {
      return finish();
    }
    send_next();
  }

  void record_ok(Clock::time_point done) {
    if (shared_.spec.count == 0 && sent_at_ < shared_.measure_start) {
      return;  // warm-up
    }
    ++stats_.ok;
    stats_.items += op_.items;
    stats_.latencies_ns.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(done - sent_at_).count());
    stats_.last_done = std::max(stats_.last_done, done);
  }

  void record_error(std::string what) {
    ++stats_.errors;
    if (stats_.first_error.empty()) {
      stats_.first_error = std::move(what);
    }
  }

  void on_io_error(const char* step, error_code ec) {
    record_error(std::string(op_.name) + " " + step + ": " + ec.message());
    if (reconnect()) {
      send_next();
    } else {
      finish();
    }
  }

  bool reconnect() {
    try {
      connect();
      return true;
    } catch (const boost::system::system_error& e) {
      record_error(std::string("reconnect: ") + e.what());
      return false;
    }
  }

  void finish() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  RunShared& shared_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
  RequestBuilder builder_;
  Rng rng_;
  Operation op_;
  std::string request_;
  Clock::time_point sent_at_{};
  ConnectionStats stats_;
};

LoadResult merge(std::vector<std::unique_ptr<Connection>>& connections, const RunShared& shared,
                 Clock::time_point started) {
  LoadResult result;
  Clock::time_point last_done = shared.spec.count > 0 ? started : shared.measure_start;
  for (auto& connection : connections) {
    ConnectionStats& stats = connection->stats();
    result.ok += stats.ok;
    result.errors += stats.errors;
    result.items += stats.items;
    result.latencies_ns.insert(result.latencies_ns.end(), stats.latencies_ns.begin(),
                               stats.latencies_ns.end());
    last_done = std::max(last_done, stats.last_done);
    if (result.first_error.empty()) {
      result.first_error = std::move(stats.first_error);
    }
  }
  const auto window_start = shared.spec.count > 0 ? started : shared.measure_start;
  result.seconds = std::chrono::duration<double>(last_done - window_start).count();
  std::sort(result.latencies_ns.begin(), result.latencies_ns.end());
  return result;
}

}  // namespace

double LoadResult::percentile_us(double fraction) const {
  if (latencies_ns.empty()) {
    return 0;
  }
  const auto rank = static_cast<size_t>(std::ceil(fraction * latencies_ns.size()));
  const size_t index = std::min(latencies_ns.size() - 1, rank == 0 ? 0 : rank - 1);
  return latencies_ns[index] / 1000.0;
}

LoadResult run_load(const Endpoint& endpoint, const LoadSpec& spec, const RequestFactory& factory) {
  const unsigned thread_count = std::max(1u, std::min(spec.threads, spec.connections));
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (unsigned i = 0; i < thread_count; ++i) {
    contexts.push_back(std::make_unique<net::io_context>(1));
  }
  RunShared shared{endpoint, spec, factory, {}, {}, {}};
  shared.addresses = tcp::resolver(*contexts.front()).resolve(endpoint.host, endpoint.port);

  std::vector<std::unique_ptr<Connection>> connections;
  for (unsigned i = 0; i < spec.connections; ++i) {
    auto& ioc = *contexts[i % thread_count];
    connections.push_back(std::make_unique<Connection>(ioc, shared, spec.seed * 1000003 + i));
    try {
      connections.back()->connect();
    } catch (const boost::system::system_error& e) {
      throw std::runtime_error(endpoint.name + ": cannot connect: " + e.what());
    }
  }

  const auto started = Clock::now();
  shared.measure_start =
      started + std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(spec.count > 0 ? 0 : spec.warmup_seconds));
  shared.deadline = shared.measure_start + std::chrono::duration_cast<Clock::duration>(
                                               std::chrono::duration<double>(spec.seconds));
  for (size_t i = 0; i < connections.size(); ++i) {
    net::post(*contexts[i % thread_count],
              [connection = connections[i].get()] { connection->start(); });
  }
  std::vector<std::thread> extra_threads;
  for (unsigned i = 1; i < thread_count; ++i) {
    extra_threads.emplace_back([&ioc = *contexts[i]] { ioc.run(); });
  }
  contexts.front()->run();
  for (auto& thread : extra_threads) {
    thread.join();
  }
  return merge(connections, shared, started);
}

}  // namespace bench
