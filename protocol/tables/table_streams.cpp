#include "protocol/tables/table_streams.h"

#include "protocol/error.h"
#include "storage/streams.h"

namespace protocol {

void enable_table_stream(storage::WriteTxn& txn, storage::TableInfo& table,
                         storage::StreamViewType view_type, int64_t now_ms) {
  const storage::StreamInfo stream = storage::create_stream(txn, table, view_type, now_ms);
  table.stream_enabled = true;
  table.stream_view_type = view_type;
  table.latest_stream_id = stream.stream_id;
  table.latest_stream_created_ms = stream.created_ms;
}

void disable_table_stream(storage::WriteTxn& txn, storage::TableInfo& table, int64_t now_ms) {
  if (table.stream_enabled && table.latest_stream_id != 0) {
    storage::disable_stream(txn, table.latest_stream_id, now_ms);
  }
  table.stream_enabled = false;
}

void apply_stream_update(storage::WriteTxn& txn, storage::TableInfo& table, const StreamSpec& spec,
                         int64_t now_ms) {
  if (spec.enabled) {
    if (table.stream_enabled) {
      throw ApiError::validation("Table already has an enabled stream: TableName: " + table.name);
    }
    enable_table_stream(txn, table, *spec.view_type, now_ms);
    return;
  }
  if (!table.stream_enabled) {
    throw ApiError::validation("Table has no stream to disable: TableName: " + table.name);
  }
  disable_table_stream(txn, table, now_ms);
}

}  // namespace protocol
