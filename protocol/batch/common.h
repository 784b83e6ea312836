#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/items/capacity.h"
#include "protocol/wire/json.h"
#include "storage/key_selection.h"
#include "storage/schema.h"
#include "storage/value.h"

// Pieces shared by BatchGetItem and BatchWriteItem (tests/integration/DYNAMODB_MESSAGES.md,
// "Batch operations", records the texts and where they come from).
namespace protocol::batch {

// The constraint DynamoDB reports once for the whole RequestItems map when any table name in it
// is malformed. It lists all three rules whichever one failed.
inline constexpr std::string_view kMapKeysConstraint =
    "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
    "Member must have length greater than or equal to 3, "
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";

// Collects constraint violations into DynamoDB's "N validation error(s) detected: ..." envelope.
// Unlike Violations it can also write the form DynamoDB's newer validator uses for the batch
// members, which names no value at all: "Value at 'RequestItems' failed to satisfy ...".
class ConstraintReport {
 public:
  // "Value '<value>' at ..." (or "Value null at ..." when `value` is nullopt).
  void add(std::optional<std::string_view> value, std::string_view path,
           std::string_view constraint);
  // "Value at '<path>' failed to satisfy constraint: <constraint>".
  void add_without_value(std::string_view path, std::string_view constraint);
  bool empty() const { return entries_.empty(); }
  // Throws ValidationException with at most 10 entries, in the order they were added.
  void raise_if_any() const;

 private:
  std::vector<std::string> entries_;
};

// A table name DynamoDB accepts as a RequestItems key: 3..255 characters of [a-zA-Z0-9_.-].
bool is_valid_table_name(std::string_view name);

// Compact JSON text of a request value, as DynamoDB echoes RequestItems in some messages.
std::string json_text(const JsonValue& value);

// A limit we add: an echo of a huge (invalid) request in a message is cut at about this size rather
// than grown without bound. Real requests that fail such checks are a few dozen entries long.
inline constexpr size_t kMaxEchoBytes = 1 << 20;

// An attribute map as DynamoDB echoes it in the Java toString form of its request objects:
// "{pk=com.amazonaws.dynamodb.v20120810.AttributeValue@1a2b3c4d, ...}", "null" for a null map.
// Java prints object identities; we print a stable hash of the value instead.
std::string java_attribute_map(const JsonValue* map);

// The bytes that identify an item of `table`, for duplicate detection (storage's, opaque). `key`
// must hold the table's key attributes (checked by validate_key first).
using storage::item_identity;

// Capacity consumed in one table, reported as one element of the ConsumedCapacity list.
struct TableUnits {
  std::string table_name;
  double units = 0;       // in the table itself
  Consumed indexes = {};  // in its secondary indexes (its `table` member is unused)
};

// Writes "ConsumedCapacity": [{...}, ...] (one entry per table, in request order) when `mode`
// asks for it.
void write_consumed_capacity_list(JsonWriter& w, CapacityMode mode,
                                  const std::vector<TableUnits>& tables);

}  // namespace protocol::batch
