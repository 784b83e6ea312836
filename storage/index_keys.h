#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/error.h"
#include "storage/schema.h"
#include "storage/value.h"

// What an item contributes to a secondary index: whether it is in the index at all (sparse
// indexes), its key values, and the attributes the index stores (its projection). Pure functions
// of the table definition and the item; the write path, the backfill, reads and the consistency
// test all use these (the entry keys built from them: internal/item_keys.h), so they agree by
// construction.
namespace storage {

// The attribute names every entry of `index` carries as keys: the index's key attributes, then
// the table's that are not among them.
std::vector<std::string> index_key_names(const TableInfo& table, const IndexDefinition& index);

// Whether the index stores the top-level attribute `name` (keys always; then per projection).
bool index_projects(const TableInfo& table, const IndexDefinition& index, std::string_view name);

// The attributes of `item` the index stores.
Item project_to_index(const TableInfo& table, const IndexDefinition& index, const Item& item);

// The values of the index's HASH and RANGE attributes in `item`, in schema order; false when the
// item is not in the index: an attribute is missing (a sparse index), is not of its declared type,
// or is an empty S or B.
bool index_key_values(const TableInfo& table, const IndexDefinition& index, const Item& item,
                      std::vector<const AttributeValue*>& hash,
                      std::vector<const AttributeValue*>& range);

// A value that may not be written because of an index: an index key attribute of another type
// than declared, or an empty S/B value.
struct IndexKeyProblem {
  enum class Kind { kTypeMismatch, kEmptyValue };
  Kind kind = Kind::kTypeMismatch;
  std::string index_name;
  std::string attribute;
  ValueType expected = ValueType::kString;
  ValueType actual = ValueType::kString;
};

// The first problem of `item` for the table's indexes, as DynamoDB reports it: type mismatches
// before empty values, indexes in name order, attributes in key-schema order.
std::optional<IndexKeyProblem> find_index_key_problem(const TableInfo& table, const Item& item);

// Thrown by WriteTxn::put_item when the item breaks an index's key rules; nothing was written.
// The protocol layer words it as DynamoDB's ValidationException.
class IndexKeyError : public StorageError {
 public:
  explicit IndexKeyError(IndexKeyProblem problem)
      : StorageError("invalid index key value: " + problem.attribute),
        problem_(std::move(problem)) {}
  const IndexKeyProblem& problem() const { return problem_; }

 private:
  IndexKeyProblem problem_;
};

}  // namespace storage
