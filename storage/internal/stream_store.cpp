#include "storage/internal/stream_store.h"

#include <algorithm>
#include <string>

#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/stream_codec.h"

namespace storage::stream_store {

namespace {

std::string meta_key(uint32_t stream_id) {
  return meta_keys::with_id(meta_keys::kStreamPrefix, stream_id);
}

void decode_or_throw(const TxnHandle& txn, std::string_view bytes, StreamInfo& out) {
  if (!stream_codec::decode_stream(bytes, out)) {
    throw StorageError("corrupt stream definition");
  }
  out.next_seq = next_seq(txn, out);
}

}  // namespace

bool load(const TxnHandle& txn, uint32_t stream_id, StreamInfo& out) {
  std::string_view bytes;
  if (!lmdb::get(txn.txn, txn.dbs.meta, meta_key(stream_id), bytes)) {
    return false;
  }
  decode_or_throw(txn, bytes, out);
  return true;
}

void save(const TxnHandle& txn, const StreamInfo& stream) {
  lmdb::put(txn.txn, txn.dbs.meta, meta_key(stream.stream_id), stream_codec::encode_stream(stream));
}

void erase(const TxnHandle& txn, uint32_t stream_id) {
  lmdb::del(txn.txn, txn.dbs.meta, meta_key(stream_id));
}

void for_each(const TxnHandle& txn, const std::function<bool(StreamInfo&)>& visit) {
  const std::string prefix(1, meta_keys::kStreamPrefix);
  lmdb::Cursor cursor(txn.txn, txn.dbs.meta);
  StreamInfo stream;
  for (bool ok = cursor.seek(prefix); ok && cursor.key().starts_with(prefix); ok = cursor.next()) {
    decode_or_throw(txn, cursor.value(), stream);
    if (!visit(stream)) {
      return;
    }
  }
}

uint64_t next_seq(const TxnHandle& txn, const StreamInfo& stream) {
  // The last record of the stream is the one before the next stream's first key.
  lmdb::Cursor cursor(txn.txn, txn.dbs.streams);
  bool next_stream_found = stream.stream_id != UINT32_MAX &&
                           cursor.seek(stream_codec::stream_prefix(stream.stream_id + 1));
  bool ok = next_stream_found ? cursor.prev() : cursor.last();
  uint64_t last = 0;
  if (ok && stream_codec::record_seq(cursor.key(), stream.stream_id, last)) {
    return std::max(last + 1, stream.trim_seq);
  }
  return stream.trim_seq;
}

}  // namespace storage::stream_store
