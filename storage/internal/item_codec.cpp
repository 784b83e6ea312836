#include "storage/internal/item_codec.h"

#include <cstdint>
#include <stdexcept>

#include "storage/internal/coding.h"

namespace storage::item_codec {

// Format version 1, documented byte by byte in storage/FORMAT.md ("Item value encoding"):
//   item / M  := varint count, then count x (varint name length, name bytes, value),
//                names in strictly ascending unsigned-byte order
//   value     := tag byte (the ValueType number, never renumbered), then
//     S, B    := varint length, bytes
//     N       := Number key bytes (self-delimiting, 1..41 bytes)
//     BOOL    := 0x00 or 0x01
//     NULL    := nothing
//     L       := varint count, count x value
//     SS, BS  := varint count, count x (varint length, bytes)
//     NS      := varint count, count x Number key bytes
// Decoding trusts nothing: every length is checked against the bytes left, and nesting is bounded.

namespace {

// Lengths and counts are internal/coding.h varints (LevelDB style); coding::get_string already
// rejects a length beyond the bytes left.

// A count read from the wire is believable only if every element could still take at least one
// byte; this stops a corrupt count from driving a huge loop or allocation.
bool get_count(std::string_view& in, uint64_t& count) {
  return coding::get_varint(in, count) && count <= in.size();
}

// --- Encoding ---

void encode_members(const AttributeMap& members, int depth, std::string& out);

void encode_value(const AttributeValue& value, int depth, std::string& out) {
  out.push_back(static_cast<char>(value.type));
  switch (value.type) {
    case ValueType::kString:
    case ValueType::kBinary:
      coding::put_bytes(out, value.bytes);
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
      coding::put_varint(out, value.list.size());
      for (const AttributeValue& element : value.list) {
        encode_value(element, depth + 1, out);
      }
      return;
    case ValueType::kStringSet:
    case ValueType::kBinarySet:
      coding::put_varint(out, value.byte_set.size());
      for (const std::string& element : value.byte_set) {
        coding::put_bytes(out, element);
      }
      return;
    case ValueType::kNumberSet:
      coding::put_varint(out, value.number_set.size());
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
  coding::put_varint(out, members.size());
  for (const auto& [name, value] : members) {
    coding::put_bytes(out, name);
    encode_value(value, depth, out);
  }
}

// --- Decoding ---

bool decode_members(std::string_view& in, int depth, AttributeMap& out);

bool decode_byte_set(std::string_view& in, std::vector<std::string>& out) {
  uint64_t count = 0;
  if (!get_count(in, count)) {
    return false;
  }
  out.resize(count);
  for (std::string& element : out) {
    if (!coding::get_string(in, element)) {
      return false;
    }
  }
  return true;
}

bool decode_number_set(std::string_view& in, std::vector<Number>& out) {
  uint64_t count = 0;
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
  uint64_t count = 0;
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
      return coding::get_string(in, out.bytes);
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
  uint64_t count = 0;
  if (depth > kMaxNestingDepth || !get_count(in, count)) {
    return false;
  }
  std::string name;
  for (uint64_t i = 0; i < count; ++i) {
    if (!coding::get_string(in, name)) {
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

void encode(const Item& item, std::string& out) { encode_members(item, 0, out); }

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
