#include "storage/crc32.h"

#include <random>
#include <string>

#include <catch2/catch.hpp>

namespace {

// The plain bit-at-a-time definition, to check the sliced tables against.
uint32_t reference_crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
  }
  return ~crc;
}

}  // namespace

TEST_CASE("crc32 matches zlib on known inputs", "[crc32]") {
  CHECK(storage::crc32("") == 0u);
  CHECK(storage::crc32("a") == 3904355907u);
  CHECK(storage::crc32("123456789") == 0xCBF43926u);
  CHECK(storage::crc32("The quick brown fox jumps over the lazy dog") == 1095738169u);
}

TEST_CASE("crc32 matches the x-amz-crc32 values DynamoDB sends", "[crc32]") {
  // Bodies and checksums recorded from real DynamoDB responses (dynalite's test/connection.js).
  CHECK(storage::crc32("<UnknownOperationException/>\n") == 3552371480u);
  CHECK(storage::crc32(R"({"__type":"com.amazon.coral.service#SerializationException"})") ==
        3948637019u);
  CHECK(storage::crc32(R"({"__type":"com.amazon.coral.service#UnknownOperationException"})") ==
        1368724161u);
  CHECK(
      storage::crc32(R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",)"
                     R"("message":"Request is missing Authentication Token"})") == 2088342776u);
}

TEST_CASE("crc32 handles every length and alignment like the bitwise definition", "[crc32]") {
  std::string bytes;
  for (int i = 0; i < 1024; ++i) {
    bytes.push_back(static_cast<char>(i));
  }
  CHECK(storage::crc32(bytes) == 3070970918u);  // zlib.crc32(bytes(range(256)) * 4)
  std::mt19937 random(42);
  for (size_t length = 0; length < 100; ++length) {
    for (size_t offset = 0; offset < 8; ++offset) {
      std::string data(offset + length, '\0');
      for (char& c : data) {
        c = static_cast<char>(random());
      }
      const std::string_view view = std::string_view(data).substr(offset);
      REQUIRE(storage::crc32(view) == reference_crc32(view));
    }
  }
}

TEST_CASE("crc32 continues across pieces", "[crc32]") {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  for (size_t split = 0; split <= text.size(); ++split) {
    const auto first = storage::crc32(std::string_view(text).substr(0, split));
    REQUIRE(storage::crc32(std::string_view(text).substr(split), first) == 1095738169u);
  }
}
