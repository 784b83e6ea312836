#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/fields.h"
#include "protocol/json.h"
#include "storage/schema.h"

namespace protocol {

// Table-definition pieces as the client sent them (types checked, values not yet), shared by
// CreateTable and UpdateTable.
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

std::optional<std::vector<RawKeyElement>> read_key_schema(const Fields& fields,
                                                          std::string_view member);
std::optional<RawThroughput> read_throughput(const Fields& fields, std::string_view member);
std::optional<std::vector<RawIndex>> read_indexes(const Fields& fields, std::string_view member);

// Constraint checks (Violations) of those pieces; `path` is DynamoDB's lower-camel path.
void check_key_schema(Violations& v, const std::optional<std::vector<RawKeyElement>>& keys,
                      const std::string& path, bool check_key_type_enum);
void check_throughput(Violations& v, const std::optional<RawThroughput>& t,
                      const std::string& path);
void check_indexes(Violations& v, const std::optional<std::vector<RawIndex>>& indexes,
                   const std::string& path);

// The typed form of a validated key schema (names and HASH/RANGE).
std::vector<storage::KeySchemaElement> to_key_schema(const std::vector<RawKeyElement>& keys);
storage::Throughput to_throughput(const RawThroughput& t);

}  // namespace protocol
