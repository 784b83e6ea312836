#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "storage/key_selection.h"
#include "storage/schema.h"
#include "storage/value.h"

namespace storage {

struct TxnHandle;  // storage/internal/txn_handle.h: the LMDB transaction underneath

// One share of a parallel Scan: segment `segment` of `total` (segment < total). The segments of
// a table or index are disjoint and together hold all of it.
struct ScanSegment {
  uint32_t segment = 0;
  uint32_t total = 1;
};

// Reads inside one short read-only transaction (Store::read). Never kept across network I/O.
class ReadTxn {
 public:
  explicit ReadTxn(const TxnHandle& handle) : handle_(handle) {}

  // The item with the key attributes of `key` (other attributes are ignored).
  std::optional<Item> get_item(const TableInfo& table, const Item& key) const;

  // Gets whole table items one at a time and returns false to stop. It may move from the item:
  // every item is decoded into the same object, so reads allocate nothing per item themselves.
  using ItemVisitor = std::function<bool(Item& item)>;

  // Query: the items `selection` selects in `table`, or in its secondary index `index` (then
  // still whole table items), in exact key order: by sort key, and in an index by index sort key
  // with ties in a fixed order of their table keys; descending when !forward. When `start_key`
  // (ExclusiveStartKey) is given, only items after it in that order: it holds the table's key
  // attributes, and the index's when reading one. Every item is checked against `selection`.
  void query(const TableInfo& table, const IndexDefinition* index, const KeySelection& selection,
             bool forward, const Item* start_key, const ItemVisitor& visit) const;

  // Scan: the items of `table`, or the entries of its index `index` (as whole table items), or
  // those of one segment, in key order, after `start_key` when given (as for query). A start key
  // outside the segment reads what follows it inside the segment; see scan_start_in_segment.
  void scan(const TableInfo& table, const IndexDefinition* index,
            const std::optional<ScanSegment>& segment, const Item* start_key,
            const ItemVisitor& visit) const;

  // For storage's own code (storage/internal/): the transaction underneath.
  const TxnHandle& handle() const { return handle_; }

 private:
  const TxnHandle& handle_;
};

// Whether `start_key` (as for ReadTxn::scan) lies inside `segment` of the table or index, so that
// a Scan of that segment can resume after it.
bool scan_start_in_segment(const TableInfo& table, const IndexDefinition* index,
                           const ScanSegment& segment, const Item& start_key);

}  // namespace storage
