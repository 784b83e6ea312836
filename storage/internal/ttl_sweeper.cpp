#include "storage/internal/ttl_sweeper.h"

#include <algorithm>
#include <vector>

namespace storage {

namespace {

// The TTL-enabled tables in id order, starting with `first` (round robin across steps, so one
// table with many expired items does not starve the others).
std::vector<uint32_t> ttl_tables(const Catalog& catalog, uint32_t first) {
  std::vector<uint32_t> ids;
  for (const TablePtr& table : catalog.all()) {
    if (table->ttl.enabled && table->status != TableStatus::kDeleting) {
      ids.push_back(table->id);
    }
  }
  std::sort(ids.begin(), ids.end());
  auto start = std::lower_bound(ids.begin(), ids.end(), first);
  std::rotate(ids.begin(), start, ids.end());
  return ids;
}

}  // namespace

TtlSweeper::TtlSweeper(const Catalog& catalog, Clock clock, std::chrono::milliseconds interval,
                       size_t batch_items)
    : catalog_(catalog),
      clock_(std::move(clock)),
      batch_items_(std::max<size_t>(1, batch_items)),
      schedule_(interval) {}

bool TtlSweeper::has_tables() const { return !ttl_tables(catalog_, 0).empty(); }

TtlSweeper::StepResult TtlSweeper::step(WriteTxn& txn) const {
  StepResult result;
  int64_t now_s = epoch_seconds(clock_);
  size_t budget = batch_items_;
  for (uint32_t table_id : ttl_tables(catalog_, resume_table_)) {
    bool more = false;
    size_t deleted = txn.expire_items(table_id, now_s, budget, more);
    result.deleted += deleted;
    if (more) {
      result.more = true;
      result.resume_table = table_id;
      break;
    }
    budget -= std::min(budget, deleted);
    if (budget == 0) {
      result.more = true;
      result.resume_table = table_id + 1;
      break;
    }
  }
  return result;
}

void TtlSweeper::finish(const StepResult& result) {
  deleted_total_ += result.deleted;
  resume_table_ = result.more ? result.resume_table : 0;
  schedule_.step_done(result.more);
}

}  // namespace storage
