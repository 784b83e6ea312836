#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "protocol/context.h"
#include "protocol/wire/json.h"
#include "storage/schema.h"

namespace protocol {

struct TableCounts {
  int64_t item_count = 0;
  int64_t size_bytes = 0;
};

// A table as DescribeTable shows it at one moment: its definition, the live counters of it and its
// indexes read then, and its ARN.
struct TableDescription {
  storage::TablePtr table;
  int64_t as_of_ms = 0;  // the moment statuses are computed for
  std::string arn;
  TableCounts counts;
  std::map<uint32_t, TableCounts> index_counts;  // by index id
};

TableDescription describe_table_as_of(const OpContext& ctx, storage::TablePtr table,
                                      int64_t as_of_ms);

// "KeySchema": [{"AttributeName": ..., "KeyType": "HASH"}, ...]
void write_key_schema(JsonWriter& w, const std::vector<storage::KeySchemaElement>& keys);

// Writes DynamoDB's TableDescription object.
void write_table_description(JsonWriter& w, const TableDescription& description);

}  // namespace protocol
