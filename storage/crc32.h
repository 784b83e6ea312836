#pragma once

#include <cstdint>
#include <string_view>

namespace storage {

// CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) of `data`. It checks the write-ahead log's
// records here, and the server sends it for every response body in `x-amz-crc32` (SDKs check it,
// so it must match zlib bit for bit).
// `crc` continues a previous result, so a body may be summed in pieces.
uint32_t crc32(std::string_view data, uint32_t crc = 0);

}  // namespace storage
