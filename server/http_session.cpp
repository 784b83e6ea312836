#include "server/http_session.h"

#include <array>
#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Bytes asked of the socket while waiting for a request to start.
constexpr size_t kFirstReadBytes = 4096;

// After a reply that closes the connection, unread input (say, the rest of a 413 body) is read
// and dropped for a while: closing with unread data sends an RST, which can destroy the reply
// before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerMaxBytes = 64u << 20;

bool is_too_large(beast::error_code ec) {
  return ec == http::error::body_limit || ec == http::error::header_limit;
}

}  // namespace

uint64_t SessionRegistry::add(std::weak_ptr<HttpSession> session) {
  std::lock_guard lock(mutex_);
  if (draining_) {
    return 0;
  }
  const uint64_t id = next_id_++;
  sessions_.emplace(id, std::move(session));
  return id;
}

void SessionRegistry::remove(uint64_t id) {
  std::function<void()> on_empty;
  {
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
    if (draining_ && sessions_.empty()) {
      on_empty = std::exchange(on_empty_, nullptr);
    }
  }
  if (on_empty) {
    on_empty();
  }
}

void SessionRegistry::drain(std::function<void()> on_empty) {
  std::vector<std::shared_ptr<HttpSession>> live;
  bool empty_now = false;
  {
    std::lock_guard lock(mutex_);
    draining_ = true;
    for (const auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) {
        live.push_back(std::move(session));
      }
    }
    empty_now = sessions_.empty();
    if (!empty_now) {
      on_empty_ = std::move(on_empty);
    }
  }
  // Outside the lock: dropping the last reference runs ~HttpSession, which calls remove().
  for (const auto& session : live) {
    session->drain();
  }
  if (empty_now) {
    on_empty();
  }
}

void SessionRegistry::forget_on_empty() {
  std::lock_guard lock(mutex_);
  on_empty_ = nullptr;
}

size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

namespace {

std::variant<beast::tcp_stream, beast::ssl_stream<beast::tcp_stream>> make_stream(
    tcp::socket&& socket, net::ssl::context* tls) {
  if (tls == nullptr) {
    return beast::tcp_stream(std::move(socket));
  }
  return beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tls);
}

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, SessionShared& shared, net::ssl::context* tls)
    : stream_(make_stream(std::move(socket), tls)), shared_(shared) {}

beast::tcp_stream& HttpSession::transport() {
  if (auto* plain = std::get_if<beast::tcp_stream>(&stream_)) {
    return *plain;
  }
  return beast::get_lowest_layer(std::get<TlsStream>(stream_));
}

HttpSession::~HttpSession() {
  if (counted_) {
    --shared_.registry.in_flight();
  }
  if (id_ != 0) {
    shared_.registry.remove(id_);
  }
}

void HttpSession::run() {
  // The socket was accepted onto one I/O thread's context; run every handler there.
  net::dispatch(transport().get_executor(),
                beast::bind_front_handler(&HttpSession::start, shared_from_this()));
}

void HttpSession::drain() {
  net::post(transport().get_executor(),
            beast::bind_front_handler(&HttpSession::on_drain, shared_from_this()));
}

void HttpSession::start() {
  id_ = shared_.registry.add(weak_from_this());
  if (id_ == 0) {
    close(false);
    return;
  }
  beast::error_code ignored;
  transport().socket().set_option(tcp::no_delay(true), ignored);  // replies are one write each
  if (auto* tls = std::get_if<TlsStream>(&stream_)) {
    state_ = State::reading;
    transport().expires_after(shared_.limits.read_timeout);
    tls->async_handshake(net::ssl::stream_base::server,
                         beast::bind_front_handler(&HttpSession::on_handshake, shared_from_this()));
    return;
  }
  wait_for_request();
}

void HttpSession::on_handshake(beast::error_code ec) {
  if (ec) {
    close(false);  // not TLS, an unacceptable version, or the client gave up
    return;
  }
  wait_for_request();
}

void HttpSession::wait_for_request() {
  if (draining_) {
    close(false);
    return;
  }
  parser_.emplace();
  parser_->body_limit(shared_.limits.body_limit);
  parser_->header_limit(shared_.limits.header_limit);
  if (buffer_.size() > 0) {
    read_request();  // a pipelined request is already here
    return;
  }
  // Idle until the first byte arrives, so an idle keep-alive connection and a slow request get
  // different timeouts.
  state_ = State::idle;
  transport().expires_after(shared_.limits.idle_timeout);
  with_stream([this](auto& stream) {
    stream.async_read_some(
        buffer_.prepare(kFirstReadBytes),
        beast::bind_front_handler(&HttpSession::on_first_bytes, shared_from_this()));
  });
}

void HttpSession::on_first_bytes(beast::error_code ec, size_t bytes) {
  if (ec) {
    close(false);  // timed out, closed by the client, or cancelled by a drain
    return;
  }
  buffer_.commit(bytes);
  read_request();
}

