#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/read_txn.h"
#include "storage/schema.h"
#include "storage/store.h"
#include "storage/store_options.h"
#include "storage/value.h"
#include "storage/write_txn.h"

// DynamoDB Streams in storage (FORMAT.md "Streams"). A stream belongs to one table from the
// enable that made it; records describe item changes and are written by WriteTxn::put_item and
// delete_item in the same transaction as the change, so a change and its record are never
// separated. A stream's records sit in the `streams` database by stream id and sequence number;
// its definition and shards in `meta`. A stream has one open shard at a time: a shard closes and a
// child opens after StreamSettings' span, and records are assigned to shards by sequence number
// ranges, so a reader that follows parents before children sees every change once, in order.
namespace storage {

// Never renumber: written to disk.
enum class StreamEvent : uint8_t { kInsert = 1, kModify = 2, kRemove = 3 };

struct StreamShard {
  uint32_t index = 0;      // 0, 1, 2 ... within the stream; the parent of shard i is i - 1
  int64_t created_ms = 0;  // ShardId is made of this and the stream id
  uint64_t first_seq = 0;  // the first sequence number it may hold (StartingSequenceNumber)
  std::optional<uint64_t> last_seq;  // set once closed (EndingSequenceNumber)
  int64_t closed_ms = 0;             // when it closed (0 while open)
};

struct StreamInfo {
  uint32_t stream_id = 0;  // allocated like table ids; never reused
  uint32_t table_id = 0;
  std::string table_name;
  std::vector<KeySchemaElement> key_schema;  // the table's, when the stream was made
  int64_t created_ms = 0;                    // StreamLabel; unique per table name
  StreamViewType view_type = StreamViewType::kKeysOnly;
  bool enabled = true;      // false once disabled (UpdateTable, DeleteTable)
  int64_t disabled_ms = 0;  // when it was disabled
  // Records below this sequence number are gone (trimmed): TRIM_HORIZON starts here.
  uint64_t trim_seq = 1;
  uint64_t next_seq = 1;            // the number the next record gets (numbers start at 1)
  std::vector<StreamShard> shards;  // oldest first; those wholly trimmed are dropped
};

struct StreamRecord {
  uint64_t seq = 0;
  StreamEvent event = StreamEvent::kInsert;
  int64_t created_ms = 0;  // ApproximateCreationDateTime
  Item keys;
  std::optional<Item> old_image;  // as the view type asks: OLD_IMAGE, NEW_AND_OLD_IMAGES
  std::optional<Item> new_image;  // NEW_IMAGE, NEW_AND_OLD_IMAGES
  bool ttl_delete = false;        // a REMOVE made by the Time to Live sweeper
  uint64_t size_bytes = 0;        // item_size of keys plus the images kept (SizeBytes)
};

// Every stream (live and disabled within retention), in stream id order.
std::vector<StreamInfo> list_streams(const ReadTxn& txn);
std::optional<StreamInfo> find_stream(const ReadTxn& txn, uint32_t stream_id);

// The records of `stream_id` with first_seq <= seq <= last_seq, in order, until `visit` returns
// false. The record is valid only during the call and may be moved from.
using StreamRecordVisitor = std::function<bool(StreamRecord& record)>;
void read_stream_records(const ReadTxn& txn, uint32_t stream_id, uint64_t first_seq,
                         uint64_t last_seq, const StreamRecordVisitor& visit);

// Makes a new enabled stream for `table` (whose id, name and key schema it records) with one open
// shard, created at `now_ms` (its label: later than the table's previous stream's, bumped by a
// millisecond if needed). The caller sets the table's stream fields and saves the table.
StreamInfo create_stream(WriteTxn& txn, const TableInfo& table, StreamViewType view_type,
                         int64_t now_ms);
// Disables a stream at `now_ms`: its open shard closes; it stays readable for the retention.
void disable_stream(WriteTxn& txn, uint32_t stream_id, int64_t now_ms);

// The secret that seals shard iterators (protocol/streams/shard_iterator.h): 32 random bytes made
// when the data directory is first opened and kept in `meta`, so iterators outlive a restart.
std::string stream_iterator_key(Store& store);

// Writer only, in bounded steps: removes records older than the retention at `now_ms` (at most
// `max_records`), closed shards whose records are all gone, and streams disabled longer than the
// retention. Returns true when nothing remains to do now.
bool trim_streams(WriteTxn& txn, int64_t now_ms, const StreamSettings& settings,
                  size_t max_records);

}  // namespace storage
