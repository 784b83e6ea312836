#include "storage/key_selection.h"

#include <compare>
#include <optional>
#include <string_view>

#include "storage/internal/item_keys.h"

namespace storage {

namespace {

// Key values are S, N or B. Their key bytes (FORMAT.md "Sort key bytes") order numbers
// numerically and S and B by unsigned bytes, which is compared here directly, without encoding:
// the check runs on every item a Query reads. Values of different types never match.
std::optional<std::strong_ordering> key_order(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) {
    return std::nullopt;
  }
  switch (a.type) {
    case ValueType::kNumber:
      return a.number <=> b.number;
    case ValueType::kString:
    case ValueType::kBinary:
      // char_traits<char> compares as unsigned char, like memcmp.
      return std::string_view(a.bytes) <=> std::string_view(b.bytes);
    default:
      return std::nullopt;
  }
}

bool key_equal(const AttributeValue& a, const AttributeValue& b) {
  std::optional<std::strong_ordering> order = key_order(a, b);
  return order && *order == 0;
}

bool key_begins_with(const AttributeValue& value, const AttributeValue& prefix) {
  const bool bytes = value.type == ValueType::kString || value.type == ValueType::kBinary;
  return bytes && value.type == prefix.type &&
         std::string_view(value.bytes).starts_with(prefix.bytes);
}

// Whether `item` holds `values[i]` under `names[i]` for every value.
bool holds(const Item& item, const std::vector<std::string>& names,
           const std::vector<AttributeValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    auto it = item.find(names[i]);
    if (it == item.end() || !key_equal(it->second, values[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool KeySelection::matches_sort(const AttributeValue& value) const {
  if (sort_op == SortOp::kAll) {
    return true;
  }
  if (sort_op == SortOp::kBeginsWith) {
    return key_begins_with(value, sort_values[0]);
  }
  std::optional<std::strong_ordering> low = key_order(value, sort_values[0]);
  if (!low) {
    return false;
  }
  switch (sort_op) {
    case SortOp::kEq:
      return *low == 0;
    case SortOp::kLt:
      return *low < 0;
    case SortOp::kLe:
      return *low <= 0;
    case SortOp::kGt:
      return *low > 0;
    case SortOp::kGe:
      return *low >= 0;
    case SortOp::kBetween: {
      std::optional<std::strong_ordering> high = key_order(value, sort_values[1]);
      return *low >= 0 && high && *high <= 0;
    }
    default:
      return false;
  }
}

bool KeySelection::matches(const Item& item, const std::vector<std::string>& hash_names,
                           const std::vector<std::string>& range_names) const {
  if (!holds(item, hash_names, partition) || !holds(item, range_names, sort_prefix)) {
    return false;
  }
  if (sort_op == SortOp::kAll) {
    return true;
  }
  auto it = item.find(range_names[sort_prefix.size()]);
  return it != item.end() && matches_sort(it->second);
}

std::string item_identity(const TableInfo& table, const Item& key) { return item_key(table, key); }

}  // namespace storage
