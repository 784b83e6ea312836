#include "protocol/batch/write_request.h"

#include "protocol/batch/common.h"
#include "protocol/error.h"
#include "protocol/items/item_rules.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"

namespace protocol::batch {

namespace {

constexpr std::string_view kMapValueConstraint =
    "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
    "Member must have length greater than or equal to 1]";
// DynamoDB's words for a WriteRequest holding both or neither of PutRequest and DeleteRequest
// (its generic "exactly one member of a union" text).
constexpr const char* kNotExactlyOneRequest =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";

// One WriteRequest after the type checks; members are null when absent.
struct RawWrite {
  const JsonValue* put = nullptr;   // PutRequest
  const JsonValue* del = nullptr;   // DeleteRequest
  const JsonValue* item = nullptr;  // PutRequest.Item
  const JsonValue* key = nullptr;   // DeleteRequest.Key
};

struct RawTable {
  std::string_view name;
  std::vector<RawWrite> writes;
};

RawWrite read_raw_write(const JsonValue& element) {
  RawWrite raw;
  if (element.IsNull()) {
    return raw;
  }
  Fields f(expect_structure(element));
  raw.put = f.structure("PutRequest");
  raw.del = f.structure("DeleteRequest");
  if (raw.put != nullptr) {
    raw.item = Fields(*raw.put).map("Item");
  }
  if (raw.del != nullptr) {
    raw.key = Fields(*raw.del).map("Key");
  }
  return raw;
}

// The type checks of the whole map (SerializationException), before any constraint.
std::vector<RawTable> read_raw_tables(const JsonValue* items) {
  std::vector<RawTable> tables;
  if (items == nullptr) {
    return tables;
  }
  for (const auto& member : items->GetObject()) {
    RawTable table{view_of(member.name), {}};
    if (!member.value.IsNull()) {
      for (const auto& element : expect_list(member.value).GetArray()) {
        table.writes.push_back(read_raw_write(element));
      }
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

std::string java_write_request(const RawWrite& raw) {
  std::string put = raw.put == nullptr ? "null"
                                       : "PutRequest(item=" + java_attribute_map(raw.item) +
                                             ", workloadProfileName=null)";
  std::string del = raw.del == nullptr ? "null"
                                       : "DeleteRequest(key=" + java_attribute_map(raw.key) +
                                             ", workloadProfileName=null)";
  return "WriteRequest(putRequest=" + put + ", deleteRequest=" + del + ")";
}

// "{table=[WriteRequest(...), ...], other=[...]}", as DynamoDB prints the map in its messages.
std::string java_request_items(const std::vector<RawTable>& tables) {
  std::string text = "{";
  for (size_t t = 0; t < tables.size(); ++t) {
    text += (t > 0 ? ", " : "") + std::string(tables[t].name) + "=[";
    for (size_t i = 0; i < tables[t].writes.size(); ++i) {
      if (text.size() > kMaxEchoBytes) {
        text += ", ...";
        break;
      }
      text += (i > 0 ? ", " : "") + java_write_request(tables[t].writes[i]);
    }
    text += "]";
  }
  return text + "}";
}

// ReturnConsumedCapacity and ReturnItemCollectionMetrics. DynamoDB reports these alone, ahead of
// anything wrong with RequestItems (even a malformed table name).
void read_return_members(const Fields& f, BatchWriteRequest& result) {
  Violations v;
  result.capacity = read_capacity_mode(f, v);
  result.collection_metrics = read_collection_metrics(f, v);
  v.raise_if_any();
}

void check_constraints(const std::vector<RawTable>& tables) {
  ConstraintReport report;
  bool bad_name = false;
  bool bad_length = false;
  for (const auto& table : tables) {
    bad_name = bad_name || !is_valid_table_name(table.name);
    bad_length = bad_length || table.writes.empty() || table.writes.size() > kMaxWriteRequests;
  }
  if (bad_name || bad_length) {
    std::string echo = java_request_items(tables);
    if (bad_name) {
      report.add(echo, "requestItems", kMapKeysConstraint);
    }
    if (bad_length) {
      report.add(echo, "requestItems", kMapValueConstraint);
    }
  }
  for (const auto& table : tables) {
    for (size_t i = 0; i < table.writes.size(); ++i) {
      std::string path = "requestItems." + std::string(table.name) + ".member." +
                         std::to_string(i + 1) + ".member.";
      if (table.writes[i].put != nullptr && table.writes[i].item == nullptr) {
        report.add(std::nullopt, path + "putRequest.item", "Member must not be null");
      }
      if (table.writes[i].del != nullptr && table.writes[i].key == nullptr) {
        report.add(std::nullopt, path + "deleteRequest.key", "Member must not be null");
      }
    }
  }
  report.raise_if_any();
}

void check_count_and_shapes(const std::vector<RawTable>& tables) {
  size_t total = 0;
  for (const auto& table : tables) {
    total += table.writes.size();
  }
  if (total > kMaxWriteRequests) {
    throw ApiError::validation("Too many items requested for the BatchWriteItem call");
  }
  for (const auto& table : tables) {
    for (const auto& raw : table.writes) {
      if ((raw.put == nullptr) == (raw.del == nullptr)) {
        throw ApiError::validation(kNotExactlyOneRequest);
      }
    }
  }
}

// Attribute values and the 400 KB item limit: checked before the tables are looked up.
std::vector<TableWrites> parse_tables(const std::vector<RawTable>& tables) {
  std::vector<TableWrites> parsed;
  parsed.reserve(tables.size());
  for (const auto& table : tables) {
    TableWrites writes{std::string(table.name), {}};
    writes.entries.reserve(table.writes.size());
    for (const auto& raw : table.writes) {
      WriteEntry entry;
      entry.put = raw.put != nullptr;
      entry.attributes = parse_attribute_map(entry.put ? *raw.item : *raw.key);
      if (entry.put) {
        check_item_size(entry.attributes);
      }
      writes.entries.push_back(std::move(entry));
    }
    parsed.push_back(std::move(writes));
  }
  return parsed;
}

}  // namespace

BatchWriteRequest read_batch_write_request(const JsonValue& request) {
  Fields f(request);
  std::vector<RawTable> tables = read_raw_tables(f.map("RequestItems"));
  BatchWriteRequest result;
  read_return_members(f, result);
  if (tables.empty()) {
    throw ApiError::validation("The requestItems parameter is required for BatchWriteItem");
  }
  check_constraints(tables);
  check_count_and_shapes(tables);
  result.tables = parse_tables(tables);
  return result;
}

}  // namespace protocol::batch
