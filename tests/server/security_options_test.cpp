#include "server/security_options.h"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using server::AuthMode;

namespace {

server::Options parse(std::vector<std::string> args) { return server::parse_options(args); }

}  // namespace

TEST_CASE("loopback hosts", "[options][security]") {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost"}) {
    CAPTURE(host);
    CHECK(server::is_loopback_host(host));
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "127.0.0.1.example.com", "127.0.0"}) {
    CAPTURE(host);
    CHECK_FALSE(server::is_loopback_host(host));
  }
}

TEST_CASE("the auth mode defaults by host and credentials", "[options][security]") {
  CHECK(server::resolve_auth_mode(parse({})) == AuthMode::off);
  CHECK(server::resolve_auth_mode(parse({"--credentials-file", "c"})) == AuthMode::verify);
  CHECK(server::resolve_auth_mode(parse({"--host", "0.0.0.0", "--credentials-file", "c"})) ==
        AuthMode::verify);
  CHECK(server::resolve_auth_mode(parse({"--host", "0.0.0.0", "--auth", "off"})) == AuthMode::off);
  CHECK(server::resolve_auth_mode(parse({"--auth=off", "--credentials-file", "c"})) ==
        AuthMode::off);
  CHECK_THROWS_WITH(server::resolve_auth_mode(parse({"--host", "0.0.0.0"})),
                    Contains("refusing to listen on 0.0.0.0 without credentials"));
  CHECK_THROWS_WITH(server::resolve_auth_mode(parse({"--auth", "verify"})),
                    Contains("--auth verify needs --credentials-file"));
  CHECK_THROWS_WITH(parse({"--auth", "maybe"}), Contains("must be off or verify"));
}

TEST_CASE("the container opens without credentials, and verifies with them",
          "[options][security]") {
  CHECK(server::resolve_auth_mode(parse({"--host", "0.0.0.0", "--open-without-credentials"})) ==
        AuthMode::off);
  CHECK(server::resolve_auth_mode(parse({"--host", "0.0.0.0", "--open-without-credentials",
                                         "--credentials-file", "c"})) == AuthMode::verify);
}

TEST_CASE("listener options", "[options][security]") {
  const auto https = parse({"--https-port", "0", "--tls-cert", "c.pem", "--tls-key", "k.pem"});
  CHECK(https.https_port == 0);
  CHECK(https.http);
  CHECK_NOTHROW(server::check_listeners(https));
  CHECK_THROWS_WITH(server::check_listeners(parse({"--https-port", "8443"})),
                    Contains("needs --tls-cert"));
  CHECK_THROWS_WITH(server::check_listeners(parse({"--tls-cert", "c.pem", "--tls-key", "k"})),
                    Contains("need --https-port"));
  CHECK_THROWS_WITH(server::check_listeners(parse({"--http=false"})),
                    Contains("nothing to listen on"));
  CHECK_NOTHROW(server::check_listeners(parse({})));
}
