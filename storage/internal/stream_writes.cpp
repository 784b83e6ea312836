// DynamoDB Streams in the write path: put_item and delete_item append the record of each change to
// the table's enabled stream in the change's own transaction, so a change and its record commit,
// roll back and replay together (FORMAT.md "Streams"). Appending rolls the stream's open shard
// over to a child when it has run its span or holds its most records.

#include <algorithm>

#include "storage/internal/lmdb.h"
#include "storage/internal/stream_codec.h"
#include "storage/internal/stream_store.h"
#include "storage/internal/txn_handle.h"
#include "storage/item_size.h"
#include "storage/write_txn.h"

namespace storage {

namespace {

Item key_attributes(const std::vector<KeySchemaElement>& key_schema, const Item& item) {
  Item keys;
  for (const auto& element : key_schema) {
    if (auto found = item.find(element.name); found != item.end()) {
      keys.emplace(found->first, found->second);
    }
  }
  return keys;
}

// The record of a change from `old` to `item` (either may be null) with the images `view_type`
// keeps, borrowing `keys` and the items.
stream_codec::RecordParts record_parts(StreamViewType view_type, const Item& keys, const Item* old,
                                       const Item* item) {
  bool keep_old =
      view_type == StreamViewType::kOldImage || view_type == StreamViewType::kNewAndOldImages;
  bool keep_new =
      view_type == StreamViewType::kNewImage || view_type == StreamViewType::kNewAndOldImages;
  stream_codec::RecordParts parts;
  parts.event = !item ? StreamEvent::kRemove : old ? StreamEvent::kModify : StreamEvent::kInsert;
  parts.keys = &keys;
  parts.old_image = keep_old ? old : nullptr;
  parts.new_image = keep_new ? item : nullptr;
  parts.size_bytes = item_size(keys) + (parts.old_image ? item_size(*old) : 0) +
                     (parts.new_image ? item_size(*item) : 0);
  return parts;
}

// Closes the open shard and opens its child when the record about to get `seq` may not join it.
// A shard that holds no record stays open whatever its age. Returns whether `stream` changed.
bool roll_over(StreamInfo& stream, uint64_t seq, int64_t now_ms, const StreamSettings& settings) {
  StreamShard& open = stream.shards.back();
  uint64_t held = seq - open.first_seq;
  bool full = settings.shard_max_records > 0 && held >= settings.shard_max_records;
  bool old = now_ms - open.created_ms >= settings.shard_span_ms;
  if (held == 0 || !(full || old)) {
    return false;
  }
  open.last_seq = seq - 1;
  open.closed_ms = now_ms;
  StreamShard child;
  child.index = open.index + 1;
  // Strictly later than its parent, even within one millisecond (a count rollover): ShardIds begin
  // with this time, so listing them in order lists parents before children.
  child.created_ms = std::max(now_ms, open.created_ms + 1);
  child.first_seq = seq;
  stream.shards.push_back(child);
  return true;
}

}  // namespace

void WriteTxn::append_stream_record(const TableInfo& table, const Item* old, const Item* item,
                                    bool by_ttl) {
  if (!table.stream_enabled || table.latest_stream_id == 0) {
    return;
  }
  if (old && item && *old == *item) {
    return;  // DynamoDB writes no record when nothing changed
  }
  StreamInfo stream;
  // An enabled stream's last shard is open (a definition that says otherwise gets no record).
  if (!stream_store::load(handle_, table.latest_stream_id, stream) || !stream.enabled ||
      stream.shards.empty() || stream.shards.back().last_seq) {
    return;
  }
  int64_t now_ms = epoch_ms(context_.clock);
  if (roll_over(stream, stream.next_seq, now_ms, context_.streams)) {
    stream_store::save(handle_, stream);
  }
  Item keys = key_attributes(stream.key_schema, item ? *item : *old);
  stream_codec::RecordParts parts = record_parts(stream.view_type, keys, old, item);
  parts.created_ms = now_ms;
  parts.ttl_delete = by_ttl;
  std::string value;
  stream_codec::encode_record(parts, value);
  lmdb::put(handle_.txn, handle_.dbs.streams,
            stream_codec::record_key(stream.stream_id, stream.next_seq), value);
}

}  // namespace storage
