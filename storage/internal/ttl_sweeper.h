#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "storage/catalog.h"
#include "storage/clock.h"
#include "storage/internal/periodic.h"
#include "storage/write_txn.h"

namespace storage {

// The background deletion of expired items (DynamoDB's TTL process). Every `interval` a sweep
// starts; it runs as bounded steps on the writer thread between foreground batches, each deleting
// at most `batch_items` items of TTL-enabled tables through WriteTxn::expire_items (the normal
// delete path, so indexes and counts stay exact) until no eligible entry is left. Eligibility is
// judged by the injected clock, so tests move time instead of waiting. Writer thread only.
class TtlSweeper {
 public:
  using SteadyTime = Periodic::SteadyTime;

  // `clock` is the store's wall clock (never null).
  TtlSweeper(const Catalog& catalog, Clock clock, std::chrono::milliseconds interval,
             size_t batch_items);

  // Whether a step should run at `now`: a sweep is due or one is under way.
  bool pending(SteadyTime now) const { return schedule_.pending(now); }
  // When the next sweep starts, for the writer's wait.
  SteadyTime next_due() const { return schedule_.next_due(); }
  // Whether any table has TTL enabled (a step without one needs no transaction).
  bool has_tables() const;

  struct StepResult {
    size_t deleted = 0;
    bool more = false;          // the step stopped at its bound
    uint32_t resume_table = 0;  // where the next step starts
  };
  // One step inside `txn`. It may run more than once (the batch is retried on a grown map), so it
  // only computes its result; finish() applies it after the commit.
  StepResult step(WriteTxn& txn) const;
  void finish(const StepResult& result);

  uint64_t deleted_total() const { return deleted_total_; }

 private:
  const Catalog& catalog_;
  Clock clock_;
  size_t batch_items_;
  Periodic schedule_;
  uint32_t resume_table_ = 0;
  uint64_t deleted_total_ = 0;
};

}  // namespace storage
