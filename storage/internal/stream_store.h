#pragma once

#include <cstdint>
#include <functional>

#include "storage/internal/txn_handle.h"
#include "storage/streams.h"

// Stream definitions in `meta` and the position of each stream's records in `streams`
// (FORMAT.md "Streams"): what the public stream functions (streams.cpp), the write path
// (stream_writes.cpp) and trimming (stream_trim.cpp) stand on. Throws StorageError on a corrupt
// definition.
namespace storage::stream_store {

// The definition of `stream_id` with next_seq filled in; false when there is no such stream.
bool load(const TxnHandle& txn, uint32_t stream_id, StreamInfo& out);
// Writes the definition (next_seq is not stored: it follows from the records).
void save(const TxnHandle& txn, const StreamInfo& stream);
// Removes the definition (not the records).
void erase(const TxnHandle& txn, uint32_t stream_id);
// Every definition in stream id order, next_seq filled in, until `visit` returns false.
void for_each(const TxnHandle& txn, const std::function<bool(StreamInfo&)>& visit);

// The number the next record of `stream` gets: one after its last record, and never below
// trim_seq, which trimming leaves one after the last record it removed, so that numbers never
// restart when every record is gone.
uint64_t next_seq(const TxnHandle& txn, const StreamInfo& stream);

}  // namespace storage::stream_store
