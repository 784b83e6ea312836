#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "protocol/admin/admin_api.h"
#include "protocol/api.h"

namespace auth {
class Verifier;
}

namespace server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address, or a name resolved once at start
  uint16_t port = 8000;            // 0 = any free port; see Server::port()
  unsigned threads = 1;            // I/O threads
  std::string region = "us-east-1";
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds read_timeout{30};
  bool handle_signals = true;  // SIGINT/SIGTERM start the drain (a second one stops at once)
  // nullptr: auth off (shape checks only). Otherwise every request is verified; must outlive
  // the server.
  const auth::Verifier* verifier = nullptr;
  bool http = true;                    // listen for plain HTTP on `port`
  std::optional<uint16_t> https_port;  // also listen for HTTPS (0 = any free port)
  std::filesystem::path tls_cert;      // PEM, required with https_port
  std::filesystem::path tls_key;
  // ddbd's admin API under /_ddbd/ (null: none), served while authentication is off; must
  // outlive the server.
  protocol::AdminApi* admin = nullptr;
};

// The HTTP front end: N I/O threads with an io_context each, the HTTP and/or HTTPS listeners, and
// graceful shutdown.
//
// Drain (on a signal or stop()): stop accepting, close idle keep-alive connections, let requests
// in flight finish (their replies carry Connection: close), then run() returns so the caller can
// shut the store down. If connections are still open after read_timeout + 5 s, the I/O loop is
// stopped anyway.
class Server {
 public:
  // Binds the listening socket; throws std::runtime_error when it cannot (bad host, port in use).
  // `api` must outlive the server.
  Server(protocol::Api& api, ServerOptions options);
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;        // the bound HTTP port (0 when HTTP is off)
  uint16_t https_port() const;  // the bound HTTPS port (0 when HTTPS is off)

  // Runs the I/O threads (this one included) until the drain completes.
  void run();

  // Thread-safe: begins the drain, as SIGTERM does.
  void stop();

  size_t in_flight() const;    // requests read and not yet answered
  size_t connections() const;  // open connections

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
