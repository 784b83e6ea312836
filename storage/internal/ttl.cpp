#include "storage/internal/ttl.h"

#include "storage/internal/coding.h"
#include "storage/internal/key_codec.h"

namespace storage::ttl {

namespace {

// The largest scientific exponent whose integer part always fits in int64 (9.99e17 < 2^63).
constexpr int kMaxExpiryExponent = 17;

}  // namespace

std::optional<int64_t> expiry_of(std::string_view attribute, const Item& item) {
  if (attribute.empty()) {
    return std::nullopt;
  }
  auto it = item.find(std::string(attribute));
  if (it == item.end() || it->second.type != ValueType::kNumber) {
    return std::nullopt;
  }
  const Number& n = it->second.number;
  if (n.is_zero()) {
    return 0;
  }
  if (n.negative() || n.exponent() > kMaxExpiryExponent) {
    return std::nullopt;
  }
  // floor of d1.d2...dn x 10^E: the first E+1 digits, padded with zeros (0 when E < 0).
  int64_t whole = 0;
  const std::string& digits = n.digits();
  for (int i = 0; i <= n.exponent(); ++i) {
    int digit = i < static_cast<int>(digits.size()) ? digits[i] - '0' : 0;
    whole = whole * 10 + digit;
  }
  return whole;
}

std::optional<int64_t> expiry_of(const TableInfo& table, const Item& item) {
  if (!table.ttl.enabled) {
    return std::nullopt;
  }
  return expiry_of(table.ttl.attribute, item);
}

bool eligible(int64_t expiry_s, int64_t now_s) {
  return expiry_s <= now_s && expiry_s >= now_s - kMaxAgeSeconds;
}

std::string entry_prefix(uint32_t table_id, int64_t expiry_s) {
  std::string key;
  key_codec::append_id(key, table_id);
  coding::put_fixed64_be(key, static_cast<uint64_t>(expiry_s < 0 ? 0 : expiry_s));
  return key;
}

std::string entry_key(uint32_t table_id, int64_t expiry_s, std::string_view item_key) {
  std::string key = entry_prefix(table_id, expiry_s);
  key_codec::append_hash(key, key_codec::hash16(item_key));
  return key;
}

bool entry_expiry(std::string_view key, int64_t& expiry_s) {
  uint32_t table_id = 0;
  uint64_t expiry = 0;
  if (!coding::get_fixed32_be(key, table_id) || !coding::get_fixed64_be(key, expiry)) {
    return false;
  }
  expiry_s = static_cast<int64_t>(expiry);
  return true;
}

}  // namespace storage::ttl
