#include "server/options.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

namespace {

using Catch::Matchers::Contains;
using server::Options;
using server::OptionsError;

Options parse(std::vector<std::string> args) { return server::parse_options(args); }

// A config file in a fresh directory, removed at the end of the test.
class TempConfig {
 public:
  explicit TempConfig(const std::string& text) {
    std::random_device random;
    dir_ =
        std::filesystem::temp_directory_path() / ("ddbd-options-test-" + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    std::ofstream(path()) << text;
  }
  ~TempConfig() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "ddbd.conf").string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("defaults", "[options]") {
  const Options options = parse({});
  CHECK_FALSE(options.help);
  CHECK(options.host == "127.0.0.1");
  CHECK(options.port == 8000);
  CHECK(options.data_dir == "./data");
  CHECK_FALSE(options.in_memory);
  CHECK_FALSE(options.config_file);
  CHECK(options.threads == std::max(1u, std::thread::hardware_concurrency()));
  CHECK(options.status_delay == std::chrono::milliseconds(5));
  CHECK(options.backfill_batch_items == 1000);
  CHECK(options.region == "us-east-1");
  CHECK(options.account_id == "000000000000");
  CHECK(options.idle_timeout == std::chrono::seconds(60));
  CHECK(options.read_timeout == std::chrono::seconds(30));
}

TEST_CASE("flags with separate and attached values", "[options]") {
  const Options options =
      parse({"--host", "0.0.0.0", "--port=0", "--data-dir", "/var/lib/ddbd", "--threads", "3",
             "--status-delay-ms=0", "--region", "eu-west-2", "--account-id", "123456789012",
             "--idle-timeout-s", "5", "--read-timeout-s=7", "--backfill-batch-items", "10"});
  CHECK(options.host == "0.0.0.0");
  CHECK(options.port == 0);
  CHECK(options.data_dir == "/var/lib/ddbd");
  CHECK(options.threads == 3);
  CHECK(options.status_delay == std::chrono::milliseconds(0));
  CHECK(options.region == "eu-west-2");
  CHECK(options.account_id == "123456789012");
  CHECK(options.idle_timeout == std::chrono::seconds(5));
  CHECK(options.read_timeout == std::chrono::seconds(7));
  CHECK(options.backfill_batch_items == 10);
}

TEST_CASE("--help and -h", "[options]") {
  CHECK(parse({"--help"}).help);
  CHECK(parse({"-h"}).help);
  const std::string usage = server::usage_text();
  for (const char* flag :
       {"--help", "--host", "--port", "--data-dir", "--in-memory", "--config", "--threads",
        "--status-delay-ms", "--region", "--account-id", "--idle-timeout-s", "--read-timeout-s",
        "--auth", "--credentials-file", "--http", "--https-port", "--tls-cert", "--tls-key"}) {
    CHECK_THAT(usage, Contains(flag));
  }
  CHECK_THAT(usage, Contains("(default: 8000)"));
  CHECK_THAT(usage, Contains("(default: 127.0.0.1)"));
}

TEST_CASE("--in-memory is a switch and excludes --data-dir", "[options]") {
  CHECK(parse({"--in-memory"}).in_memory);
  CHECK_FALSE(parse({"--in-memory=false"}).in_memory);
  CHECK_THROWS_WITH(parse({"--in-memory", "--data-dir", "x"}), Contains("mutually exclusive"));
  CHECK_THROWS_WITH(parse({"--data-dir=x", "--in-memory"}), Contains("mutually exclusive"));
}

TEST_CASE("unknown flags and bad values are errors naming the problem", "[options]") {
  CHECK_THROWS_AS(parse({"--bogus"}), OptionsError);
  CHECK_THROWS_WITH(parse({"--bogus"}), Contains("unknown flag '--bogus'"));
  CHECK_THROWS_WITH(parse({"stray"}), Contains("unexpected argument 'stray'"));
  CHECK_THROWS_WITH(parse({"--port"}), Contains("needs a value"));
  CHECK_THROWS_WITH(parse({"--port", "65536"}), Contains("invalid value '65536' for port"));
  CHECK_THROWS_WITH(parse({"--port", "80x"}), Contains("for port"));
  CHECK_THROWS_WITH(parse({"--port", "-1"}), Contains("for port"));
  CHECK_THROWS_WITH(parse({"--threads", "0"}), Contains("for threads"));
  CHECK_THROWS_WITH(parse({"--status-delay-ms", "soon"}), Contains("for status-delay-ms"));
  CHECK_THROWS_WITH(parse({"--backfill-batch-items", "0"}), Contains("for backfill-batch-items"));
  CHECK_THROWS_WITH(parse({"--region", "US_EAST"}), Contains("for region"));
  CHECK_THROWS_WITH(parse({"--account-id", "123"}), Contains("for account-id"));
  CHECK_THROWS_WITH(parse({"--idle-timeout-s", "0"}), Contains("for idle-timeout-s"));
  CHECK_THROWS_WITH(parse({"--read-timeout-s", ""}), Contains("for read-timeout-s"));
  CHECK_THROWS_WITH(parse({"--data-dir="}), Contains("for data-dir"));
  CHECK_THROWS_WITH(parse({"--in-memory=maybe"}), Contains("for in-memory"));
}

TEST_CASE("config file: key = value lines and comments", "[options]") {
  const TempConfig config(
      "# ddbd test config\n"
      "\n"
      "  port = 9000\n"
      "data-dir=/srv/ddbd\n"
      "region = ap-south-1   \r\n"
      "   # indented comment\n"
      "status-delay-ms = 250\n");
  const Options options = parse({"--config", config.path()});
  CHECK(options.port == 9000);
  CHECK(options.data_dir == "/srv/ddbd");
  CHECK(options.region == "ap-south-1");
  CHECK(options.status_delay == std::chrono::milliseconds(250));
  CHECK(options.config_file == config.path());
}

TEST_CASE("flags override the config file wherever they appear", "[options]") {
  const TempConfig config("port = 9000\nhost = 0.0.0.0\n");
  const Options options = parse({"--port", "9100", "--config", config.path()});
  CHECK(options.port == 9100);
  CHECK(options.host == "0.0.0.0");
}

TEST_CASE("a flag overrides the file's data-dir or in-memory", "[options]") {
  const TempConfig dir_config("data-dir = /srv/ddbd\n");
  CHECK(parse({"--config", dir_config.path(), "--in-memory"}).in_memory);
  const TempConfig memory_config("in-memory = true\n");
  const Options options = parse({"--config", memory_config.path(), "--data-dir", "/x"});
  CHECK_FALSE(options.in_memory);
  CHECK(options.data_dir == "/x");
  const TempConfig both("in-memory = yes\ndata-dir = /srv\n");
  CHECK_THROWS_WITH(parse({"--config", both.path()}), Contains("mutually exclusive"));
}

TEST_CASE("config file errors name the file and line", "[options]") {
  const TempConfig unknown("port = 1\nthreds = 4\n");
  CHECK_THROWS_WITH(parse({"--config", unknown.path()}),
                    Contains(unknown.path() + ":2: unknown option 'threds'"));
  const TempConfig bad_value("# c\nport = http\n");
  CHECK_THROWS_WITH(parse({"--config", bad_value.path()}),
                    Contains(bad_value.path() + ":2: invalid value 'http' for port"));
  const TempConfig no_equals("port 8000\n");
  CHECK_THROWS_WITH(parse({"--config", no_equals.path()}), Contains("expected 'key = value'"));
  const TempConfig nested("config = /etc/other.conf\n");
  CHECK_THROWS_WITH(parse({"--config", nested.path()}), Contains("only a command-line flag"));
  CHECK_THROWS_WITH(parse({"--config", "/nonexistent/ddbd.conf"}),
                    Contains("cannot read config file '/nonexistent/ddbd.conf'"));
}

TEST_CASE("apply_config_text applies text directly", "[options]") {
  Options options;
  server::apply_config_text("threads = 2\naccount-id = 111122223333\n", "inline", options);
  CHECK(options.threads == 2);
  CHECK(options.account_id == "111122223333");
  CHECK_THROWS_WITH(server::apply_config_text("x = 1", "inline", options),
                    Contains("inline:1: unknown option 'x'"));
}

TEST_CASE("the shipped conf/ddbd.conf parses and keeps every default", "[options]") {
  const auto path = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                    "conf" / "ddbd.conf";
  REQUIRE(std::filesystem::exists(path));
  const Options from_file = parse({"--config", path.string()});
  const Options defaults = parse({});
  CHECK(from_file.host == defaults.host);
  CHECK(from_file.port == defaults.port);
  CHECK(from_file.data_dir == defaults.data_dir);
  // Every option --help lists (but --help and --config) is documented there, commented out.
  std::ifstream file(path);
  const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  std::istringstream usage(server::usage_text());
  size_t documented = 0;
  for (std::string line; std::getline(usage, line);) {
    if (line.rfind("  --", 0) != 0) {
      continue;
    }
    std::string key = line.substr(4, line.find_first_of(" ,=", 4) - 4);
    if (key != "help" && key != "config") {
      CHECK_THAT(text, Contains("# " + key + " = "));
      ++documented;
    }
  }
  CHECK(documented > 20);
}

TEST_CASE("Time to Live options", "[options]") {
  const Options defaults = parse({});
  CHECK(defaults.ttl_sweep_interval == std::chrono::milliseconds(1000));
  CHECK(defaults.ttl_sweep_batch_items == 500);
  CHECK(defaults.ttl_change_window == std::chrono::milliseconds(100));
  const Options options = parse({"--ttl-sweep-interval-ms", "20", "--ttl-sweep-batch-items=7",
                                 "--ttl-change-window-ms", "0"});
  CHECK(options.ttl_sweep_interval == std::chrono::milliseconds(20));
  CHECK(options.ttl_sweep_batch_items == 7);
  CHECK(options.ttl_change_window == std::chrono::milliseconds(0));
  CHECK_THROWS_WITH(parse({"--ttl-sweep-interval-ms", "0"}),
                    Contains("must be an integer from 1 to 86400000 (milliseconds)"));
  CHECK_THROWS_WITH(parse({"--ttl-sweep-batch-items", "x"}),
                    Contains("must be an integer from 1 to 100000"));
}

TEST_CASE("DDBD_ environment variables sit between the config file and the flags", "[options]") {
  TempConfig config("port = 7000\nstatus-delay-ms = 10\n");
  const std::vector<std::pair<std::string, std::string>> env = {
      {"DDBD_PORT", "7100"},
      {"DDBD_DATA_DIR", "/env/data"},
      {"DDBD_IN_MEMORY", "false"},
      {"DDBD_OPEN_WITHOUT_CREDENTIALS", "true"},
      {"DDBD_NOT_AN_OPTION", "x"}};
  const Options from_env = server::parse_options({"--config", config.path()}, env);
  CHECK(from_env.port == 7100);
  CHECK(from_env.status_delay == std::chrono::milliseconds(10));
  CHECK(from_env.data_dir == "/env/data");
  CHECK(from_env.open_without_credentials);
  const Options flag_wins =
      server::parse_options({"--config", config.path(), "--port", "7200"}, env);
  CHECK(flag_wins.port == 7200);
  // A flag's --in-memory wins over the environment's data directory.
  CHECK(server::parse_options({"--in-memory"}, env).in_memory);
  CHECK_THROWS_WITH(server::parse_options({}, {{"DDBD_PORT", "x"}}),
                    Contains("environment DDBD_PORT: invalid value 'x' for port"));
}

TEST_CASE("durability is full, relaxed or none", "[options]") {
  CHECK(parse({}).durability == storage::Durability::kFull);
  CHECK(parse({"--durability", "relaxed"}).durability == storage::Durability::kRelaxed);
  CHECK(parse({"--durability=none"}).durability == storage::Durability::kNone);
  CHECK_THROWS_WITH(parse({"--durability", "fast"}), Contains("must be full, relaxed or none"));
}

TEST_CASE("DynamoDB Local's command line is accepted as it is", "[options]") {
  using server::dynamodb_local_args;
  CHECK(dynamodb_local_args({"-jar", "DynamoDBLocal.jar", "-sharedDb", "-inMemory"}) ==
        std::vector<std::string>{"--in-memory"});
  CHECK(dynamodb_local_args({"java", "-Djava.library.path=./DynamoDBLocal_lib", "-jar",
                             "/home/dynamodblocal/DynamoDBLocal.jar", "-port", "8001", "-dbPath",
                             "/data", "-cors", "*", "-optimizeDbBeforeStartup", "-disableTelemetry",
                             "-delayTransientStatuses"}) ==
        std::vector<std::string>{"--port", "8001", "--data-dir", "/data", "--status-delay-ms",
                                 "1000"});
  CHECK(dynamodb_local_args({"-help"}) == std::vector<std::string>{"--help"});
  CHECK(dynamodb_local_args({"--port", "1"}) == std::vector<std::string>{"--port", "1"});
  CHECK_THROWS_WITH(dynamodb_local_args({"-port"}), Contains("'-port' needs a value"));
  const Options options = parse({"-jar", "DynamoDBLocal.jar", "-inMemory", "-port", "8123"});
  CHECK(options.in_memory);
  CHECK(options.port == 8123);
}
