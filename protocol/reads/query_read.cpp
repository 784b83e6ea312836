#include "protocol/reads/query_read.h"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/items/item_rules.h"
#include "storage/index_codec.h"
#include "storage/index_keys.h"
#include "storage/key_codec.h"

namespace protocol {

namespace {

namespace key_codec = storage::key_codec;
namespace index_codec = storage::index_codec;
using storage::key_range::Range;

// How the keys of one database order the items a Query reads (FORMAT.md): stored keys follow the
// exact order except among long, truncated-and-hashed sort keys sharing their stored prefix, which
// are re-sorted by `order` (the full order bytes of an item).
struct KeySpace {
  std::function<void(std::string_view, std::string_view, bool,
                     const storage::ReadTxn::ItemVisitor&)>
      range;
  size_t long_key_bytes = 0;    // only a truncated sort key makes a stored key this long
  size_t run_prefix_bytes = 0;  // long keys sharing these leading bytes form a run
  std::function<std::string(const storage::Item&)> order;
  std::function<std::string(const storage::Item&)> stored_key;
};

// Walks the range and hands items to the page in exact order. Runs of long sort keys are collected
// as (order bytes, stored key) and re-sorted before their items are read again, so a run costs its
// keys in memory, never its items.
class OrderedReader {
 public:
  OrderedReader(const KeySpace& space, const KeyQuery& query, bool forward, Page& page)
      : space_(space), query_(query), forward_(forward), page_(page) {}

  // A start key too long to be found exactly: the range begins at its run, and items of the run
  // up to it (in order) are skipped here.
  void skip_through(std::string start_order) { start_order_ = std::move(start_order); }

  void read(const Range& range) {
    bool more = true;
    space_.range(
        range.lower, range.upper, !forward_,
        [&](std::string_view key, storage::Item& item) { return more = visit(key, item); });
    if (more) {
      flush_run();
    }
  }

 private:
  bool visit(std::string_view key, const storage::Item& item) {
    if (key.size() != space_.long_key_bytes) {
      return flush_run() && offer(item);
    }
    std::string_view run_prefix = key.substr(0, space_.run_prefix_bytes);
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
      space_.range(key, key + std::string(1, '\0'), false,
                   [&](std::string_view, storage::Item& item) {
                     more = offer(item);
                     return false;
                   });
      if (!more) {
        return false;
      }
    }
    return true;
  }

  // Ranges are a little wider than the condition (truncated long keys) and partition hashes can
  // collide, so each item is checked exactly before it counts.
  bool offer(const storage::Item& item) {
    if (!query_.matches(item)) {
      return true;
    }
    if (start_order_) {
      const std::string order = space_.order(item);
      if (forward_ ? order <= *start_order_ : order >= *start_order_) {
        return true;
      }
    }
    return page_.add(item);
  }

  const KeySpace& space_;
  const KeyQuery& query_;
  bool forward_;
  Page& page_;
  std::optional<std::string> start_order_;
  std::string run_prefix_;
  std::vector<std::pair<std::string, std::string>> run_;  // (order bytes, stored key)
};

void read_ordered(const KeySpace& space, Range range, const KeyQuery& query, bool forward,
                  const storage::Item* start_key, Page& page) {
  OrderedReader reader(space, query, forward, page);
  if (start_key != nullptr) {
    std::string start = space.stored_key(*start_key);
    if (start.size() != space.long_key_bytes) {
      storage::key_range::exclude_through(range, start, !forward);
    } else {
      // The start key's stored form sits among its run in hash order: resume at the run's edge.
      std::string run_start = start.substr(0, space.run_prefix_bytes);
      if (forward && run_start > range.lower) {
        range.lower = run_start;
      }
      std::string run_end = storage::key_range::prefix_end(run_start);
      if (!forward && (range.upper.empty() || run_end < range.upper)) {
        range.upper = run_end;
      }
      reader.skip_through(space.order(*start_key));
    }
  }
  reader.read(range);
}

std::string table_sort_bytes(const storage::TableInfo& table, const storage::Item& item) {
  std::string bytes;
  if (const std::string* sort = table.sort_key()) {
    key_codec::append_ordered(bytes, item.find(*sort)->second, /*last=*/true);
  }
  return bytes;
}

std::string table_item_key(const storage::TableInfo& table, const storage::Item& item) {
  const std::string* sort = table.sort_key();
  return key_codec::item_key(table.id, item.find(table.partition_key())->second,
                             sort ? &item.find(*sort)->second : nullptr);
}

}  // namespace

void read_query_page(const storage::ReadTxn& txn, const storage::TableInfo& table,
                     const KeyQuery& query, bool forward, const storage::Item* start_key,
                     Page& page) {
  KeySpace space;
  space.range = [&txn](std::string_view lower, std::string_view upper, bool reverse,
                       const storage::ReadTxn::ItemVisitor& visit) {
    txn.range(lower, upper, reverse, visit);
  };
  space.long_key_bytes = key_codec::kMaxItemKeyBytes;
  space.run_prefix_bytes = key_codec::kMaxItemKeyBytes - key_codec::kSortKeyHashBytes;
  space.order = [&table](const storage::Item& item) { return table_sort_bytes(table, item); };
  space.stored_key = [&table](const storage::Item& item) { return table_item_key(table, item); };
  read_ordered(space, query.range(table.id), query, forward, start_key, page);
}

void read_index_query_page(const storage::ReadTxn& txn, const storage::TableInfo& table,
                           const storage::IndexDefinition& index, const KeyQuery& query,
                           bool forward, const storage::Item* start_key, Page& page) {
  KeySpace space;
  space.range = [&txn](std::string_view lower, std::string_view upper, bool reverse,
                       const storage::ReadTxn::ItemVisitor& visit) {
    txn.index_range(lower, upper, reverse, visit);
  };
  space.long_key_bytes = index_codec::kMaxEntryKeyBytes;
  space.run_prefix_bytes = index_codec::kPartitionPrefixBytes + index_codec::kSortPrefixBytes;
  // Entries order by their full sort bytes, then by the hash of their table key.
  space.order = [&table, &index](const storage::Item& item) {
    std::vector<const storage::AttributeValue*> hash;
    std::vector<const storage::AttributeValue*> range;
    storage::index_key_values(table, index, item, hash, range);
    std::string order = index_codec::sort_bytes(range);
    key_codec::append_hash(order, key_codec::hash16(table_item_key(table, item)));
    return order;
  };
  space.stored_key = [&table, &index](const storage::Item& item) {
    return storage::index_entry(table, index, item, table_item_key(table, item))->key;
  };
  read_ordered(space, query.index_range(index.index_id), query, forward, start_key, page);
}

}  // namespace protocol
