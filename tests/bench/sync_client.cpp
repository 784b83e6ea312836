#include "sync_client.h"

#include <optional>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "request_builder.h"

namespace bench {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

struct SyncClient::State {
  explicit State(const Endpoint& endpoint)
      : endpoint(endpoint), builder(bench_credentials(), endpoint.host_header), socket(ioc) {}

  void connect() {
    socket = tcp::socket(ioc);
    tcp::resolver resolver(ioc);
    net::connect(socket, resolver.resolve(endpoint.host, endpoint.port));
    socket.set_option(tcp::no_delay(true));
    buffer.clear();
  }

  HttpReply exchange(const std::string& request) {
    net::write(socket, net::buffer(request));
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::read(socket, buffer, parser);
    HttpReply reply{parser.get().result_int(), std::move(parser.get().body())};
    if (!parser.get().keep_alive()) {
      boost::system::error_code ignored;
      socket.close(ignored);
    }
    return reply;
  }

  Endpoint endpoint;
  net::io_context ioc;
  RequestBuilder builder;
  tcp::socket socket;
  boost::beast::flat_buffer buffer;
  std::string request;
};

SyncClient::SyncClient(const Endpoint& endpoint) : state_(std::make_unique<State>(endpoint)) {}

SyncClient::~SyncClient() = default;

HttpReply SyncClient::call(std::string_view operation, std::string_view body) {
  State& state = *state_;
  state.builder.build(operation, body, state.request);
  try {
    if (!state.socket.is_open()) {
      state.connect();
    }
    return state.exchange(state.request);
  } catch (const boost::system::system_error&) {
    // A kept-alive connection the server has closed in the meantime (node closes idle ones
    // after 5 s): one fresh attempt.
  }
  try {
    state.connect();
    return state.exchange(state.request);
  } catch (const boost::system::system_error& e) {
    boost::system::error_code ignored;
    state.socket.close(ignored);
    throw std::runtime_error(state.endpoint.name + ": " + std::string(operation) + ": " + e.what());
  }
}

HttpReply call_ok(SyncClient& client, const Endpoint& endpoint, std::string_view operation,
                  std::string_view body) {
  HttpReply reply = client.call(operation, body);
  if (reply.status != 200) {
    throw std::runtime_error(endpoint.name + ": " + std::string(operation) + " answered " +
                             std::to_string(reply.status) + ": " + reply.body.substr(0, 300));
  }
  return reply;
}

}  // namespace bench
