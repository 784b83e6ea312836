#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/streams.h"
#include "storage/value.h"

// The bytes of DynamoDB Streams (FORMAT.md "Streams"): record keys and values in the `streams`
// database, and stream definitions in `meta` under meta_keys::kStreamPrefix.
namespace storage::stream_codec {

// `streams` key := stream_id (u32 BE) || seq (u64 BE), so a stream's records are one key range in
// sequence order.
constexpr size_t kRecordKeyBytes = 12;
std::string record_key(uint32_t stream_id, uint64_t seq);
// The first 4 bytes of every record key of `stream_id`.
std::string stream_prefix(uint32_t stream_id);
// The sequence number of a record key of `stream_id`; false when the key is not one.
bool record_seq(std::string_view key, uint32_t stream_id, uint64_t& seq);

// A record to encode: the images are the whole items, borrowed (null when not kept).
struct RecordParts {
  StreamEvent event = StreamEvent::kInsert;
  int64_t created_ms = 0;
  bool ttl_delete = false;
  const Item* keys = nullptr;
  const Item* old_image = nullptr;
  const Item* new_image = nullptr;
  uint64_t size_bytes = 0;
};
void encode_record(const RecordParts& parts, std::string& out);
// Decodes a record value into `out` (its seq is left alone). False on bad bytes.
bool decode_record(std::string_view bytes, StreamRecord& out);
// Only the record's created ms (what trimming reads); false on bad bytes.
bool record_created_ms(std::string_view bytes, int64_t& created_ms);

// A stream definition, without next_seq (which follows from the records: stream_store.h).
std::string encode_stream(const StreamInfo& stream);
bool decode_stream(std::string_view bytes, StreamInfo& out);

}  // namespace storage::stream_codec
