#pragma once

#include "protocol/reads/key_condition.h"
#include "protocol/reads/read_paging.h"
#include "storage/schema.h"
#include "storage/store.h"
#include "storage/value.h"

namespace protocol {

// Reads one Query page inside a read transaction: the items of `query`'s partition range in
// sort-key order (descending when !forward), after `start_key` (ExclusiveStartKey, already checked
// against the condition) when given, each checked exactly against the key condition and offered to
// `page` until it is full. Only what the page takes is read, plus at most one run of long sort
// keys.
void read_query_page(const storage::ReadTxn& txn, const storage::TableInfo& table,
                     const KeyQuery& query, bool forward, const storage::Item* start_key,
                     Page& page);

// The same over a secondary index: entries in index sort-key order (ties in a fixed order of their
// table keys), offering each entry's whole table item (the page projects it).
void read_index_query_page(const storage::ReadTxn& txn, const storage::TableInfo& table,
                           const storage::IndexDefinition& index, const KeyQuery& query,
                           bool forward, const storage::Item* start_key, Page& page);

}  // namespace protocol
