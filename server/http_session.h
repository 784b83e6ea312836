#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <variant>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/api_handler.h"
#include "server/response.h"

namespace server {

struct SessionLimits {
  std::chrono::seconds idle_timeout{60};  // waiting for the first byte of the next request
  std::chrono::seconds read_timeout{30};  // receiving one whole request, or sending one reply
  uint64_t body_limit = 16ull << 20;      // DynamoDB's request limit; Beast's default is 1 MB
  uint32_t header_limit = 16u << 10;
};

class HttpSession;

// The live sessions and the requests in flight, so the server can drain gracefully.
// Thread-safe.
class SessionRegistry {
 public:
  // Returns 0 (and registers nothing) once draining has begun: the session should close.
  uint64_t add(std::weak_ptr<HttpSession> session);
  void remove(uint64_t id);

  // Asks every session to close once its current request, if any, is answered, and calls
  // `on_empty` (once, on whichever thread removes the last session, or here if none is left).
  void drain(std::function<void()> on_empty);
  // Drops the on_empty callback: the server calls it before tearing down what it refers to.
  void forget_on_empty();

  size_t size() const;
  std::atomic<size_t>& in_flight() { return in_flight_; }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<uint64_t, std::weak_ptr<HttpSession>> sessions_;
  uint64_t next_id_ = 1;
  bool draining_ = false;
  std::function<void()> on_empty_;
  std::atomic<size_t> in_flight_{0};
};

// What every session shares; owned by the Server, outlives all sessions.
struct SessionShared {
  ApiHandler& handler;
  SessionLimits limits;
  SessionRegistry registry;
};

// One HTTP/1.1 connection, plain or TLS: reads a request, answers it, repeats while keep-alive
// lasts. Every handler runs on the connection's I/O thread; one request is in flight at a time
// (SDKs do not pipeline, and bytes of a pipelined request simply wait in the buffer).
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `tls` (nullptr: plain HTTP) must outlive the session; with it, the session starts with a TLS
  // handshake and every byte after it goes through the TLS stream.
  HttpSession(boost::asio::ip::tcp::socket&& socket, SessionShared& shared,
              boost::asio::ssl::context* tls = nullptr);
  ~HttpSession();

  void run();
  // Thread-safe: close now if idle, else after the current reply (with Connection: close).
  void drain();

 private:
  enum class State { idle, reading, busy, closing };

  using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

  // The TCP stream under the TLS layer, if any: timeouts, socket options, close.
  boost::beast::tcp_stream& transport();
  // Calls `use(stream)` with the stream requests are read from and replies written to.
  template <typename Use>
  void with_stream(Use&& use) {
    std::visit(std::forward<Use>(use), stream_);
  }

  void start();
  void on_handshake(boost::beast::error_code ec);
  void wait_for_request();
  void on_first_bytes(boost::beast::error_code ec, size_t bytes);
  void read_request();
  void on_header(boost::beast::error_code ec, size_t bytes);
  void on_continue_sent(boost::beast::error_code ec, size_t bytes);
  void read_body();
  void on_read(boost::beast::error_code ec, size_t bytes);
  void on_read_error(boost::beast::error_code ec);
  void handle_request();
  void send(Response response);
  void on_write(boost::beast::error_code ec, size_t bytes);
  void on_drain();
  // Ends the connection; `linger` (after a reply) lets the peer read all of it first: plain HTTP
  // half-closes and discards input for a while; TLS discards the rest of an unread request the
  // same way, or else sends close_notify and waits for the peer's.
  void close(bool linger);
  void on_tls_shutdown(boost::beast::error_code ec);
  void discard_input();
  void on_discard(boost::beast::error_code ec, size_t bytes);

  std::variant<boost::beast::tcp_stream, TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<Response> response_;
  std::shared_ptr<void> interim_;  // the 100 Continue response while it is written
  SessionShared& shared_;
  uint64_t id_ = 0;
  State state_ = State::idle;
  bool draining_ = false;
  bool counted_ = false;  // this session's request is counted in the registry's in_flight
  size_t discarded_ = 0;
  bool unread_input_ = false;  // the rest of an oversized request was never read
};

}  // namespace server
