#include "protocol/batch/get_request.h"

#include "protocol/batch/common.h"
#include "protocol/error.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/projection_request.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"

namespace protocol::batch {

namespace {

// One RequestItems entry after the type checks.
struct RawTable {
  std::string_view name;
  const JsonValue* object = nullptr;  // KeysAndAttributes; null when the map value is null
  const JsonValue* keys = nullptr;    // its Keys list
};

// The type checks of every member (SerializationException), made before any constraint.
RawTable read_raw_table(std::string_view name, const JsonValue& value) {
  RawTable raw{name};
  if (value.IsNull()) {
    return raw;
  }
  raw.object = &expect_structure(value);
  Fields f(*raw.object);
  raw.keys = f.list("Keys");
  if (raw.keys != nullptr) {
    for (const auto& key : raw.keys->GetArray()) {
      if (!key.IsNull()) {
        expect_map(key);
      }
    }
  }
  if (const JsonValue* names = f.list("AttributesToGet")) {
    for (const auto& name_json : names->GetArray()) {
      expect_string(name_json);
    }
  }
  f.boolean("ConsistentRead");
  f.string("ProjectionExpression");
  f.map("ExpressionAttributeNames");
  return raw;
}

std::vector<RawTable> read_raw_tables(const JsonValue* items) {
  std::vector<RawTable> tables;
  if (items != nullptr) {
    for (const auto& member : items->GetObject()) {
      tables.push_back(read_raw_table(view_of(member.name), member.value));
    }
  }
  return tables;
}

// Member constraints, reported together. DynamoDB's current validator words RequestItems and Keys
// without echoing a value ("Value at 'RequestItems.t.member.Keys' ..."), yet echoes the map as
// JSON for a malformed table name; the enum comes last.
void check_constraints(const Fields& f, const JsonValue* items,
                       const std::vector<RawTable>& tables) {
  ConstraintReport report;
  if (items == nullptr) {
    report.add_without_value("RequestItems", "Member must not be null");
  } else if (tables.empty()) {
    report.add_without_value("RequestItems", "Member must have length greater than or equal to 1");
  }
  bool bad_name = false;
  for (const auto& table : tables) {
    bad_name = bad_name || !is_valid_table_name(table.name);
  }
  if (bad_name) {
    report.add(json_text(*items), "requestItems", kMapKeysConstraint);
  }
  for (const auto& table : tables) {
    std::string path = "RequestItems.";
    path.append(table.name).append(".member.Keys");
    if (table.keys == nullptr) {
      report.add_without_value(path, "Member must not be null");
    } else if (table.keys->Empty()) {
      report.add_without_value(path, "Member must have length greater than or equal to 1");
    } else if (table.keys->Size() > kMaxGetKeys) {
      report.add_without_value(path, "Member must have length less than or equal to 100");
    }
  }
  auto capacity = f.string("ReturnConsumedCapacity");
  if (capacity && *capacity != "INDEXES" && *capacity != "TOTAL" && *capacity != "NONE") {
    report.add(*capacity, "returnConsumedCapacity",
               "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  }
  report.raise_if_any();
}

// DynamoDB refuses a request that mixes styles across tables (AttributesToGet in one entry,
// ProjectionExpression in another), checking the entries in order together with each entry's
// names-without-expression rule.
void check_expression_styles(const std::vector<RawTable>& tables) {
  bool legacy = false;
  bool expression = false;
  for (const auto& table : tables) {
    Fields f(*table.object);
    legacy = legacy || f.raw("AttributesToGet") != nullptr;
    expression = expression || f.raw("ProjectionExpression") != nullptr;
    if (legacy && expression) {
      throw ApiError::validation(
          "Can not use both expression and non-expression parameters in the same request: "
          "Non-expression parameters: {AttributesToGet} Expression parameters: "
          "{ProjectionExpression}");
    }
    if (f.raw("ExpressionAttributeNames") != nullptr && f.raw("ProjectionExpression") == nullptr) {
      throw ApiError::validation(
          "ExpressionAttributeNames can only be specified when using expressions");
    }
  }
}

// KeysAndAttributes has no ExpressionAttributeValues member, so DynamoDB ignores one; the shared
// expression reader would not. Returns the object without it (a copy only when it is there).
const JsonValue& without_values(const JsonValue& object, JsonDocument& copy) {
  if (!object.HasMember("ExpressionAttributeValues")) {
    return object;
  }
  copy.CopyFrom(object, copy.GetAllocator());
  copy.RemoveMember("ExpressionAttributeValues");
  return copy;
}

// The settings UnprocessedKeys repeats, once read_expression_members and read_projection checked
// their types.
TableReads::Given given_settings(const Fields& f) {
  TableReads::Given given;
  if (const JsonValue* names = f.list("AttributesToGet")) {
    given.attributes_to_get.emplace();
    for (const auto& name : names->GetArray()) {
      given.attributes_to_get->emplace_back(view_of(name));
    }
  }
  if (f.raw("ConsistentRead") != nullptr) {
    given.consistent_read = f.boolean("ConsistentRead").value_or(false);
  }
  if (auto expression = f.string("ProjectionExpression")) {
    given.projection_expression = std::string(*expression);
  }
  if (const JsonValue* names = f.map("ExpressionAttributeNames")) {
    given.expression_attribute_names.emplace();
    for (const auto& member : names->GetObject()) {
      given.expression_attribute_names->emplace_back(view_of(member.name), view_of(member.value));
    }
  }
  return given;
}

TableReads read_table(const RawTable& raw) {
  TableReads reads;
  reads.table_name = std::string(raw.name);
  JsonDocument copy;
  Fields f(without_values(*raw.object, copy));
  reads.consistent = f.boolean("ConsistentRead").value_or(false);
  ExpressionMembers members =
      read_expression_members(f, {"ProjectionExpression"}, {"AttributesToGet"});
  expr::Resolver resolver(members.attributes);
  reads.projection = read_projection(f, members, resolver);
  resolver.check_all_used();
  reads.given = given_settings(f);
  return reads;
}

// Attribute values, duplicates within the table (before its schema is known: keys are compared as
// whole attribute maps) and the total across tables. Each table holds at most 100 keys here.
void read_keys(const RawTable& raw, TableReads& reads, size_t& total) {
  reads.keys.reserve(raw.keys->Size());
  for (const auto& json : raw.keys->GetArray()) {
    storage::Item key = json.IsNull() ? storage::Item{} : parse_attribute_map(json);
    for (const auto& earlier : reads.keys) {
      if (earlier == key) {
        throw ApiError::validation("Provided list of item keys contains duplicates");
      }
    }
    if (++total > kMaxGetKeys) {
      throw ApiError::validation("Too many items requested for the BatchGetItem call");
    }
    reads.keys.push_back(std::move(key));
  }
}

}  // namespace

BatchGetRequest read_batch_get_request(const JsonValue& request) {
  Fields f(request);
  const JsonValue* items = f.map("RequestItems");
  std::vector<RawTable> tables = read_raw_tables(items);
  f.string("ReturnConsumedCapacity");  // its type, before any constraint
  check_constraints(f, items, tables);
  BatchGetRequest result;
  Violations checked_above;
  result.capacity = read_capacity_mode(f, checked_above);
  check_expression_styles(tables);
  size_t total = 0;
  for (const auto& raw : tables) {
    TableReads reads = read_table(raw);
    read_keys(raw, reads, total);
    result.tables.push_back(std::move(reads));
  }
  return result;
}

}  // namespace protocol::batch
