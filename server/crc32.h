#pragma once

#include <cstdint>
#include <string_view>

namespace server {

// CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) of `data`. DynamoDB sends it for every
// response body in `x-amz-crc32`, and SDKs check it, so it must match zlib bit for bit.
// `crc` continues a previous result, so a body may be summed in pieces.
uint32_t crc32(std::string_view data, uint32_t crc = 0);

}  // namespace server
