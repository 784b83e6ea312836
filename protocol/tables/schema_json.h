#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"

namespace protocol {

// Table-definition pieces as the client sent them (types checked, values not yet), shared by
// CreateTable and UpdateTable.
struct RawDefinition {
  std::optional<std::string> name;
  std::optional<std::string> type;
};

struct RawKeyElement {
  std::optional<std::string> name;
  std::optional<std::string> key_type;
};

struct RawThroughput {
  std::optional<int64_t> read_units;
  std::optional<int64_t> write_units;
};

struct RawIndex {
  std::optional<std::string> name;
  std::optional<std::vector<RawKeyElement>> key_schema;
  bool has_projection = false;
  std::optional<std::string> projection_type;
  std::optional<std::vector<std::string>> non_key_attributes;
  std::optional<RawThroughput> throughput;
};

std::optional<std::vector<RawDefinition>> read_definitions(const Fields& fields,
                                                           std::string_view member);
std::optional<std::vector<RawKeyElement>> read_key_schema(const Fields& fields,
                                                          std::string_view member);
std::optional<RawThroughput> read_throughput(const Fields& fields, std::string_view member);
std::optional<std::vector<RawIndex>> read_indexes(const Fields& fields, std::string_view member);
RawIndex read_index(const Fields& index);

// A table's or LSI's KeySchema has at most 2 elements; a GSI's up to 4 HASH and 4 RANGE ones
// (multi-attribute keys).
constexpr size_t kMaxTableKeyElements = 2;
constexpr size_t kMaxGlobalIndexKeyElements = 8;

// Constraint checks (Violations) of those pieces; `path` is DynamoDB's lower-camel path.
void check_key_schema(Violations& v, const std::optional<std::vector<RawKeyElement>>& keys,
                      const std::string& path, bool check_key_type_enum,
                      size_t max_elements = kMaxTableKeyElements);
void check_throughput(Violations& v, const std::optional<RawThroughput>& t,
                      const std::string& path);
void check_definitions(Violations& v, const std::optional<std::vector<RawDefinition>>& defs,
                       const std::string& path, bool required);
void check_indexes(Violations& v, const std::optional<std::vector<RawIndex>>& indexes,
                   const std::string& path, size_t max_key_elements = kMaxTableKeyElements);
// One index definition's constraints (also UpdateTable's Create action).
void check_index(Violations& v, const RawIndex& index, const std::string& prefix,
                 size_t max_key_elements);

// The typed form of a validated key schema (names and HASH/RANGE).
std::vector<storage::KeySchemaElement> to_key_schema(const std::vector<RawKeyElement>& keys);
storage::Throughput to_throughput(const RawThroughput& t);
// `current` changed to `requested` at `now`: the new units, with the increase/decrease times and
// today's decrease count DescribeTable reports.
storage::Throughput changed_throughput(const storage::Throughput& current,
                                       const RawThroughput& requested, int64_t now_ms);
storage::ValueType to_value_type(const std::string& type);  // "S", "N" or "B"
// A validated index definition (ids and status are the caller's).
storage::IndexDefinition to_index(const RawIndex& index, bool global);

}  // namespace protocol
