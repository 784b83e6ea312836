#include "protocol/streams/stream_names.h"

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace protocol::streams {

namespace {

constexpr std::string_view kArnPrefix = "arn:aws:dynamodb:";
constexpr std::string_view kStreamPart = "/stream/";
constexpr std::string_view kShardPrefix = "shardId-";
constexpr size_t kSequenceDigits = 20;

std::array<unsigned char, 32> sha256(std::string_view bytes) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("streams: SHA-256 failed");
  }
  return digest;
}

std::string hex(const unsigned char* bytes, size_t count) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

bool read_number(std::string_view text, size_t at, size_t digits, int& out) {
  if (at + digits > text.size()) {
    return false;
  }
  const char* begin = text.data() + at;
  auto [end, error] = std::from_chars(begin, begin + digits, out);
  return error == std::errc() && end == begin + digits;
}

}  // namespace

std::string stream_label(int64_t created_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds(created_ms)};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03d", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()),
                int(clock.subseconds().count()));
  return text;
}

std::optional<int64_t> parse_stream_label(std::string_view label) {
  // yyyy-MM-ddTHH:mm:ss.SSS
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, milli = 0;
  if (label.size() != 23 || label[4] != '-' || label[7] != '-' || label[10] != 'T' ||
      label[13] != ':' || label[16] != ':' || label[19] != '.' || !read_number(label, 0, 4, year) ||
      !read_number(label, 5, 2, month) || !read_number(label, 8, 2, day) ||
      !read_number(label, 11, 2, hour) || !read_number(label, 14, 2, minute) ||
      !read_number(label, 17, 2, second) || !read_number(label, 20, 3, milli)) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(unsigned(month)),
                            std::chrono::day(unsigned(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  const auto time =
      sys_days(date) + hours(hour) + minutes(minute) + seconds(second) + milliseconds(milli);
  return duration_cast<milliseconds>(time.time_since_epoch()).count();
}

std::string stream_arn(std::string_view table_arn, int64_t created_ms) {
  return std::string(table_arn) + std::string(kStreamPart) + stream_label(created_ms);
}

std::optional<StreamArnParts> parse_stream_arn(std::string_view arn) {
  if (!arn.starts_with(kArnPrefix)) {
    return std::nullopt;
  }
  std::string_view rest = arn.substr(kArnPrefix.size());
  const size_t region_end = rest.find(':');
  if (region_end == std::string_view::npos) {
    return std::nullopt;
  }
  const size_t account_end = rest.find(':', region_end + 1);
  if (account_end == std::string_view::npos) {
    return std::nullopt;
  }
  StreamArnParts parts;
  parts.region = std::string(rest.substr(0, region_end));
  parts.account = std::string(rest.substr(region_end + 1, account_end - region_end - 1));
  std::string_view resource = rest.substr(account_end + 1);
  const size_t stream_at = resource.rfind(kStreamPart);
  if (!resource.starts_with("table/") || stream_at == std::string_view::npos || stream_at <= 6) {
    return std::nullopt;
  }
  parts.table_name = std::string(resource.substr(6, stream_at - 6));
  const auto created = parse_stream_label(resource.substr(stream_at + kStreamPart.size()));
  if (!created || parts.region.empty() || parts.account.empty()) {
    return std::nullopt;
  }
  parts.created_ms = *created;
  return parts;
}

std::string shard_id(const storage::StreamInfo& stream, const storage::StreamShard& shard) {
  char millis[32];
  std::snprintf(millis, sizeof millis, "%020lld", static_cast<long long>(shard.created_ms));
  const std::string seed =
      "shard/" + std::to_string(stream.stream_id) + "/" + std::to_string(shard.index);
  const auto digest = sha256(seed);
  return std::string(kShardPrefix) + millis + "-" + hex(digest.data(), 4);
}

const storage::StreamShard* find_shard(const storage::StreamInfo& stream, std::string_view id) {
  for (const storage::StreamShard& shard : stream.shards) {
    if (shard_id(stream, shard) == id) {
      return &shard;
    }
  }
  return nullptr;
}

std::string sequence_number(uint64_t seq) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "1%020llu", static_cast<unsigned long long>(seq));
  return digits;
}

std::optional<uint64_t> parse_sequence_number(std::string_view text) {
  if (text.size() != kSequenceDigits + 1 || text.front() != '1') {
    return std::nullopt;
  }
  uint64_t seq = 0;
  const char* begin = text.data() + 1;
  auto [end, error] = std::from_chars(begin, text.data() + text.size(), seq);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return seq;
}

std::string event_id(uint32_t stream_id, uint64_t seq) {
  const auto digest = sha256("event/" + std::to_string(stream_id) + "/" + std::to_string(seq));
  return hex(digest.data(), 16);
}

}  // namespace protocol::streams
