#pragma once

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/http_session.h"
#include "server/io_threads.h"

namespace server {

// Accepts connections on the first I/O thread and starts an HttpSession for each, on the I/O
// threads in turn.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Opens, binds and listens; throws boost::system::system_error (e.g. address in use).
  // `tls` (nullptr: plain HTTP) makes every session a TLS session; it must outlive the listener.
  Listener(IoThreads& threads, const boost::asio::ip::tcp::endpoint& endpoint,
           SessionShared& shared, boost::asio::ssl::context* tls = nullptr);

  uint16_t port() const { return port_; }  // the bound port (useful after binding port 0)

  void run();
  // Thread-safe: stops accepting and closes the listening socket.
  void stop();

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  void on_stop();

  IoThreads& threads_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  SessionShared& shared_;
  boost::asio::ssl::context* tls_;
  uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace server
