#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"
#include "storage/store.h"

namespace protocol {

enum class CapacityMode { kNone, kTotal, kIndexes };

// Reads ReturnConsumedCapacity (enum INDEXES, TOTAL, NONE), recording a bad value in `v`.
CapacityMode read_capacity_mode(const Fields& f, Violations& v);

// Reads ReturnItemCollectionMetrics (enum SIZE, NONE), recording a bad value in `v`; true for SIZE.
bool read_collection_metrics(const Fields& f, Violations& v);

// Writes "ItemCollectionMetrics": {} when `asked` (ReturnItemCollectionMetrics SIZE). Metrics
// describe the item collections of tables with local secondary indexes, which ddbd does not size.
void write_collection_metrics(JsonWriter& w, bool asked);

// DynamoDB's units: writes in 1 KB steps, reads in 4 KB steps (half for eventually consistent
// reads), at least one step each.
double write_units(size_t item_bytes);
double read_units(size_t item_bytes, bool consistent);

// Capacity one operation consumed in one table and its secondary indexes.
struct Consumed {
  double table = 0;
  std::map<std::string, double> global_indexes;  // by index name
  std::map<std::string, double> local_indexes;

  double total() const;
  // Charges one write per index entry put or removed, sized by the entry (1 KB steps).
  void add_index_writes(const storage::IndexWrites& writes);
  void add_index(const std::string& name, bool global, double units);
};

// What one single-table operation consumed, and how the request asked to see it.
struct ConsumedCapacity {
  CapacityMode mode = CapacityMode::kNone;
  std::string table_name;
  Consumed consumed;
};

// Writes "ConsumedCapacity": {...} for one table, when the mode asks for it. TOTAL folds the
// indexes into CapacityUnits; INDEXES adds "Table" and, for each kind of index charged anything,
// "GlobalSecondaryIndexes"/"LocalSecondaryIndexes" maps (absent, never zero, when nothing was).
void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             const Consumed& consumed);
void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             double units);
void write_consumed_capacity(JsonWriter& w, const ConsumedCapacity& capacity);
// The units the transactional operations report beside each CapacityUnits: ReadCapacityUnits
// (TransactGetItems) or WriteCapacityUnits (TransactWriteItems); none for the other operations.
enum class CapacityAxis { kNone, kRead, kWrite };

// The members of that object (for lists of them, as the batch operations write).
void write_capacity_members(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                            const Consumed& consumed, CapacityAxis axis = CapacityAxis::kNone);

}  // namespace protocol
