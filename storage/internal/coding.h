#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Small, boring encoding helpers in the LevelDB util/coding.h style: put_* append to a string,
// get_* read from the front of a view, advance it and return false when the bytes run out.
namespace storage::coding {

inline void put_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

inline bool get_varint(std::string_view& in, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

inline void put_fixed32_be(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

inline bool get_fixed32_be(std::string_view& in, uint32_t& value) {
  if (in.size() < 4) {
    return false;
  }
  value = 0;
  for (int i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<uint8_t>(in[i]);
  }
  in.remove_prefix(4);
  return true;
}

inline void put_fixed64_be(std::string& out, uint64_t value) {
  put_fixed32_be(out, static_cast<uint32_t>(value >> 32));
  put_fixed32_be(out, static_cast<uint32_t>(value));
}

inline bool get_fixed64_be(std::string_view& in, uint64_t& value) {
  uint32_t high = 0;
  uint32_t low = 0;
  if (!get_fixed32_be(in, high) || !get_fixed32_be(in, low)) {
    return false;
  }
  value = (static_cast<uint64_t>(high) << 32) | low;
  return true;
}

inline void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

inline bool get_bytes(std::string_view& in, std::string_view& bytes) {
  uint64_t size = 0;
  if (!get_varint(in, size) || size > in.size()) {
    return false;
  }
  bytes = in.substr(0, size);
  in.remove_prefix(size);
  return true;
}

inline bool get_string(std::string_view& in, std::string& out) {
  std::string_view bytes;
  if (!get_bytes(in, bytes)) {
    return false;
  }
  out.assign(bytes);
  return true;
}

// A varint count, then that many elements read by `get_element(in, element)`. Every element takes
// at least one byte, so a count above the bytes left is refused before anything is allocated: a
// corrupt count drives no large loop or allocation.
template <typename T, typename GetElement>
bool get_list(std::string_view& in, std::vector<T>& out, GetElement get_element) {
  uint64_t count = 0;
  if (!get_varint(in, count) || count > in.size()) {
    return false;
  }
  out.resize(count);
  for (auto& element : out) {
    if (!get_element(in, element)) {
      return false;
    }
  }
  return true;
}

// Signed values (times, throughput) as zig-zag varints.
inline void put_signed(std::string& out, int64_t value) {
  put_varint(out, (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

inline bool get_signed(std::string_view& in, int64_t& value) {
  uint64_t raw = 0;
  if (!get_varint(in, raw)) {
    return false;
  }
  value = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
  return true;
}

}  // namespace storage::coding
