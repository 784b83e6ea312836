#include "server/healthcheck.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <charconv>
#include <iostream>
#include <string_view>

namespace server {

namespace {

constexpr int kTimeoutSeconds = 3;

struct Target {
  std::string host = "127.0.0.1";
  std::string port = "8000";
};

bool parse(const std::vector<std::string>& args, Target& target) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string* field = arg == "--host" ? &target.host : arg == "--port" ? &target.port : nullptr;
    if (field == nullptr || i + 1 >= args.size()) {
      return false;
    }
    *field = args[++i];
  }
  int port = 0;
  const auto* end = target.port.data() + target.port.size();
  return std::from_chars(target.port.data(), end, port).ptr == end && port > 0 && port < 65536;
}

// Connects with both directions' timeouts set; -1 when nothing answers.
int connect_to(const Target& target) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(target.host.c_str(), target.port.c_str(), &hints, &found) != 0) {
    return -1;
  }
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) {
      continue;
    }
    timeval timeout{kTimeoutSeconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  return fd;
}

}  // namespace

int run_healthcheck(const std::vector<std::string>& args) {
  Target target;
  if (!parse(args, target)) {
    std::cerr << "usage: ddbd healthcheck [--host HOST] [--port PORT]\n";
    return 2;
  }
  const int fd = connect_to(target);
  if (fd < 0) {
    std::cerr << "ddbd healthcheck: nothing answers on " << target.host << ":" << target.port
              << '\n';
    return 1;
  }
  const std::string request =
      "GET / HTTP/1.1\r\nHost: " + target.host + "\r\nConnection: close\r\n\r\n";
  std::string reply;
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    char buffer[512];
    ssize_t n = 0;
    while (reply.size() < 64 && (n = recv(fd, buffer, sizeof buffer, 0)) > 0) {
      reply.append(buffer, static_cast<size_t>(n));
    }
  }
  close(fd);
  const bool healthy = reply.starts_with("HTTP/1.1 200");
  if (!healthy) {
    std::cerr << "ddbd healthcheck: no 200 from " << target.host << ":" << target.port << '\n';
  }
  return healthy ? 0 : 1;
}

}  // namespace server