void HttpSession::read_request() {
  state_ = State::reading;
  transport().expires_after(shared_.limits.read_timeout);  // covers the header and the body
  with_stream([this](auto& stream) {
    http::async_read_header(stream, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
  });
}

void HttpSession::on_header(beast::error_code ec, size_t) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
    // Clients that ask wait (curl: a second) before sending the body; tell them to go ahead.
    auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      parser_->get().version());
    interim_ = interim;
    with_stream([this, &interim](auto& stream) {
      http::async_write(
          stream, *interim,
          beast::bind_front_handler(&HttpSession::on_continue_sent, shared_from_this()));
    });
    return;
  }
  read_body();
}

void HttpSession::on_continue_sent(beast::error_code ec, size_t) {
  interim_.reset();
  if (ec) {
    close(false);
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  with_stream([this](auto& stream) {
    http::async_read(stream, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  });
}

void HttpSession::on_read(beast::error_code ec, size_t) {
  if (ec) {
    on_read_error(ec);
    return;
  }
  handle_request();
}

void HttpSession::on_read_error(beast::error_code ec) {
  if (!is_too_large(ec)) {
    close(false);  // end of stream, timeout, or not HTTP: nothing sensible to answer
    return;
  }
  state_ = State::busy;
  unread_input_ = true;
  transport().expires_never();
  try {
    ReplyContext context =
        parser_->is_header_done() ? reply_context(parser_->get()) : ReplyContext{};
    context.keep_alive = false;  // the rest of the request was not read
    context.head = false;
    send(make_error_response(context, protocol::ApiError::request_too_large()));
  } catch (const std::exception& e) {
    std::cerr << "ddbd: cannot answer an oversized request: " << e.what() << '\n';
    close(false);
  }
}

void HttpSession::handle_request() {
  state_ = State::busy;
  transport().expires_never();  // no timeout while the API works; the reply sets its own
  ++shared_.registry.in_flight();
  counted_ = true;
  auto self = shared_from_this();
  try {
    shared_.handler.handle(parser_->release(), transport().get_executor(),
                           [self](Response response) { self->send(std::move(response)); });
  } catch (const std::exception& e) {
    // The handler answers its own failures; reaching here means sending the answer failed.
    std::cerr << "ddbd: request failed: " << e.what() << '\n';
    close(false);
  }
}

void HttpSession::send(Response response) {
  if (draining_) {
    response.keep_alive(false);  // "Connection: close" tells the client not to reuse it
  }
  response_ = std::move(response);
  const std::array<net::const_buffer, 2> buffers{net::buffer(response_->finish_head()),
                                                 net::buffer(response_->body())};
  transport().expires_after(shared_.limits.read_timeout);
  with_stream([this, &buffers](auto& stream) {
    net::async_write(stream, buffers,
                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this()));
  });
}

void HttpSession::on_write(beast::error_code ec, size_t) {
  if (counted_) {
    --shared_.registry.in_flight();
    counted_ = false;
  }
  const bool keep_alive = !ec && response_->keep_alive();
  response_.reset();
  if (ec) {
    close(false);
    return;
  }
  if (!keep_alive) {
    close(true);
    return;
  }
  wait_for_request();
}

void HttpSession::on_drain() {
  draining_ = true;
  if (state_ == State::idle) {
    transport().cancel();  // the pending read fails and closes the connection
  }
}

void HttpSession::close(bool linger) {
  state_ = State::closing;
  auto* tls = std::get_if<TlsStream>(&stream_);
  if (tls != nullptr && linger && !unread_input_) {
    // close_notify, then wait for the peer's (or end of stream) within the read timeout, so the
    // client sees a complete, untruncated close.
    transport().expires_after(shared_.limits.read_timeout);
    tls->async_shutdown(
        beast::bind_front_handler(&HttpSession::on_tls_shutdown, shared_from_this()));
    return;
  }
  beast::error_code ignored;
  if (tls == nullptr) {
    transport().socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
  // Without linger (errors, timeouts, the peer gone) a TLS session closes without close_notify.
  if (!linger) {
    transport().close();
    return;
  }
  // The rest of the request (say, a 413 body) is read and dropped until the peer, having read the
  // reply, closes. Over TLS there is no half-close to announce the end first: OpenSSL fails a
  // shutdown when application data arrives after our close_notify, and closing with data unread
  // resets the connection, so the reply could be lost either way.
  buffer_.clear();
  transport().expires_after(kLingerTime);
  discard_input();
}

void HttpSession::on_tls_shutdown(beast::error_code) { transport().close(); }

void HttpSession::discard_input() {
  with_stream([this](auto& stream) {
    stream.async_read_some(buffer_.prepare(kFirstReadBytes * 16),
                           beast::bind_front_handler(&HttpSession::on_discard, shared_from_this()));
  });
}

void HttpSession::on_discard(beast::error_code ec, size_t bytes) {
  discarded_ += bytes;
  if (ec || discarded_ > kLingerMaxBytes) {
    transport().close();
    return;
  }
  discard_input();
}

}  // namespace server
