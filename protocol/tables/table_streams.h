#pragma once

#include <cstdint>

#include "protocol/tables/stream_spec.h"
#include "storage/schema.h"
#include "storage/write_txn.h"

// What StreamSpecification does to a table inside its writer job: an enable makes a new stream
// (storage/streams.h) and names it the table's latest; a disable closes it, and it stays readable
// for its retention. Writer thread only.
namespace protocol {

// A new enabled stream for `table` (a copy the caller saves), made at `now_ms`.
void enable_table_stream(storage::WriteTxn& txn, storage::TableInfo& table,
                         storage::StreamViewType view_type, int64_t now_ms);
// Disables the table's stream if it has an enabled one (DeleteTable).
void disable_table_stream(storage::WriteTxn& txn, storage::TableInfo& table, int64_t now_ms);

// UpdateTable's StreamSpecification against the table's current stream: ValidationException
// "Table already has an enabled stream: ..." or "Table has no stream to disable: ...".
void apply_stream_update(storage::WriteTxn& txn, storage::TableInfo& table, const StreamSpec& spec,
                         int64_t now_ms);

}  // namespace protocol
