#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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
  bool in_memory = false;  // data in a throwaway directory under /tmp, removed at exit
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
// `--help`/`-h` and `--in-memory`. Reads the file named by --config first; flags override it.
// Throws OptionsError.
Options parse_options(const std::vector<std::string>& args);

// Applies `key = value` lines (`#` starts a comment; keys are the long flag names without dashes)
// to `options`. `origin` names the text in error messages. Throws OptionsError.
void apply_config_text(std::string_view text, std::string_view origin, Options& options);

// The --help text: every flag with its default.
std::string usage_text();

}  // namespace server
