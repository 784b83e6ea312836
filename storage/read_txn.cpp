// Typed reads: one item by key, a Query's key selection and a Scan's segment, each walking a
// byte range of `items` or `index` keys and handing over whole items in exact key order.

#include "storage/read_txn.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/index_keys.h"
#include "storage/internal/index_codec.h"
#include "storage/internal/index_range.h"
#include "storage/internal/item_keys.h"
#include "storage/internal/key_codec.h"
#include "storage/internal/key_range.h"
#include "storage/internal/raw_reads.h"
#include "storage/internal/txn_handle.h"

namespace storage {

namespace {

using key_range::Range;

// How the keys of `items` or `index` order the items a read walks (FORMAT.md): stored keys follow
// the exact order except among long, truncated-and-hashed sort keys sharing their stored prefix,
// which are ordered by hash; order() gives an item's exact order bytes.
class KeySpace {
 public:
  KeySpace(const TxnHandle& txn, const TableInfo& table, const IndexDefinition* index)
      : txn_(txn), table_(table), index_(index) {}

  void walk(std::string_view lower, std::string_view upper, bool reverse,
            const raw_reads::ItemVisitor& visit) const {
    if (index_ != nullptr) {
      raw_reads::index_items(txn_, lower, upper, reverse, visit);
    } else {
      raw_reads::items(txn_, lower, upper, reverse, visit);
    }
  }

  // Only a truncated sort key makes a stored key this long.
  size_t long_key_bytes() const {
    return index_ != nullptr ? index_codec::kMaxEntryKeyBytes : key_codec::kMaxItemKeyBytes;
  }
  // Long keys sharing these leading bytes form a run.
  size_t run_prefix_bytes() const {
    return index_ != nullptr ? index_codec::kPartitionPrefixBytes + index_codec::kSortPrefixBytes
                             : key_codec::kMaxItemKeyBytes - key_codec::kSortKeyHashBytes;
  }

  // The full order bytes of an item: its sort key bytes; in an index, the full index sort bytes
  // and then the hash of its table key, as entries order.
  std::string order(const Item& item) const {
    std::string bytes;
    if (index_ == nullptr) {
      if (const std::string* sort = table_.sort_key()) {
        key_codec::append_ordered(bytes, item.find(*sort)->second, /*last=*/true);
      }
      return bytes;
    }
    std::vector<const AttributeValue*> hash;
    std::vector<const AttributeValue*> range;
    index_key_values(table_, *index_, item, hash, range);
    bytes = index_codec::sort_bytes(range);
    key_codec::append_hash(bytes, key_codec::hash16(item_key(table_, item)));
    return bytes;
  }

  std::string stored_key(const Item& item) const {
    return storage::stored_key(table_, index_, item);
  }

 private:
  const TxnHandle& txn_;
  const TableInfo& table_;
  const IndexDefinition* index_;
};

// The HASH and RANGE attribute names of the key a Query reads by, in key schema order.
struct KeyNames {
  std::vector<std::string> hash;
  std::vector<std::string> range;
};

KeyNames key_names(const TableInfo& table, const IndexDefinition* index) {
  if (index != nullptr) {
    return {index->hash_keys(), index->range_keys()};
  }
  KeyNames names{{table.partition_key()}, {}};
  if (const std::string* sort = table.sort_key()) {
    names.range.push_back(*sort);
  }
  return names;
}

std::vector<const AttributeValue*> pointers(const std::vector<AttributeValue>& values) {
  std::vector<const AttributeValue*> out;
  for (const AttributeValue& value : values) {
    out.push_back(&value);
  }
  return out;
}

// The keys that may hold the selected items. Bounds inside long sort keys are widened to their
// stored (truncated) form, and partition hashes can collide, so the range may hold a few more.
Range selection_range(const TableInfo& table, const IndexDefinition* index,
                      const KeySelection& selection) {
  const std::vector<AttributeValue>& operands = selection.sort_values;
  const AttributeValue* low = operands.empty() ? nullptr : &operands[0];
  const AttributeValue* high = operands.size() < 2 ? nullptr : &operands[1];
  if (index == nullptr) {
    return key_range::partition(table.id, selection.partition[0], selection.sort_op, low, high);
  }
  return index_range::partition(index->index_id, pointers(selection.partition),
                                pointers(selection.sort_prefix), selection.sort_op, low, high);
}

// Walks a range and hands the selected items over in exact order. Runs of long sort keys are
// collected as (order bytes, stored key) and re-sorted before their items are read again, so a
// run costs its keys in memory, never its items.
class OrderedReader {
 public:
  OrderedReader(const KeySpace& space, const KeySelection& selection, const KeyNames& names,
                bool forward, const ReadTxn::ItemVisitor& visit)
      : space_(space), selection_(selection), names_(names), forward_(forward), visit_(visit) {}

