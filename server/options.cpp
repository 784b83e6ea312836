#include "server/options.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <span>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "auth/text.h"

namespace server {
namespace {

// One `name = value` from the command line or the config file; `origin` locates it for errors.
struct Setting {
  std::string name;
  std::string value;
  std::string origin;
};

// Returns an error reason, or nullopt when the value was stored.
using Setter = std::optional<std::string> (*)(std::string_view value, Options& options);
using Shower = std::string (*)(const Options& options);

struct OptionSpec {
  std::string_view name;
  std::string_view value_name;  // empty: a switch, written without a value on the command line
  std::string_view help;
  Setter set;
  Shower show;  // the value as the defaults have it, for usage_text()
};

template <typename Int>
std::optional<Int> parse_int(std::string_view text, Int low, Int high) {
  Int value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "yes" || text == "on" || text == "1") {
    return true;
  }
  if (text == "false" || text == "no" || text == "off" || text == "0") {
    return false;
  }
  return std::nullopt;
}

bool all_of(std::string_view text, bool (*allowed)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), allowed);
}

std::optional<std::string> set_host(std::string_view value, Options& options) {
  if (!all_of(value, [](char c) { return c > ' ' && c < 127; })) {
    return "must be an IP address or host name";
  }
  options.host = value;
  return std::nullopt;
}

std::optional<std::string> set_port(std::string_view value, Options& options) {
  const auto port = parse_int<uint16_t>(value, 0, 65535);
  if (!port) {
    return "must be an integer from 0 to 65535 (0 picks a free port)";
  }
  options.port = *port;
  return std::nullopt;
}

std::optional<std::string> set_data_dir(std::string_view value, Options& options) {
  if (value.empty()) {
    return "must not be empty";
  }
  options.data_dir = std::string(value);
  options.in_memory = false;  // a data directory given later (a flag) overrides in-memory
  return std::nullopt;
}

std::optional<std::string> set_bool(std::string_view value, bool& target) {
  const auto on = parse_bool(value);
  if (!on) {
    return "must be true or false";
  }
  target = *on;
  return std::nullopt;
}

std::optional<std::string> set_in_memory(std::string_view value, Options& options) {
  return set_bool(value, options.in_memory);
}

std::optional<std::string> set_durability(std::string_view value, Options& options) {
  if (value == "full") {
    options.durability = storage::Durability::kFull;
  } else if (value == "relaxed") {
    options.durability = storage::Durability::kRelaxed;
  } else if (value == "none") {
    options.durability = storage::Durability::kNone;
  } else {
    return "must be full, relaxed or none";
  }
  return std::nullopt;
}

std::string show_durability(const Options& options) {
  switch (options.durability) {
    case storage::Durability::kFull:
      return "full";
    case storage::Durability::kRelaxed:
      return "relaxed";
    case storage::Durability::kNone:
      return "none";
  }
  return "full";
}

std::optional<std::string> set_open(std::string_view value, Options& options) {
  return set_bool(value, options.open_without_credentials);
}

std::optional<std::string> set_config(std::string_view value, Options& options) {
  if (value.empty()) {
    return "must not be empty";
  }
  options.config_file = std::string(value);
  return std::nullopt;
}

std::optional<std::string> set_threads(std::string_view value, Options& options) {
  const auto threads = parse_int<unsigned>(value, 1, 1024);
  if (!threads) {
    return "must be an integer from 1 to 1024";
  }
  options.threads = *threads;
  return std::nullopt;
}

std::optional<std::string> set_status_delay(std::string_view value, Options& options) {
  const auto ms = parse_int<int64_t>(value, 0, 3'600'000);
  if (!ms) {
    return "must be an integer from 0 to 3600000 (milliseconds)";
  }
  options.status_delay = std::chrono::milliseconds{*ms};
  return std::nullopt;
}

