#include "protocol/query_read.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "storage/key_codec.h"

namespace protocol {

namespace {

namespace key_codec = storage::key_codec;
using storage::key_range::Range;

constexpr size_t kPartitionPrefixBytes = 4 + key_codec::kPartitionHashBytes;
// Only a long (truncated and hashed) sort key makes an item key this long (FORMAT.md "Long sort
// keys"); every other key is shorter.
constexpr size_t kLongItemKeyBytes = key_codec::kMaxItemKeyBytes;
// Long keys sharing these leading bytes form a run stored in hash order, not sort-key order.
constexpr size_t kRunPrefixBytes = kPartitionPrefixBytes + key_codec::kSortKeyPrefixBytes;

std::string sort_bytes(const storage::AttributeValue& value) {
  std::string bytes;
  key_codec::append_ordered(bytes, value, /*last=*/true);
  return bytes;
}

// Walks the range and hands items to the page in exact sort-key order. Runs of long sort keys are
// collected as (full sort bytes, item key) and re-sorted before their items are read again, so a
// run costs its keys in memory, never its items.
class OrderedReader {
 public:
  OrderedReader(const storage::ReadTxn& txn, const KeyQuery& query, bool forward, Page& page)
      : txn_(txn), query_(query), forward_(forward), page_(page) {}

  // A start key too long to be found exactly: the range begins at its run, and items of the run
  // up to it (in sort order) are skipped here.
  void skip_through(std::string start_sort_bytes) { start_sort_ = std::move(start_sort_bytes); }

  void read(const Range& range) {
    bool more = true;
    txn_.range(range.lower, range.upper, !forward_,
               [&](std::string_view key, storage::Item& item) { return more = visit(key, item); });
    if (more) {
      flush_run();
    }
  }

 private:
  bool visit(std::string_view key, const storage::Item& item) {
    if (key.size() != kLongItemKeyBytes || query_.sort_name.empty()) {
      return flush_run() && offer(item);
    }
    std::string_view run_prefix = key.substr(0, kRunPrefixBytes);
    if (!run_.empty() && run_prefix != run_prefix_) {
      if (!flush_run()) {
        return false;
      }
    }
    if (run_.empty()) {
      run_prefix_ = std::string(run_prefix);
    }
    auto sort = item.find(query_.sort_name);
    run_.emplace_back(sort == item.end() ? std::string() : sort_bytes(sort->second),
                      std::string(key));
    return true;
  }

  bool flush_run() {
    std::vector<std::pair<std::string, std::string>> run;
    run.swap(run_);
    std::sort(run.begin(), run.end());
    if (!forward_) {
      std::reverse(run.begin(), run.end());
    }
    for (const auto& [sort, key] : run) {
      bool more = true;
      txn_.range(key, key + std::string(1, '\0'), false,
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
    if (start_sort_ && !after_start(item)) {
      return true;
    }
    return page_.add(item);
  }

  bool after_start(const storage::Item& item) const {
    const std::string sort = sort_bytes(item.find(query_.sort_name)->second);
    return forward_ ? sort > *start_sort_ : sort < *start_sort_;
  }

  const storage::ReadTxn& txn_;
  const KeyQuery& query_;
  bool forward_;
  Page& page_;
  std::optional<std::string> start_sort_;
  std::string run_prefix_;
  std::vector<std::pair<std::string, std::string>> run_;  // (full sort bytes, item key)
};

}  // namespace

void read_query_page(const storage::ReadTxn& txn, const storage::TableInfo& table,
                     const KeyQuery& query, bool forward, const storage::Item* start_key,
                     Page& page) {
  Range range = query.range(table.id);
  OrderedReader reader(txn, query, forward, page);
  if (start_key != nullptr) {
    const storage::AttributeValue& partition = start_key->find(query.partition_name)->second;
    const storage::AttributeValue* sort = nullptr;
    if (!query.sort_name.empty()) {
      sort = &start_key->find(query.sort_name)->second;
    }
    std::string start_sort = sort ? sort_bytes(*sort) : std::string();
    if (start_sort.size() <= key_codec::kSortKeyPrefixBytes) {
      storage::key_range::exclude_through(range, key_codec::item_key(table.id, partition, sort),
                                          !forward);
    } else {
      // The start key's stored form sits among its run in hash order: resume at the run's edge.
      std::string run_start = key_codec::partition_prefix(table.id, partition) +
                              start_sort.substr(0, key_codec::kSortKeyPrefixBytes);
      if (forward && run_start > range.lower) {
        range.lower = run_start;
      }
      std::string run_end = storage::key_range::prefix_end(run_start);
      if (!forward && (range.upper.empty() || run_end < range.upper)) {
        range.upper = run_end;
      }
      reader.skip_through(std::move(start_sort));
    }
  }
  reader.read(range);
}

}  // namespace protocol
