#pragma once

#include <string>
#include <vector>

#include "storage/schema.h"
#include "storage/value.h"

// What a read selects by key, in typed values: storage turns it into key bytes itself.
namespace storage {

// The sort-key conditions of a Query.
enum class SortOp { kAll, kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

// The items of one partition of a table or secondary index that a Query reads: the values of
// every HASH attribute, the values the leading RANGE attributes must equal (multi-attribute GSI
// keys), and `sort_op` on the RANGE attribute after those. Values are of the attributes' declared
// types (S, N or B), as protocol/ checks before it builds one.
struct KeySelection {
  std::vector<AttributeValue> partition;    // one per HASH attribute, in key schema order
  std::vector<AttributeValue> sort_prefix;  // the leading RANGE attributes' values
  SortOp sort_op = SortOp::kAll;            // on the RANGE attribute after sort_prefix
  std::vector<AttributeValue> sort_values;  // its operands: one, or two for BETWEEN

  // Whether a value of the RANGE attribute that sort_op applies to satisfies it. Key values
  // compare as their key bytes order them: numbers numerically, S and B by unsigned bytes;
  // begins_with is a byte prefix of an S or B of the operand's type.
  bool matches_sort(const AttributeValue& value) const;
  // Whether `item` holds the selected values: `hash_names` and `range_names` are the key's HASH
  // and RANGE attributes in key schema order.
  bool matches(const Item& item, const std::vector<std::string>& hash_names,
               const std::vector<std::string>& range_names) const;
};

// The bytes that identify an item among the items of `table`, for finding repeated keys in one
// request: equal exactly when the key values are equal. Opaque; `key` must hold the table's key
// attributes (other attributes are ignored).
std::string item_identity(const TableInfo& table, const Item& key);

}  // namespace storage
