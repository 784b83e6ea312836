// ddbd: a DynamoDB-compatible server. Parses options, opens the store, serves until SIGINT or
// SIGTERM, drains, and closes the store cleanly.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "auth/credentials.h"
#include "auth/verifier.h"
#include "protocol/api.h"
#include "server/healthcheck.h"
#include "server/options.h"
#include "server/security_options.h"
#include "server/server.h"
#include "storage/store.h"

namespace {

// Exit statuses: 2 is a usage error, as getopt-style tools do.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

server::ServerOptions server_options(const server::Options& options) {
  server::ServerOptions result;
  result.host = options.host;
  result.port = options.port;
  result.threads = options.threads;
  result.region = options.region;
  result.idle_timeout = options.idle_timeout;
  result.read_timeout = options.read_timeout;
  result.http = options.http;
  result.https_port = options.https_port;
  result.tls_cert = options.tls_cert.value_or("");
  result.tls_key = options.tls_key.value_or("");
  return result;
}

// The credentials and the verifier for auth verify (both empty for auth off).
struct Authentication {
  std::optional<auth::CredentialStore> credentials;
  std::optional<auth::Verifier> verifier;
};

void set_up_authentication(const server::Options& options, server::AuthMode mode,
                           const storage::Clock& clock, Authentication& authentication) {
  if (mode == server::AuthMode::off) {
    return;
  }
  auto parse = auth::load_credentials_file(*options.credentials_file);
  if (!parse.store) {
    throw std::runtime_error(parse.error);
  }
  authentication.credentials = std::move(parse.store);
  // Signature dates are checked against the clock storage and protocol read (auth::Clock and
  // storage::Clock are the same type).
  authentication.verifier.emplace(*authentication.credentials,
                                  auth::VerifierOptions{options.region, "dynamodb", clock});
}

int serve(const server::Options& options, server::AuthMode mode) {
  // The one wall clock (storage/clock.h), shared by storage, protocol and auth, and moved by the
  // admin API's clock control.
  storage::AdjustableClock adjustable_clock;
  const storage::Clock clock = adjustable_clock.as_clock();
  protocol::AdminApi admin(adjustable_clock);
  Authentication authentication;
  set_up_authentication(options, mode, clock, authentication);
  // In memory, storage makes (and at once removes) its own directory under $TMPDIR or /tmp.
  storage::StoreOptions store_options{options.in_memory ? std::filesystem::path()
                                                        : options.data_dir};
  store_options.backfill_batch_items = options.backfill_batch_items;
  store_options.ttl_sweep_interval = options.ttl_sweep_interval;
  store_options.ttl_sweep_batch_items = options.ttl_sweep_batch_items;
  store_options.clock = clock;
  store_options.durability = options.durability;
  store_options.in_memory = options.in_memory;
  store_options.streams.shard_span_ms = options.stream_shard_span.count();
  store_options.streams.shard_max_records = options.stream_shard_max_records;
  store_options.streams.retention_ms = options.stream_retention.count();
  store_options.stream_trim_interval = options.stream_trim_interval;
  storage::Store store(store_options);
  protocol::Api api(store, protocol::ApiOptions{options.region, options.account_id,
                                                options.status_delay, options.ttl_change_window});
  auto serving = server_options(options);
  serving.verifier = authentication.verifier ? &*authentication.verifier : nullptr;
  serving.admin = &admin;
  server::Server server(api, serving);
  // Integration tests and scripts read these lines to find the ports; keep them exactly this shape.
  if (options.http) {
    std::cout << "ddbd listening on " << options.host << ":" << server.port() << '\n';
  }
  if (options.https_port) {
    std::cout << "ddbd listening on https://" << options.host << ":" << server.https_port() << '\n';
  }
  std::cout << "ddbd auth: " << (mode == server::AuthMode::verify ? "verify" : "off") << '\n';
  // The last line of start-up: tools wait for it (the sockets above already accept).
  std::cout << "ddbd ready" << std::endl;
  server.run();
  store.shutdown();  // completes queued writes while the server (and its io_context) still exist
  return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "healthcheck") {
    return server::run_healthcheck(std::vector<std::string>(argv + 2, argv + argc));
  }
  server::Options options;
  try {
    options = server::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const server::OptionsError& e) {
    std::cerr << "ddbd: " << e.what() << '\n';
    return kExitUsage;
  }
  if (options.help) {
    std::cout << server::usage_text();
    return EXIT_SUCCESS;
  }
  server::AuthMode mode = server::AuthMode::off;
  try {
    mode = server::resolve_auth_mode(options);
    server::check_listeners(options);
  } catch (const server::OptionsError& e) {
    std::cerr << "ddbd: " << e.what() << '\n';
    return kExitUsage;
  }
  try {
    return serve(options, mode);
  } catch (const std::exception& e) {
    std::cerr << "ddbd: " << e.what() << '\n';
    return kExitFailure;
  }
}
