#pragma once

#include <functional>
#include <memory>

#include "storage/catalog.h"
#include "storage/clock.h"
#include "storage/error.h"
#include "storage/read_txn.h"
#include "storage/store_options.h"
#include "storage/write_txn.h"

namespace storage {

// The typed storage API over one LMDB environment. Thread-safe.
class Store {
 public:
  explicit Store(StoreOptions options);  // opens or creates; throws StorageError
  ~Store();                              // drains the writer and closes LMDB cleanly

  const Catalog& catalog() const;

  // The wall clock (clock.h) everything reads "now" from, and its now in Unix milliseconds.
  const Clock& clock() const;
  int64_t now_ms() const;

  // Runs `work` in a short read-only transaction on the calling thread.
  void read(const std::function<void(ReadTxn&)>& work) const;

  // Queues a write. The writer thread runs `work` inside the next group commit; `done` is called
  // on the writer thread after the commit is durable (null) or with the exception `work` threw
  // (its changes rolled back). `work` may run more than once (a full map is grown and the batch
  // retried), so it must only assign its results, never accumulate.
  using WriteWork = storage::WriteWork;
  using WriteDone = storage::WriteDone;
  void write(WriteWork work, WriteDone done);

  // Stops accepting writes, finishes queued ones, joins the writer thread. Idempotent.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace storage
