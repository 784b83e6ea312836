// The public face of DynamoDB Streams in storage: reading stream definitions and records, and
// making and disabling streams. The bytes are internal/stream_codec.*; the write path that appends
// records is internal/stream_writes.cpp, trimming internal/stream_trim.cpp.

#include "storage/streams.h"

#include <algorithm>

#include "storage/error.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/stream_codec.h"
#include "storage/internal/stream_store.h"
#include "storage/internal/txn_handle.h"

namespace storage {

std::vector<StreamInfo> list_streams(const ReadTxn& txn) {
  std::vector<StreamInfo> streams;
  stream_store::for_each(txn.handle(), [&](StreamInfo& stream) {
    streams.push_back(std::move(stream));
    return true;
  });
  return streams;
}

std::optional<StreamInfo> find_stream(const ReadTxn& txn, uint32_t stream_id) {
  StreamInfo stream;
  if (!stream_store::load(txn.handle(), stream_id, stream)) {
    return std::nullopt;
  }
  return stream;
}

void read_stream_records(const ReadTxn& txn, uint32_t stream_id, uint64_t first_seq,
                         uint64_t last_seq, const StreamRecordVisitor& visit) {
  const TxnHandle& handle = txn.handle();
  lmdb::Cursor cursor(handle.txn, handle.dbs.streams);
  StreamRecord record;
  uint64_t seq = 0;
  bool ok = cursor.seek(stream_codec::record_key(stream_id, first_seq));
  for (; ok && stream_codec::record_seq(cursor.key(), stream_id, seq) && seq <= last_seq;
       ok = cursor.next()) {
    if (!stream_codec::decode_record(cursor.value(), record)) {
      throw StorageError("corrupt stream record");
    }
    record.seq = seq;
    if (!visit(record)) {
      return;
    }
  }
}

StreamInfo create_stream(WriteTxn& txn, const TableInfo& table, StreamViewType view_type,
                         int64_t now_ms) {
  // The label (created_ms) tells a table's streams apart: later than every stream still kept for
  // a table of this name, even one made in the same millisecond or on a clock that stepped back.
  int64_t label = now_ms;
  stream_store::for_each(txn.handle(), [&](StreamInfo& earlier) {
    if (earlier.table_name == table.name) {
      label = std::max(label, earlier.created_ms + 1);
    }
    return true;
  });
  StreamInfo stream;
  stream.stream_id = txn.allocate_table_id();
  stream.table_id = table.id;
  stream.table_name = table.name;
  stream.key_schema = table.key_schema;
  stream.created_ms = label;
  stream.view_type = view_type;
  StreamShard shard;
  shard.created_ms = now_ms;
  shard.first_seq = stream.next_seq;
  stream.shards.push_back(shard);
  stream_store::save(txn.handle(), stream);
  return stream;
}

void disable_stream(WriteTxn& txn, uint32_t stream_id, int64_t now_ms) {
  StreamInfo stream;
  if (!stream_store::load(txn.handle(), stream_id, stream) || !stream.enabled) {
    return;
  }
  stream.enabled = false;
  stream.disabled_ms = now_ms;
  if (!stream.shards.empty() && !stream.shards.back().last_seq) {
    // Its last record's number, or first_seq - 1 when it closes empty.
    stream.shards.back().last_seq = stream.next_seq - 1;
    stream.shards.back().closed_ms = now_ms;
  }
  stream_store::save(txn.handle(), stream);
}

}  // namespace storage
