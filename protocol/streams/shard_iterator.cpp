#include "protocol/streams/shard_iterator.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "protocol/wire/base64.h"

namespace protocol::streams {

namespace {

constexpr std::string_view kVersion = "|1|";
constexpr uint8_t kPayloadVersion = 1;
constexpr size_t kMacBytes = 16;  // HMAC-SHA256, truncated

void put_be(std::string& out, uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint64_t get_be(std::string_view& in, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  }
  in.remove_prefix(bytes);
  return value;
}

// The MAC covers the ARN too, so an iterator cannot be moved to another stream's name.
std::array<unsigned char, 32> mac(std::string_view key, std::string_view arn,
                                  std::string_view payload) {
  std::string data(arn);
  data.push_back('\0');
  data.append(payload);
  std::array<unsigned char, 32> out{};
  size_t length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
                out.size(), &length) == nullptr) {
    throw std::runtime_error("streams: HMAC-SHA256 failed");
  }
  return out;
}

constexpr size_t kPayloadBytes = 1 + 4 + 4 + 8 + 8;

}  // namespace

std::string encode_iterator(std::string_view stream_arn, const ShardPosition& position,
                            std::string_view key) {
  std::string payload(1, static_cast<char>(kPayloadVersion));
  put_be(payload, position.stream_id, 4);
  put_be(payload, position.shard_index, 4);
  put_be(payload, position.next_seq, 8);
  put_be(payload, static_cast<uint64_t>(position.issued_ms), 8);
  const auto tag = mac(key, stream_arn, payload);
  payload.append(reinterpret_cast<const char*>(tag.data()), kMacBytes);
  return std::string(stream_arn) + std::string(kVersion) + base64::encode(payload);
}

std::optional<ShardPosition> decode_iterator(std::string_view iterator, std::string_view key,
                                             std::string& stream_arn) {
  const size_t at = iterator.rfind(kVersion);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string payload;
  char bad = 0;
  if (base64::decode(iterator.substr(at + kVersion.size()), payload, bad) !=
          base64::DecodeProblem::kNone ||
      payload.size() != kPayloadBytes + kMacBytes ||
      static_cast<uint8_t>(payload[0]) != kPayloadVersion) {
    return std::nullopt;
  }
  std::string_view arn = iterator.substr(0, at);
  std::string_view body(payload.data(), kPayloadBytes);
  const auto tag = mac(key, arn, body);
  if (CRYPTO_memcmp(tag.data(), payload.data() + kPayloadBytes, kMacBytes) != 0) {
    return std::nullopt;
  }
  body.remove_prefix(1);
  ShardPosition position;
  position.stream_id = static_cast<uint32_t>(get_be(body, 4));
  position.shard_index = static_cast<uint32_t>(get_be(body, 4));
  position.next_seq = get_be(body, 8);
  position.issued_ms = static_cast<int64_t>(get_be(body, 8));
  stream_arn = std::string(arn);
  return position;
}

}  // namespace protocol::streams
