// bench_ceiling: the rig's ceiling. Answers every HTTP/1.1 request with one fixed 200 reply (a
// GetItem-shaped body of the benchmark's item size) and does no other work, so ddbd_bench run
// against it shows what this machine's loopback, kernel and the generator itself allow.
//
// usage: bench_ceiling [--host H] [--port N] [--threads N]   (port 0 picks a free one)
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;

constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kMaxRequestBytes = 16u << 20;  // the body limit ddbd has

// A GetItem reply for a ~200-byte item, with the headers DynamoDB sends.
std::string make_reply() {
  const std::string body = "{\"Item\":{\"pk\":{\"S\":\"k0000001234\"},\"data\":{\"S\":\"" +
                           std::string(167, 'x') +
                           "\"},\"n\":{\"N\":\"123456\"},\"tag\":{\"S\":\"abcdefgh\"}}}";
  return "HTTP/1.1 200 OK\r\n"
         "Content-Type: application/x-amz-json-1.0\r\n"
         "x-amzn-RequestId: 00000000000000000000000000000000000000000000000000000000\r\n"
         "x-amz-crc32: 0\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

const std::string& reply() {
  static const std::string text = make_reply();
  return text;
}

bool iequals_prefix(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) {
      return false;
    }
  }
  return true;
}

// The Content-Length in a header block (0 when absent).
size_t content_length(std::string_view headers) {
  size_t at = 0;
  while (at < headers.size()) {
    const size_t end = std::min(headers.find("\r\n", at), headers.size());
    const std::string_view line = headers.substr(at, end - at);
    if (iequals_prefix(line, "content-length:")) {
      return std::strtoull(std::string(line.substr(15)).c_str(), nullptr, 10);
    }
    at = end + 2;
  }
  return 0;
}

// Reads whole requests (headers, then Content-Length bytes) and answers each with reply().
class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : socket_(std::move(socket)) {
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
  }

  void start() { read(); }

 private:
  void read() {
    if (buffer_.size() - filled_ < kReadChunk) {
      buffer_.resize(filled_ + kReadChunk);
    }
    socket_.async_read_some(
        net::buffer(buffer_.data() + filled_, buffer_.size() - filled_),
        [self = shared_from_this()](error_code ec, size_t n) { self->on_read(ec, n); });
  }

  void on_read(error_code ec, size_t n) {
    if (ec) {
      return;
    }
    filled_ += n;
    const std::string_view data(buffer_.data(), filled_);
    const size_t header_end = data.find("\r\n\r\n");
    if (header_end == std::string_view::npos) {
      return filled_ > kMaxRequestBytes ? void() : read();
    }
    const size_t total = header_end + 4 + content_length(data.substr(0, header_end));
    if (total > kMaxRequestBytes) {
      return;
    }
    if (filled_ < total) {
      return read();
    }
    // Keep whatever arrived after this request (a pipelined one) for the next round.
    std::memmove(buffer_.data(), buffer_.data() + total, filled_ - total);
    filled_ -= total;
    net::async_write(socket_, net::buffer(reply()),
                     [self = shared_from_this()](error_code ec, size_t) {
                       if (!ec) {
                         self->on_read({}, 0);
                       }
                     });
  }

  tcp::socket socket_;
  std::vector<char> buffer_;
  size_t filled_ = 0;
};

void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](error_code ec, tcp::socket socket) {
    if (!ec) {
      std::make_shared<Session>(std::move(socket))->start();
    }
    if (acceptor.is_open()) {
      accept(acceptor);
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  unsigned threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    if (name == "--host") {
      host = argv[i + 1];
    } else if (name == "--port") {
      port = static_cast<unsigned short>(std::atoi(argv[i + 1]));
    } else if (name == "--threads") {
      threads = static_cast<unsigned>(std::max(1, std::atoi(argv[i + 1])));
    } else {
      std::cerr << "usage: bench_ceiling [--host H] [--port N] [--threads N]\n";
      return 2;
    }
  }
  try {
    net::io_context ioc(static_cast<int>(threads));
    tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address(host), port));
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](error_code, int) { ioc.stop(); });
    accept(acceptor);
    std::cout << "bench_ceiling listening on " << host << ":" << acceptor.local_endpoint().port()
              << std::endl;
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < threads; ++i) {
      extra.emplace_back([&ioc] { ioc.run(); });
    }
    ioc.run();
    for (auto& thread : extra) {
      thread.join();
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_ceiling: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