  // A start key too long to be found exactly: the range begins at its run, and items of the run
  // up to it (in order) are skipped here.
  void skip_through(std::string start_order) { start_order_ = std::move(start_order); }

  void read(const Range& range) {
    bool more = true;
    space_.walk(range.lower, range.upper, !forward_,
                [&](std::string_view key, Item& item) { return more = visit(key, item); });
    if (more) {
      flush_run();
    }
  }

 private:
  bool visit(std::string_view key, Item& item) {
    if (key.size() != space_.long_key_bytes()) {
      return flush_run() && offer(item);
    }
    std::string_view run_prefix = key.substr(0, space_.run_prefix_bytes());
    if (!run_.empty() && run_prefix != run_prefix_) {
      if (!flush_run()) {
        return false;
      }
    }
    if (run_.empty()) {
      run_prefix_ = std::string(run_prefix);
    }
    run_.emplace_back(space_.order(item), std::string(key));
    return true;
  }

  bool flush_run() {
    std::vector<std::pair<std::string, std::string>> run;
    run.swap(run_);
    std::sort(run.begin(), run.end());
    if (!forward_) {
      std::reverse(run.begin(), run.end());
    }
    for (const auto& [order, key] : run) {
      bool more = true;
      space_.walk(key, key + std::string(1, '\0'), false, [&](std::string_view, Item& item) {
        more = offer(item);
        return false;
      });
      if (!more) {
        return false;
      }
    }
    return true;
  }

  // Ranges are a little wider than the selection (truncated long keys) and partition hashes can
  // collide, so each item is checked exactly before it counts.
  bool offer(Item& item) {
    if (!selection_.matches(item, names_.hash, names_.range)) {
      return true;
    }
    if (start_order_) {
      const std::string order = space_.order(item);
      if (forward_ ? order <= *start_order_ : order >= *start_order_) {
        return true;
      }
    }
    return visit_(item);
  }

  const KeySpace& space_;
  const KeySelection& selection_;
  const KeyNames& names_;
  bool forward_;
  const ReadTxn::ItemVisitor& visit_;
  std::optional<std::string> start_order_;
  std::string run_prefix_;
  std::vector<std::pair<std::string, std::string>> run_;  // (order bytes, stored key)
};

// Where a Scan reads: the table or index, or one segment's share of it. Index entries are
// segmented by their partition hash, as items are.
Range scan_range(const TableInfo& table, const IndexDefinition* index,
                 const std::optional<ScanSegment>& segment) {
  const uint32_t id = index != nullptr ? index->index_id : table.id;
  return segment ? key_range::segment(id, segment->segment, segment->total) : key_range::table(id);
}

}  // namespace

std::optional<Item> ReadTxn::get_item(const TableInfo& table, const Item& key) const {
  return raw_reads::load_item(handle_, item_key(table, key));
}

void ReadTxn::query(const TableInfo& table, const IndexDefinition* index,
                    const KeySelection& selection, bool forward, const Item* start_key,
                    const ItemVisitor& visit) const {
  const KeySpace space(handle_, table, index);
  const KeyNames names = key_names(table, index);
  Range range = selection_range(table, index, selection);
  OrderedReader reader(space, selection, names, forward, visit);
  if (start_key != nullptr) {
    std::string start = space.stored_key(*start_key);
    if (start.size() != space.long_key_bytes()) {
      key_range::exclude_through(range, start, !forward);
    } else {
      // The start key's stored form sits among its run in hash order: resume at the run's edge.
      std::string run_start = start.substr(0, space.run_prefix_bytes());
      if (forward && run_start > range.lower) {
        range.lower = run_start;
      }
      std::string run_end = key_range::prefix_end(run_start);
      if (!forward && (range.upper.empty() || run_end < range.upper)) {
        range.upper = run_end;
      }
      reader.skip_through(space.order(*start_key));
    }
  }
  reader.read(range);
}

void ReadTxn::scan(const TableInfo& table, const IndexDefinition* index,
                   const std::optional<ScanSegment>& segment, const Item* start_key,
                   const ItemVisitor& visit) const {
  Range range = scan_range(table, index, segment);
  if (start_key != nullptr) {
    key_range::exclude_through(range, stored_key(table, index, *start_key), /*reverse=*/false);
  }
  // Every key in the range belongs to this table or index, so nothing needs re-checking.
  KeySpace(handle_, table, index)
      .walk(range.lower, range.upper, false,
            [&](std::string_view, Item& item) { return visit(item); });
}

bool scan_start_in_segment(const TableInfo& table, const IndexDefinition* index,
                           const ScanSegment& segment, const Item& start_key) {
  const Range range = scan_range(table, index, segment);
  const std::string start = stored_key(table, index, start_key);
  return start >= range.lower && (range.upper.empty() || start < range.upper);
}

}  // namespace storage
