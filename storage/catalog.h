#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/clock.h"
#include "storage/schema.h"

namespace storage {

// Live counters of one table or secondary index (DescribeTable's ItemCount and TableSizeBytes or
// IndexSizeBytes). Changed only by the writer thread after a commit; read by anyone.
struct TableStats {
  std::atomic<int64_t> item_count{0};
  std::atomic<int64_t> size_bytes{0};
};

// The in-memory view of the catalog: immutable TableInfo snapshots by name and id. Readers take a
// shared lock for a lookup only; the writer thread replaces snapshots after its commit, so a
// reader never sees a table the disk does not have.
class Catalog {
 public:
  // `clock` decides when a DELETING table's settle window ends.
  explicit Catalog(Clock clock) : clock_(std::move(clock)) {}

  // The table with this name: live, or deleted but still reporting DELETING. Null when none.
  TablePtr find(std::string_view name) const;
  TablePtr find_by_id(uint32_t id) const;
  // Every table in name order, including DELETING ones still in their settle window.
  std::vector<TablePtr> all() const;
  // Counters by table or index id (ids are never shared), null for an unknown id.
  std::shared_ptr<TableStats> stats(uint32_t id) const;

  // Writer thread only.
  void put(TablePtr table);
  // The table is gone from disk; `ghost` (status DELETING) answers DescribeTable until it settles.
  void remove(TablePtr ghost);

 private:
  Clock clock_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, TablePtr, std::less<>> by_name_;
  std::map<uint32_t, TablePtr> by_id_;
  std::map<uint32_t, std::shared_ptr<TableStats>> stats_;
};

}  // namespace storage
