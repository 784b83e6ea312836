#include "server/listener.h"

#include <iostream>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>

namespace server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Out of file descriptors: accepting again at once would spin, so pause before retrying.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

}  // namespace

// The acceptor and its timer live on the first I/O thread's context, which one thread runs, so
// their handlers need no strand.
Listener::Listener(IoThreads& threads, const tcp::endpoint& endpoint, SessionShared& shared,
                   net::ssl::context* tls)
    : threads_(threads),
      acceptor_(threads.first()),
      retry_timer_(threads.first()),
      shared_(shared),
      tls_(tls) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Listener::run() {
  net::dispatch(acceptor_.get_executor(),
                beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
  net::post(acceptor_.get_executor(),
            beast::bind_front_handler(&Listener::on_stop, shared_from_this()));
}

void Listener::do_accept() {
  if (stopped_) {
    return;
  }
  // Each connection lives on one I/O thread's context, so sessions run in parallel across them.
  acceptor_.async_accept(threads_.next(),
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopped_ || ec == net::error::operation_aborted) {
    return;
  }
  if (ec) {
    std::cerr << "ddbd: accept failed: " << ec.message() << '\n';
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) {
        self->do_accept();
      }
    });
    return;
  }
  std::make_shared<HttpSession>(std::move(socket), shared_, tls_)->run();
  do_accept();
}

void Listener::on_stop() {
  stopped_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
}

}  // namespace server
