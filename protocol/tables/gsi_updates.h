#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/tables/schema_json.h"
#include "protocol/wire/fields.h"
#include "storage/schema.h"
#include "storage/store.h"

// UpdateTable's GlobalSecondaryIndexUpdates (Create, Update, Delete) and the AttributeDefinitions
// that come with them. Texts: tests/integration/DYNAMODB_MESSAGES.md, "Secondary indexes".
namespace protocol {

// One element of GlobalSecondaryIndexUpdates, as read (types checked).
struct RawGsiUpdate {
  std::optional<RawIndex> create;
  bool has_update = false;
  std::optional<std::string> update_name;
  std::optional<RawThroughput> update_throughput;
  bool has_delete = false;
  std::optional<std::string> delete_name;
};

struct GsiUpdates {
  std::optional<std::vector<RawGsiUpdate>> updates;
  std::optional<std::vector<RawDefinition>> definitions;

  bool any() const { return updates && !updates->empty(); }
};

// Reads GlobalSecondaryIndexUpdates and AttributeDefinitions, adding their constraint violations.
GsiUpdates read_gsi_updates(const Fields& f, Violations& v);

// The checks that need no table, after "At least one of ...": each element holds exactly one
// action and names an index no other element names.
void check_gsi_update_shape(const GsiUpdates& updates);

// Applies the updates to `table` (a copy of the live definition) inside the write: checks them
// against it, allocates index ids, schedules backfills and removals. Returns whether the table
// itself goes through UPDATING (a created index makes it UPDATING until it is built).
bool apply_gsi_updates(const GsiUpdates& updates, storage::TableInfo& table, storage::WriteTxn& txn,
                       int64_t now_ms, int64_t status_delay_ms);

}  // namespace protocol
