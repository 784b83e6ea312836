#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/value.h"

namespace storage {

// What a table's stream records of each change (DynamoDB's StreamViewType). Written to disk: never
// renumber.
enum class StreamViewType : uint8_t {
  kKeysOnly = 1,
  kNewImage = 2,
  kOldImage = 3,
  kNewAndOldImages = 4,
};

// A table's definition as stored in the catalog (`meta` database, see FORMAT.md). Enum values are
// written to disk: never renumber.
enum class KeyType : uint8_t { kHash = 1, kRange = 2 };
enum class BillingMode : uint8_t { kProvisioned = 1, kPayPerRequest = 2 };
enum class TableStatus : uint8_t { kCreating = 1, kActive = 2, kUpdating = 3, kDeleting = 4 };
enum class ProjectionType : uint8_t { kAll = 1, kKeysOnly = 2, kInclude = 3 };
// A GSI added by UpdateTable is CREATING until the writer has backfilled it (no settle time); an
// UPDATING index (throughput change) settles by time like a table.
enum class IndexStatus : uint8_t { kCreating = 1, kActive = 2, kUpdating = 3 };

struct AttributeDefinition {
  std::string name;
  ValueType type = ValueType::kString;  // S, N or B
};

struct KeySchemaElement {
  std::string name;
  KeyType key_type = KeyType::kHash;
};

struct Throughput {
  int64_t read_units = 0;
  int64_t write_units = 0;
  int64_t last_increase_ms = 0;
  int64_t last_decrease_ms = 0;
  int64_t decreases_today = 0;
};

struct Projection {
  ProjectionType type = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;
};

// A local or global secondary index. LSIs have one HASH (the table's) and one RANGE attribute;
// GSIs have 1..4 HASH attributes followed by 0..4 RANGE attributes (multi-attribute keys).
struct IndexDefinition {
  std::string name;
  bool global = false;
  uint32_t index_id = 0;  // key prefix in the `index` database; never reused
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::optional<Throughput> throughput;  // GSIs of provisioned tables
  IndexStatus status = IndexStatus::kActive;
  int64_t status_settles_ms = 0;  // when an UPDATING index becomes ACTIVE

  std::vector<std::string> hash_keys() const;
  std::vector<std::string> range_keys() const;
  bool backfilling() const { return status == IndexStatus::kCreating; }
  IndexStatus status_at(int64_t now_ms) const;
};

// Time to Live as UpdateTimeToLive left it. DescribeTimeToLive reports ENABLING or DISABLING until
// `settles_ms` (computed on read, like table statuses), then ENABLED or DISABLED. The attribute is
// kept after a disable so that DISABLING can still name it.
enum class TtlStatus : uint8_t { kEnabling, kEnabled, kDisabling, kDisabled };

struct TimeToLive {
  bool enabled = false;
  std::string attribute;   // the attribute of the latest specification; empty when never set
  int64_t changed_ms = 0;  // when the latest UpdateTimeToLive was applied (its change window)
  int64_t settles_ms = 0;  // when ENABLING/DISABLING ends

  TtlStatus status_at(int64_t now_ms) const;
};

struct TableInfo {
  uint32_t id = 0;  // key prefix in the `items` database; never reused
  std::string name;
  std::string table_uuid;  // DescribeTable's TableId
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;  // HASH first, then optional RANGE
  BillingMode billing_mode = BillingMode::kProvisioned;
  Throughput throughput;
  int64_t billing_mode_changed_ms = 0;
  std::vector<IndexDefinition> local_indexes;
  std::vector<IndexDefinition> global_indexes;
  std::vector<std::pair<std::string, std::string>> tags;
  bool deletion_protection = false;
  // DynamoDB Streams (streams.h). The latest stream the table had stays named after a disable
  // (LatestStreamArn); an enable makes a new one. latest_stream_id is 0 when it never had one.
  bool stream_enabled = false;
  StreamViewType stream_view_type = StreamViewType::kKeysOnly;
  uint32_t latest_stream_id = 0;
  int64_t latest_stream_created_ms = 0;  // its StreamLabel
  int64_t created_ms = 0;
  // A transient status (CREATING/UPDATING/DELETING) lasts until status_settles_ms, then the table
  // is ACTIVE (or gone, for DELETING). Computed on read so no timer is needed.
  TableStatus status = TableStatus::kCreating;
  int64_t status_settles_ms = 0;
  TimeToLive ttl;

  const std::string& partition_key() const { return key_schema[0].name; }
  const std::string* sort_key() const {
    return key_schema.size() > 1 ? &key_schema[1].name : nullptr;
  }
  // The declared type of an attribute in AttributeDefinitions (null when undefined).
  const ValueType* attribute_type(std::string_view name) const;
  // The status DescribeTable reports now: a table whose GSI is being built or updated is UPDATING.
  TableStatus status_at(int64_t now_ms) const;
  // The secondary index with this name (LSI or GSI), or null.
  const IndexDefinition* find_index(std::string_view name) const;
  // Every secondary index: LSIs, then GSIs.
  std::vector<const IndexDefinition*> all_indexes() const;
};

using TablePtr = std::shared_ptr<const TableInfo>;

}  // namespace storage