std::optional<std::string> set_backfill_batch(std::string_view value, Options& options) {
  const auto items = parse_int<size_t>(value, 1, 100'000);
  if (!items) {
    return "must be an integer from 1 to 100000";
  }
  options.backfill_batch_items = *items;
  return std::nullopt;
}

// Stores an integer in [low, high] into `out`; `unit` ends the error text.
template <typename Int>
std::optional<std::string> store_int(std::string_view value, Int low, Int high,
                                     std::string_view unit, Int& out) {
  const auto parsed = parse_int<Int>(value, low, high);
  if (!parsed) {
    return "must be an integer from " + std::to_string(low) + " to " + std::to_string(high) +
           std::string(unit);
  }
  out = *parsed;
  return std::nullopt;
}

std::optional<std::string> store_ms(std::string_view value, int64_t low,
                                    std::chrono::milliseconds& out) {
  int64_t ms = 0;
  auto error = store_int<int64_t>(value, low, 86'400'000, " (milliseconds)", ms);
  if (!error) {
    out = std::chrono::milliseconds{ms};
  }
  return error;
}

std::optional<std::string> set_ttl_interval(std::string_view value, Options& options) {
  return store_ms(value, 1, options.ttl_sweep_interval);
}

std::optional<std::string> set_ttl_batch(std::string_view value, Options& options) {
  return store_int<size_t>(value, 1, 100'000, "", options.ttl_sweep_batch_items);
}

std::optional<std::string> set_ttl_window(std::string_view value, Options& options) {
  return store_ms(value, 0, options.ttl_change_window);
}

std::optional<std::string> set_stream_span(std::string_view value, Options& options) {
  return store_ms(value, 1, options.stream_shard_span);
}

std::optional<std::string> set_stream_records(std::string_view value, Options& options) {
  return store_int<uint64_t>(value, 0, 1'000'000'000, "", options.stream_shard_max_records);
}

std::optional<std::string> set_stream_retention(std::string_view value, Options& options) {
  return store_ms(value, 1, options.stream_retention);
}

std::optional<std::string> set_stream_trim(std::string_view value, Options& options) {
  return store_ms(value, 1, options.stream_trim_interval);
}

std::optional<std::string> set_region(std::string_view value, Options& options) {
  const bool valid = value.size() <= 64 && all_of(value, [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                     });
  if (!valid) {
    return "must be a region name such as us-east-1 (lowercase letters, digits and '-')";
  }
  options.region = value;
  return std::nullopt;
}

std::optional<std::string> set_account_id(std::string_view value, Options& options) {
  if (value.size() != 12 || !all_of(value, [](char c) { return c >= '0' && c <= '9'; })) {
    return "must be 12 digits";
  }
  options.account_id = value;
  return std::nullopt;
}

std::optional<std::chrono::seconds> parse_timeout(std::string_view value) {
  const auto seconds = parse_int<int64_t>(value, 1, 86'400);
  if (!seconds) {
    return std::nullopt;
  }
  return std::chrono::seconds{*seconds};
}

std::optional<std::string> set_idle_timeout(std::string_view value, Options& options) {
  const auto timeout = parse_timeout(value);
  if (!timeout) {
    return "must be an integer from 1 to 86400 (seconds)";
  }
  options.idle_timeout = *timeout;
  return std::nullopt;
}

std::optional<std::string> set_read_timeout(std::string_view value, Options& options) {
  const auto timeout = parse_timeout(value);
  if (!timeout) {
    return "must be an integer from 1 to 86400 (seconds)";
  }
  options.read_timeout = *timeout;
  return std::nullopt;
}

std::optional<std::string> set_auth(std::string_view value, Options& options) {
  if (value == "off") {
    options.auth = AuthMode::off;
  } else if (value == "verify") {
    options.auth = AuthMode::verify;
  } else {
    return "must be off or verify";
  }
  return std::nullopt;
}

std::optional<std::string> set_path(std::string_view value,
                                    std::optional<std::filesystem::path>& path) {
  if (value.empty()) {
    return "must not be empty";
  }
  path = std::string(value);
  return std::nullopt;
}

std::optional<std::string> set_http(std::string_view value, Options& options) {
  return set_bool(value, options.http);
}

std::optional<std::string> set_https_port(std::string_view value, Options& options) {
  const auto port = parse_int<uint16_t>(value, 0, 65535);
  if (!port) {
    return "must be an integer from 0 to 65535 (0 picks a free port)";
  }
  options.https_port = *port;
  return std::nullopt;
}

std::string show_bool(bool value) { return value ? "true" : "false"; }

std::string show_path(const std::optional<std::filesystem::path>& path) {
  return path ? path->string() : "none";
}

// The one list of options: parsing, the config file and --help all read it.
const std::vector<OptionSpec>& option_specs() {
  static const std::vector<OptionSpec> specs = {
      {"host", "ADDRESS", "address to listen on", set_host,
       [](const Options& o) { return o.host; }},
      {"port", "PORT", "TCP port to listen on; 0 picks a free port", set_port,
       [](const Options& o) { return std::to_string(o.port); }},
      {"data-dir", "DIR", "directory holding the database (created if missing)", set_data_dir,
       [](const Options& o) { return o.data_dir.string(); }},
      {"in-memory", "",
       "keep everything in memory: nothing is written to disk to last, and nothing is left "
       "behind at exit, even after a kill (excludes --data-dir)",
       set_in_memory, [](const Options& o) { return show_bool(o.in_memory); }},
      {"durability", "full|relaxed|none",
       "when a write is acknowledged: full, after its log record is on disk; relaxed, at once, "
       "the log flushed every few milliseconds; none, at once, flushed at checkpoints (a killed "
       "process loses nothing either way; a power cut loses the unflushed)",
       set_durability, show_durability},
      {"config", "FILE", "read options from FILE (key = value lines); flags override it",
       set_config, [](const Options&) { return std::string("none"); }},
      {"threads", "N", "I/O threads", set_threads,
       [](const Options& o) {
         return "the number of CPUs, " + std::to_string(o.threads) + " here";
       }},
      {"status-delay-ms", "MS", "how long tables stay CREATING, UPDATING or DELETING",
       set_status_delay, [](const Options& o) { return std::to_string(o.status_delay.count()); }},
      {"backfill-batch-items", "N",
       "items a new global secondary index indexes per background step (smaller: shorter waits "
       "for the writes that share the writer thread)",
       set_backfill_batch, [](const Options& o) { return std::to_string(o.backfill_batch_items); }},
      {"ttl-sweep-interval-ms", "MS",
       "how often the Time to Live sweeper looks for expired items to delete", set_ttl_interval,
       [](const Options& o) { return std::to_string(o.ttl_sweep_interval.count()); }},
      {"ttl-sweep-batch-items", "N",
       "expired items deleted per background step (smaller: shorter waits for writes)",
       set_ttl_batch, [](const Options& o) { return std::to_string(o.ttl_sweep_batch_items); }},
      {"ttl-change-window-ms", "MS",
       "how soon after UpdateTimeToLive a table's TTL setting may change again (DynamoDB: about "
       "an hour)",
       set_ttl_window,
       [](const Options& o) { return std::to_string(o.ttl_change_window.count()); }},
      {"stream-shard-span-ms", "MS",
       "a stream's shard closes, and a child opens, at the first record after this time",
       set_stream_span,
       [](const Options& o) { return std::to_string(o.stream_shard_span.count()); }},
      {"stream-shard-max-records", "N",
       "a stream's shard also closes once it holds this many records (0: no limit)",
       set_stream_records,
       [](const Options& o) { return std::to_string(o.stream_shard_max_records); }},
      {"stream-retention-ms", "MS",
       "how long stream records, closed shards and disabled streams are kept (DynamoDB: 24 h)",
       set_stream_retention,
       [](const Options& o) { return std::to_string(o.stream_retention.count()); }},
      {"stream-trim-interval-ms", "MS", "how often records past the retention are trimmed",
       set_stream_trim,
       [](const Options& o) { return std::to_string(o.stream_trim_interval.count()); }},
      {"region", "REGION", "region reported in ARNs and the health check", set_region,
       [](const Options& o) { return o.region; }},
      {"account-id", "ID", "12-digit account id reported in ARNs", set_account_id,
       [](const Options& o) { return o.account_id; }},
      {"idle-timeout-s", "SECONDS", "close a keep-alive connection idle this long",
       set_idle_timeout, [](const Options& o) { return std::to_string(o.idle_timeout.count()); }},
      {"read-timeout-s", "SECONDS", "time allowed to receive one request or send one reply",
       set_read_timeout, [](const Options& o) { return std::to_string(o.read_timeout.count()); }},
      {"auth", "off|verify",
       "off: any well-formed credentials; verify: check SigV4 signatures and access rules against "
       "--credentials-file",
       set_auth,
       [](const Options&) {
         return std::string(
             "off on a loopback host, verify with a credentials file, required "
             "otherwise");
       }},
      {"open-without-credentials", "",
       "with no --credentials-file, listen on any host with authentication off instead of "
       "refusing to (the container's default)",
       set_open, [](const Options& o) { return show_bool(o.open_without_credentials); }},
      {"credentials-file", "FILE",
       "access keys, secrets and per-key access rules (format: conf/credentials.example)",
       [](std::string_view v, Options& o) { return set_path(v, o.credentials_file); },
       [](const Options& o) { return show_path(o.credentials_file); }},
      {"http", "", "serve plain HTTP on --port (--http=false with --https-port: HTTPS only)",
       set_http, [](const Options& o) { return show_bool(o.http); }},
      {"https-port", "PORT", "also serve HTTPS (TLS 1.2+) on PORT; 0 picks a free port",
       set_https_port, [](const Options&) { return std::string("none"); }},
      {"tls-cert", "FILE", "PEM certificate (chain) for HTTPS",
       [](std::string_view v, Options& o) { return set_path(v, o.tls_cert); },
       [](const Options& o) { return show_path(o.tls_cert); }},
      {"tls-key", "FILE", "PEM private key for HTTPS",
       [](std::string_view v, Options& o) { return set_path(v, o.tls_key); },
       [](const Options& o) { return show_path(o.tls_key); }},
  };
  return specs;
}

const OptionSpec* find_spec(std::string_view name) {
  for (const auto& spec : option_specs()) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

Options default_options() {
  Options options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  return options;
}

void apply_setting(const Setting& setting, Options& options) {
  const OptionSpec* spec = find_spec(setting.name);
  if (spec == nullptr) {
    throw OptionsError(setting.origin + ": unknown option '" + setting.name + "'");
  }
  if (const auto reason = spec->set(setting.value, options)) {
    throw OptionsError(setting.origin + ": invalid value '" + setting.value + "' for " +
                       setting.name + ": " + *reason);
  }
}

// --in-memory and --data-dir contradict each other when given at the same level (both flags, or
// both in the file); across levels the flag wins, as for every option.
void check_exclusive(const std::vector<Setting>& settings) {
  const Setting* data_dir = nullptr;
  const Setting* in_memory = nullptr;
  for (const auto& setting : settings) {
    if (setting.name == "data-dir") {
      data_dir = &setting;
    } else if (setting.name == "in-memory" && parse_bool(setting.value).value_or(false)) {
      in_memory = &setting;
    }
  }
  if (data_dir != nullptr && in_memory != nullptr) {
    const std::string where = in_memory->origin == data_dir->origin
                                  ? in_memory->origin
                                  : in_memory->origin + " and " + data_dir->origin;
    throw OptionsError(where + ": in-memory and data-dir are mutually exclusive");
  }
}

void apply_settings(const std::vector<Setting>& settings, Options& options) {
  check_exclusive(settings);
  for (const auto& setting : settings) {
    apply_setting(setting, options);
  }
}

std::vector<Setting> parse_config_text(std::string_view text, std::string_view origin) {
  std::vector<Setting> settings;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto content = auth::trim(line);
    if (content.empty() || content.front() == '#') {
      continue;
    }
    const std::string where = std::string(origin) + ":" + std::to_string(number);
    const auto equals = content.find('=');
    if (equals == std::string_view::npos) {
      throw OptionsError(where + ": expected 'key = value', got '" + std::string(content) + "'");
    }
    const auto key = auth::trim(content.substr(0, equals));
    if (key == "config" || key == "help") {
      throw OptionsError(where + ": '" + std::string(key) + "' is only a command-line flag");
    }
    settings.push_back(
        {std::string(key), std::string(auth::trim(content.substr(equals + 1))), where});
  }
  return settings;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw OptionsError("cannot read config file '" + path.string() + "'");
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Splits "--name=value" / "--name value" / "--switch" into settings; `help` is noted separately.
std::vector<Setting> parse_flags(std::span<const std::string> args, bool& help) {
  std::vector<Setting> settings;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      continue;
    }
    if (!arg.starts_with("--") || arg.size() == 2) {
      throw OptionsError("unexpected argument '" + std::string(arg) + "' (try --help)");
    }
    const auto equals = arg.find('=');
    std::string name(arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2));
    const OptionSpec* spec = find_spec(name);
    if (spec == nullptr) {
      throw OptionsError("unknown flag '--" + name + "' (try --help)");
    }
    std::string value;
    if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (spec->value_name.empty()) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw OptionsError("flag '--" + name + "' needs a value (try --help)");
    }
    settings.push_back({std::move(name), std::move(value), "command line"});
  }
  return settings;
}

// DDBD_<NAME>: the long flag name upper-cased, dashes as underscores (DDBD_DATA_DIR).
std::string environment_name(std::string_view option) {
  std::string name = "DDBD_";
  for (char c : option) {
    name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

std::vector<Setting> parse_environment(
    const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<Setting> settings;
  for (const auto& spec : option_specs()) {
    const std::string variable = environment_name(spec.name);
    for (const auto& [name, value] : env) {
      if (name == variable) {
        settings.push_back({std::string(spec.name), value, "environment " + variable});
      }
    }
  }
  return settings;
}

std::vector<std::pair<std::string, std::string>> process_environment() {
  std::vector<std::pair<std::string, std::string>> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    const auto equals = text.find('=');
    if (text.starts_with("DDBD_") && equals != std::string_view::npos) {
      env.emplace_back(text.substr(0, equals), text.substr(equals + 1));
    }
  }
  return env;
}

// JVM arguments in a `java ... -jar DynamoDBLocal.jar` prefix.
bool is_jvm_argument(std::string_view arg) {
  return arg.starts_with("-D") || arg.starts_with("-X");
}

}  // namespace

std::vector<std::string> dynamodb_local_args(const std::vector<std::string>& args) {
  size_t first = 0;
  if (first < args.size() && (args[first] == "java" || args[first].ends_with("/java"))) {
    ++first;
  }
  size_t jar = first;
  while (jar < args.size() && is_jvm_argument(args[jar])) {
    ++jar;
  }
  if (jar + 1 < args.size() && args[jar] == "-jar" &&
      args[jar + 1].ends_with("DynamoDBLocal.jar")) {
    first = jar + 2;
  } else if (first > 0) {
    first = 0;  // "java" without the jar: not DynamoDB Local's form
  }
  static const std::pair<std::string_view, std::string_view> kSwitches[] = {
      {"-inMemory", "--in-memory"},     {"-help", "--help"},       {"-sharedDb", ""},
      {"-optimizeDbBeforeStartup", ""}, {"-disableTelemetry", ""},
  };
  static const std::pair<std::string_view, std::string_view> kValued[] = {
      {"-port", "--port"}, {"-dbPath", "--data-dir"}, {"-cors", ""}};
  std::vector<std::string> out;
  for (size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool mapped = false;
    for (const auto& [local, ours] : kSwitches) {
      if (arg == local) {
        if (!ours.empty()) {
          out.emplace_back(ours);
        }
        mapped = true;
      }
    }
    for (const auto& [local, ours] : kValued) {
      if (arg == local) {
        if (i + 1 >= args.size()) {
          throw OptionsError("flag '" + arg + "' needs a value (try --help)");
        }
        if (!ours.empty()) {
          out.emplace_back(ours);
          out.push_back(args[i + 1]);
        }
        ++i;
        mapped = true;
      }
    }
    if (arg == "-delayTransientStatuses") {
      // DynamoDB Local's realistic delays, as one status delay.
      out.emplace_back("--status-delay-ms");
      out.emplace_back("1000");
      mapped = true;
    }
    if (!mapped) {
      out.push_back(arg);
    }
  }
  return out;
}

void apply_config_text(std::string_view text, std::string_view origin, Options& options) {
  apply_settings(parse_config_text(text, origin), options);
}

Options parse_options(const std::vector<std::string>& args) {
  return parse_options(args, process_environment());
}

Options parse_options(const std::vector<std::string>& args,
                      const std::vector<std::pair<std::string, std::string>>& env) {
  Options options = default_options();
  const auto flags = parse_flags(dynamodb_local_args(args), options.help);
  if (options.help) {
    return options;
  }
  const auto environment = parse_environment(env);
  for (const auto* level : {&environment, &flags}) {
    for (const auto& setting : *level) {
      if (setting.name == "config") {
        apply_setting(setting, options);
      }
    }
  }
  if (options.config_file) {
    const auto path = options.config_file->string();
    apply_config_text(read_file(*options.config_file), path, options);
  }
  apply_settings(environment, options);
  apply_settings(flags, options);
  return options;
}

std::string usage_text() {
  std::ostringstream out;
  out << "Usage: ddbd [options]\n"
         "       ddbd healthcheck [--host HOST] [--port PORT]\n\n"
         "A DynamoDB-compatible server. Every option can also be set in the --config file as\n"
         "'name = value' (the flag name without dashes), or in the environment as DDBD_NAME\n"
         "(DDBD_DATA_DIR=/data); the environment overrides the file, flags override both.\n"
         "DynamoDB Local's command line (java -jar DynamoDBLocal.jar -port N -inMemory -dbPath\n"
         "DIR -sharedDb ...) is accepted as it is.\n\n"
         "Options:\n"
         "  --help, -h  print this help and exit\n";
  const Options defaults = default_options();
  for (const auto& spec : option_specs()) {
    std::string flag = "--" + std::string(spec.name);
    if (!spec.value_name.empty()) {
      flag += " " + std::string(spec.value_name);
    }
    out << "  " << flag << "\n      " << spec.help << " (default: " << spec.show(defaults) << ")\n";
  }
  return out.str();
}

}  // namespace server
