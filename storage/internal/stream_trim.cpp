// Trimming DynamoDB Streams (FORMAT.md "Streams"): the writer's background step removes records
// older than the retention, oldest first, advances trim_seq past them, drops closed shards that
// lie wholly below it, and deletes streams disabled longer than the retention, in steps of a
// bounded number of records.

#include <algorithm>
#include <vector>

#include "storage/error.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/stream_codec.h"
#include "storage/internal/stream_store.h"
#include "storage/internal/txn_handle.h"
#include "storage/streams.h"

namespace storage {

namespace {

enum class Trimmed { kDone, kBudgetSpent };

// Removes the stream's records from its first on while they were created before `horizon_ms` and
// `budget` lasts. Sets `next` to the number of the first record left (the stream's next_seq when
// none is).
Trimmed remove_records(const TxnHandle& handle, const StreamInfo& stream, int64_t horizon_ms,
                       size_t& budget, uint64_t& next) {
  const std::string prefix = stream_codec::stream_prefix(stream.stream_id);
  lmdb::Cursor cursor(handle.txn, handle.dbs.streams);
  uint64_t seq = 0;
  for (bool ok = cursor.seek(prefix);
       ok && stream_codec::record_seq(cursor.key(), stream.stream_id, seq);
       ok = cursor.seek(prefix)) {
    int64_t created_ms = 0;
    if (!stream_codec::record_created_ms(cursor.value(), created_ms)) {
      throw StorageError("corrupt stream record");
    }
    // Records are in creation order, so the first one young enough ends the run (a wall clock
    // that stepped back only delays trimming).
    if (created_ms >= horizon_ms || budget == 0) {
      next = seq;
      return created_ms >= horizon_ms ? Trimmed::kDone : Trimmed::kBudgetSpent;
    }
    cursor.del();
    --budget;
  }
  next = stream.next_seq;
  return Trimmed::kDone;
}

// Drops the oldest shards while they are closed, hold only trimmed numbers and closed before the
// horizon. Returns whether any went.
bool drop_shards(StreamInfo& stream, int64_t horizon_ms) {
  auto kept = std::find_if(stream.shards.begin(), stream.shards.end(), [&](const StreamShard& s) {
    return !s.last_seq || *s.last_seq >= stream.trim_seq || s.closed_ms >= horizon_ms;
  });
  if (kept == stream.shards.begin()) {
    return false;
  }
  stream.shards.erase(stream.shards.begin(), kept);
  return true;
}

Trimmed trim_stream(const TxnHandle& handle, StreamInfo& stream, int64_t horizon_ms,
                    size_t& budget) {
  uint64_t next = stream.trim_seq;
  Trimmed result = remove_records(handle, stream, horizon_ms, budget, next);
  bool changed = next > stream.trim_seq;
  stream.trim_seq = std::max(stream.trim_seq, next);
  changed = drop_shards(stream, horizon_ms) || changed;
  if (changed) {
    stream_store::save(handle, stream);
  }
  return result;
}

// A stream disabled longer ago than the retention: its records, then its definition.
Trimmed delete_stream(const TxnHandle& handle, const StreamInfo& stream, size_t& budget) {
  uint64_t next = 0;
  Trimmed result = remove_records(handle, stream, INT64_MAX, budget, next);
  if (result == Trimmed::kDone) {
    stream_store::erase(handle, stream.stream_id);
  }
  return result;
}

}  // namespace

bool trim_streams(WriteTxn& txn, int64_t now_ms, const StreamSettings& settings,
                  size_t max_records) {
  const TxnHandle& handle = txn.handle();
  // Collected first: trimming rewrites and removes definitions under the cursor that lists them.
  std::vector<StreamInfo> streams;
  stream_store::for_each(handle, [&](StreamInfo& stream) {
    streams.push_back(std::move(stream));
    return true;
  });
  int64_t horizon_ms = now_ms - settings.retention_ms;
  size_t budget = max_records;
  for (StreamInfo& stream : streams) {
    bool expired = !stream.enabled && stream.disabled_ms < horizon_ms;
    Trimmed result = expired ? delete_stream(handle, stream, budget)
                             : trim_stream(handle, stream, horizon_ms, budget);
    if (result == Trimmed::kBudgetSpent) {
      return false;
    }
  }
  return true;
}

}  // namespace storage
