#include "storage/item_codec.h"

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace storage::item_codec {

// Format version 1, documented byte by byte in storage/FORMAT.md ("Item value encoding"):
//   item / M  := varint32 count, then count x (varint32 name length, name bytes, value),
//                names in strictly ascending unsigned-byte order
//   value     := tag byte (the ValueType number, never renumbered), then
//     S, B    := varint32 length, bytes
//     N       := Number key bytes (self-delimiting, 1..41 bytes)
//     BOOL    := 0x00 or 0x01
//     NULL    := nothing
//     L       := varint32 count, count x value
//     SS, BS  := varint32 count, count x (varint32 length, bytes)
//     NS      := varint32 count, count x Number key bytes
// Decoding trusts nothing: every length is checked against the bytes left, and nesting is bounded.

namespace {

// --- LevelDB-style coding helpers (util/coding.h): Put* append, Get* consume from the front. ---

void put_varint32(std::string& out, uint32_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool get_varint32(std::string_view& in, uint32_t& value) {
  uint32_t result = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (in.empty()) {
      return false;
    }
    const auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    if (shift == 28 && byte > 0x0F) {
      return false;  // more than 32 bits
    }
    result |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      value = result;
      return true;
    }
  }
  return false;
}

uint32_t checked_count(size_t n) {
  if (n > std::numeric_limits<uint32_t>::max()) {
    throw std::invalid_argument("item_codec: length or count does not fit 32 bits");
  }
  return static_cast<uint32_t>(n);
}

void put_length_prefixed(std::string& out, std::string_view bytes) {
  put_varint32(out, checked_count(bytes.size()));
  out.append(bytes);
}

bool get_length_prefixed(std::string_view& in, std::string& out) {
  uint32_t length = 0;
  if (!get_varint32(in, length) || length > in.size()) {
    return false;
  }
  out.assign(in.data(), length);
  in.remove_prefix(length);
  return true;
}

// A count read from the wire is believable only if every element could still take at least one
// byte; this stops a corrupt count from driving a huge loop or allocation.
bool get_count(std::string_view& in, uint32_t& count) {
  return get_varint32(in, count) && count <= in.size();
}

// --- Encoding ---

void encode_members(const AttributeMap& members, int depth, std::string& out);

void encode_value(const AttributeValue& value, int depth, std::string& out) {
  out.push_back(static_cast<char>(value.type));
  switch (value.type) {
    case ValueType::kString:
    case ValueType::kBinary:
      put_length_prefixed(out, value.bytes);
      return;
    case ValueType::kNumber:
      value.number.append_key_bytes(out);
      return;
    case ValueType::kBool:
      out.push_back(value.boolean ? '\x01' : '\x00');
      return;
    case ValueType::kNull:
      return;
    case ValueType::kMap:
      encode_members(value.map, depth + 1, out);
      return;
    case ValueType::kList:
      if (depth + 1 > kMaxNestingDepth) {
        throw std::invalid_argument("item_codec: nesting deeper than kMaxNestingDepth");
      }
      put_varint32(out, checked_count(value.list.size()));
      for (const AttributeValue& element : value.list) {
        encode_value(element, depth + 1, out);
      }
      return;
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      put_varint32(out, checked_count(value.byte_set.size()));
      for (const std::string& element : value.byte_set) {
        put_length_prefixed(out, element);
      }
      return;
    case ValueType::kNumberSet:
      put_varint32(out, checked_count(value.number_set.size()));
      for (const Number& element : value.number_set) {
        element.append_key_bytes(out);
      }
      return;
  }
  throw std::invalid_argument("item_codec: unknown ValueType");
}

// `depth` is the number of M/L values enclosing these members (0 for the item itself).
void encode_members(const AttributeMap& members, int depth, std::string& out) {
  if (depth > kMaxNestingDepth) {
    throw std::invalid_argument("item_codec: nesting deeper than kMaxNestingDepth");
  }
  put_varint32(out, checked_count(members.size()));
  for (const auto& [name, value] : members) {
    put_length_prefixed(out, name);
    encode_value(value, depth, out);
  }
}

// --- Decoding ---

bool decode_members(std::string_view& in, int depth, AttributeMap& out);

bool decode_byte_set(std::string_view& in, std::vector<std::string>& out) {
  uint32_t count = 0;
  if (!get_count(in, count)) {
    return false;
  }
  out.resize(count);
  for (std::string& element : out) {
    if (!get_length_prefixed(in, element)) {
      return false;
    }
  }
  return true;
}

bool decode_number_set(std::string_view& in, std::vector<Number>& out) {
  uint32_t count = 0;
  if (!get_count(in, count)) {
    return false;
  }
  out.resize(count);
  for (Number& element : out) {
    if (!Number::read_key_bytes(in, element)) {
      return false;
    }
  }
  return true;
}

bool decode_value(std::string_view& in, int depth, AttributeValue& out);

bool decode_list(std::string_view& in, int depth, std::vector<AttributeValue>& out) {
  uint32_t count = 0;
  if (depth > kMaxNestingDepth || !get_count(in, count)) {
    return false;
  }
  out.resize(count);
  for (AttributeValue& element : out) {
    if (!decode_value(in, depth, element)) {
      return false;
    }
  }
  return true;
}

bool decode_bool(std::string_view& in, bool& out) {
  if (in.empty() || static_cast<uint8_t>(in.front()) > 1) {
    return false;
  }
  out = in.front() == '\x01';
  in.remove_prefix(1);
  return true;
}

// `depth` is the number of M/L values enclosing this value.
bool decode_value(std::string_view& in, int depth, AttributeValue& out) {
  if (in.empty()) {
    return false;
  }
  const auto tag = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  out.type = static_cast<ValueType>(tag);
  switch (out.type) {
    case ValueType::kString:
    case ValueType::kBinary:
      return get_length_prefixed(in, out.bytes);
    case ValueType::kNumber:
      return Number::read_key_bytes(in, out.number);
    case ValueType::kBool:
      return decode_bool(in, out.boolean);
    case ValueType::kNull:
      out.boolean = true;
      return true;
    case ValueType::kMap:
      return decode_members(in, depth + 1, out.map);
    case ValueType::kList:
      return decode_list(in, depth + 1, out.list);
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      return decode_byte_set(in, out.byte_set);
    case ValueType::kNumberSet:
      return decode_number_set(in, out.number_set);
  }
  return false;  // unknown tag
}

bool decode_members(std::string_view& in, int depth, AttributeMap& out) {
  uint32_t count = 0;
  if (depth > kMaxNestingDepth || !get_count(in, count)) {
    return false;
  }
  std::string name;
  for (uint32_t i = 0; i < count; ++i) {
    if (!get_length_prefixed(in, name)) {
      return false;
    }
    // Encoders write names in map order; anything else (including duplicates) is corruption.
    if (!out.empty() && !(out.rbegin()->first < name)) {
      return false;
    }
    auto it = out.emplace_hint(out.end(), std::move(name), AttributeValue{});
    if (!decode_value(in, depth, it->second)) {
      return false;
    }
  }
  return true;
}

}  // namespace

void encode(const Item& item, std::string& out) {
  encode_members(item, 0, out);
}

std::string encode(const Item& item) {
  std::string out;
  encode(item, out);
  return out;
}

bool decode(std::string_view bytes, Item& out) {
  out.clear();
  if (!decode_members(bytes, 0, out) || !bytes.empty()) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace storage::item_codec
