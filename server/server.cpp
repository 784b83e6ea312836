#include "server/server.h"

#include <csignal>
#include <iostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/api_handler.h"
#include "server/http_session.h"
#include "server/io_threads.h"
#include "server/listener.h"
#include "server/tls_context.h"

namespace server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// How long past the read timeout a drain may take before the I/O loop is stopped regardless.
constexpr auto kDrainGrace = std::chrono::seconds(5);

tcp::endpoint resolve_endpoint(net::io_context& ioc, const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) {
    return {address, port};
  }
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) {
    throw std::runtime_error("cannot resolve host '" + host + "': " + ec.message());
  }
  return results.begin()->endpoint();
}

}  // namespace

// Members are declared so that the io_context (and the sessions its handlers keep alive) is
// destroyed before the handler and registry those sessions refer to.
struct Server::Impl {
  Impl(protocol::Api& api, ServerOptions options);
  ~Impl();

  void begin_drain();
  void finish_drain();
  void on_signal(boost::system::error_code ec, int signal);
  void wait_for_signal();

  ServerOptions options_;
  ApiHandler handler_;
  SessionShared shared_;
  std::unique_ptr<net::ssl::context> tls_;  // before threads_: TLS sessions use it until they end
  IoThreads threads_;
  net::io_context::executor_type control_;  // the first I/O thread: serializes drain steps
  net::signal_set signals_;
  net::steady_timer drain_deadline_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  uint16_t http_port_ = 0;
  uint16_t https_port_ = 0;
  bool draining_ = false;

 private:
  std::shared_ptr<Listener> listen(uint16_t port, net::ssl::context* tls);
};

Server::Impl::Impl(protocol::Api& api, ServerOptions options)
    : options_(std::move(options)),
      handler_(api, options_.region, RequestAuthenticator(options_.verifier), options_.admin,
               options_.verifier == nullptr),
      shared_{handler_, SessionLimits{options_.idle_timeout, options_.read_timeout}, {}},
      threads_(options_.threads),
      control_(threads_.first().get_executor()),
      signals_(control_),
      drain_deadline_(control_) {
  if (options_.http) {
    http_port_ = listen(options_.port, nullptr)->port();
  }
  if (options_.https_port) {
    tls_ = make_tls_context(options_.tls_cert, options_.tls_key);
    https_port_ = listen(*options_.https_port, tls_.get())->port();
  }
  if (options_.handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
  }
}

std::shared_ptr<Listener> Server::Impl::listen(uint16_t port, net::ssl::context* tls) {
  const auto endpoint = resolve_endpoint(threads_.first(), options_.host, port);
  try {
    listeners_.push_back(std::make_shared<Listener>(threads_, endpoint, shared_, tls));
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(port) +
                             ": " + e.code().message());
  }
  return listeners_.back();
}

Server::Impl::~Impl() {
  // Sessions still held by handlers in a stopped io_context end as it is destroyed, after the
  // timers the drain callback would touch.
  shared_.registry.forget_on_empty();
}

void Server::Impl::wait_for_signal() {
  signals_.async_wait([this](boost::system::error_code ec, int signal) { on_signal(ec, signal); });
}

void Server::Impl::on_signal(boost::system::error_code ec, int signal) {
  if (ec) {
    return;  // cancelled once the drain finished
  }
  if (draining_) {
    std::cerr << "ddbd: second signal, stopping now\n";
    threads_.stop();
    return;
  }
  std::cerr << "ddbd: signal " << signal << ", draining\n";
  wait_for_signal();
  begin_drain();
}

void Server::Impl::begin_drain() {
  if (draining_) {
    return;
  }
  draining_ = true;
  for (const auto& listener : listeners_) {
    listener->stop();
  }
  drain_deadline_.expires_after(options_.read_timeout + kDrainGrace);
  drain_deadline_.async_wait([this](boost::system::error_code ec) {
    if (!ec) {
      std::cerr << "ddbd: drain timed out with " << shared_.registry.size()
                << " connection(s) open\n";
      threads_.stop();
    }
  });
  // Called from whichever thread closes the last connection.
  shared_.registry.drain([this] { net::post(control_, [this] { finish_drain(); }); });
}

void Server::Impl::finish_drain() {
  // Nothing pending is left but these two and the I/O threads' work guards; without them the
  // I/O threads run out of work and run() returns.
  drain_deadline_.cancel();
  signals_.cancel();
  threads_.release();
}

Server::Server(protocol::Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() = default;

uint16_t Server::port() const { return impl_->http_port_; }

uint16_t Server::https_port() const { return impl_->https_port_; }

void Server::run() {
  for (const auto& listener : impl_->listeners_) {
    listener->run();
  }
  if (impl_->options_.handle_signals) {
    net::post(impl_->control_, [impl = impl_.get()] { impl->wait_for_signal(); });
  }
  impl_->threads_.run();
}

void Server::stop() {
  net::post(impl_->control_, [impl = impl_.get()] { impl->begin_drain(); });
}

size_t Server::in_flight() const { return impl_->shared_.registry.in_flight().load(); }

size_t Server::connections() const { return impl_->shared_.registry.size(); }

}  // namespace server
