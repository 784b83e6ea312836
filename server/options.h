#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/store_options.h"

namespace server {

// How requests are authenticated (README "Security").
enum class AuthMode {
  off,     // headers' presence and shape only: any well-formed credentials work
  verify,  // SigV4 verified against the credentials file, per-key access rules enforced
};

// Everything ddbd can be told, from the command line and the config file. Defaults here are the
// documented ones (usage_text() and conf/ddbd.conf list them too).
struct Options {
  bool help = false;  // --help: print usage_text() and exit 0
  std::string host = "127.0.0.1";
  uint16_t port = 8000;  // 0 = any free port (the bound one is printed)
  std::filesystem::path data_dir = "./data";
  bool in_memory = false;  // data in memory only (StoreOptions::in_memory), gone at exit
  storage::Durability durability = storage::Durability::kFull;
  // With no credentials file, listen beyond loopback with authentication off instead of refusing
  // to start (the container's default, as DynamoDB Local users expect).
  bool open_without_credentials = false;
  std::optional<std::filesystem::path> config_file;
  unsigned threads = 1;  // I/O threads; parse_options() defaults it to hardware_concurrency
  std::chrono::milliseconds status_delay{5};  // how long CREATING/UPDATING/DELETING last
  size_t backfill_batch_items = 1000;         // items indexed per background step of a GSI backfill
  // Time to Live: how often the sweeper looks for expired items, how many it deletes per step,
  // and how soon a table's TTL setting may change again (DynamoDB: about an hour).
  std::chrono::milliseconds ttl_sweep_interval{1000};
  size_t ttl_sweep_batch_items = 500;
  std::chrono::milliseconds ttl_change_window{100};
  // DynamoDB Streams: a shard closes after this time, or this many records (0: no limit); records
  // live this long (DynamoDB: 24 hours); expired ones are trimmed this often.
  std::chrono::milliseconds stream_shard_span{4 * 3600 * 1000};
  uint64_t stream_shard_max_records = 0;
  std::chrono::milliseconds stream_retention{24 * 3600 * 1000};
  std::chrono::milliseconds stream_trim_interval{1000};
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::chrono::seconds idle_timeout{60};  // an idle keep-alive connection is closed after this
  std::chrono::seconds read_timeout{30};  // a request must arrive (and a reply go) within this
  // Unset: decided by resolve_auth_mode() (server/security_options.h) from the host and whether
  // a credentials file is given.
  std::optional<AuthMode> auth;
  std::optional<std::filesystem::path> credentials_file;
  bool http = true;                               // serve plain HTTP on `port`
  std::optional<uint16_t> https_port;             // serve HTTPS too (0 = any free port)
  std::optional<std::filesystem::path> tls_cert;  // PEM certificate chain
  std::optional<std::filesystem::path> tls_key;   // PEM private key
};

// A bad flag, key or value. main prints what() and exits with status 2.
class OptionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the arguments after the program name: `--name value`, `--name=value`, and the value-less
// `--help`/`-h` and `--in-memory`, and DynamoDB Local's own forms (dynamodb_local_args). Settings
// come from the --config file, then DDBD_<NAME> environment variables (DDBD_DATA_DIR=...), then
// flags, each overriding the one before. Throws OptionsError.
Options parse_options(const std::vector<std::string>& args);

// Applies `key = value` lines (`#` starts a comment; keys are the long flag names without dashes)
// to `options`. `origin` names the text in error messages. Throws OptionsError.
// `env`: the environment variables (name -> value) parse_options reads; the process environment
// when not given.
Options parse_options(const std::vector<std::string>& args,
                      const std::vector<std::pair<std::string, std::string>>& env);

// DynamoDB Local's command line as ddbd flags: a leading `java [-D...|-X...] -jar
// .../DynamoDBLocal.jar` is dropped; -port N, -inMemory, -dbPath DIR, -delayTransientStatuses
// and -help become --port, --in-memory, --data-dir, --status-delay-ms 1000 and --help; -sharedDb
// (ddbd always serves one database, whatever the access key or region), -cors LIST (ddbd answers
// every origin's preflight), -optimizeDbBeforeStartup and -disableTelemetry are accepted and do
// nothing. Other arguments pass through unchanged.
std::vector<std::string> dynamodb_local_args(const std::vector<std::string>& args);

void apply_config_text(std::string_view text, std::string_view origin, Options& options);

// The --help text: every flag with its default.
std::string usage_text();

}  // namespace server
