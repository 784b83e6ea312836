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
// child opens at the first record after StreamSettings' span or record limit, and records are
// assigned to shards by sequence number ranges, so a reader that follows parents before children
// sees every change once, in order.
namespace storage {

// Never renumber: written to disk.
enum class StreamEvent : uint8_t { kInsert = 1, kModify = 2, kRemove = 3 };

// Shard i holds the records with first_seq <= seq <= *last_seq (to the stream's end while open);
// the shards of a stream cover its numbers without gap or overlap: shard i + 1 starts at shard i's
// last_seq + 1.
struct StreamShard {
  uint32_t index = 0;  // 0, 1, 2 ... within the stream; the parent of shard i is i - 1
  // When it opened; strictly later than its parent (a rollover within one millisecond takes the
  // next), so that ShardIds, which begin with it, sort parents before children.
  int64_t created_ms = 0;
  uint64_t first_seq = 0;  // the first sequence number it may hold (StartingSequenceNumber)
  // Set once closed (EndingSequenceNumber): its last record's number, or first_seq - 1 when it
  // closed without a record (disable_stream on an empty open shard; DynamoDB shows such a shard
  // with EndingSequenceNumber == StartingSequenceNumber). Rollover never closes an empty shard.
  std::optional<uint64_t> last_seq;
  int64_t closed_ms = 0;  // when it closed (0 while open)
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
  // Records below this sequence number are gone (trimmed): TRIM_HORIZON starts here. Stored.
  uint64_t trim_seq = 1;
  // The number the next record gets (numbers start at 1 and only grow, across restarts and
  // trimming). Not stored: reads compute it from the stream's last record and trim_seq.
  uint64_t next_seq = 1;
  // Oldest first; the last is open while the stream is enabled, and every shard is closed once it
  // is disabled. Closed shards wholly trimmed, and closed longer than the retention, are dropped.
  std::vector<StreamShard> shards;
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

// Every stream kept (enabled, and disabled until trim_streams deletes it once the retention has
// passed), in stream id order.
std::vector<StreamInfo> list_streams(const ReadTxn& txn);
std::optional<StreamInfo> find_stream(const ReadTxn& txn, uint32_t stream_id);

// The records of `stream_id` with first_seq <= seq <= last_seq, in order, until `visit` returns
// false. The record is valid only during the call and may be moved from.
using StreamRecordVisitor = std::function<bool(StreamRecord& record)>;
void read_stream_records(const ReadTxn& txn, uint32_t stream_id, uint64_t first_seq,
                         uint64_t last_seq, const StreamRecordVisitor& visit);

// Makes a new enabled stream for `table` (whose id, name and key schema it records) with one open
// shard starting at sequence number 1, created at `now_ms`. Its label (created_ms) is the later of
// `now_ms` and one millisecond after the latest label of any stream still kept for a table of this
// name. The caller sets the table's stream fields (stream_enabled, stream_view_type,
// latest_stream_id, latest_stream_created_ms) and saves the table in the same job; checking that
// the table has no enabled stream already is the caller's too.
StreamInfo create_stream(WriteTxn& txn, const TableInfo& table, StreamViewType view_type,
                         int64_t now_ms);
// Disables a stream at `now_ms`: its open shard closes (see StreamShard::last_seq); it stays
// readable for the retention. Nothing happens to a stream already disabled or unknown. The caller
// clears the table's stream_enabled (keeping latest_stream_id) and saves the table.
void disable_stream(WriteTxn& txn, uint32_t stream_id, int64_t now_ms);

// The secret that seals shard iterators (protocol/streams/shard_iterator.h): 32 random bytes made
// when the data directory is first used and kept in `meta`, so iterators outlive a restart.
std::string stream_iterator_key(Store& store);

// Writer only, in bounded steps: removes records created before `now_ms` - retention (at most
// `max_records`, oldest first) and advances trim_seq past them; drops closed shards that lie
// wholly below trim_seq and closed before that time; deletes streams (definition and records)
// disabled before it. Returns true when nothing remains to do now.
bool trim_streams(WriteTxn& txn, int64_t now_ms, const StreamSettings& settings,
                  size_t max_records);

}  // namespace storage
