#include "protocol/ops/create_table.h"

#include <algorithm>
#include <memory>
#include <random>
#include <set>

#include "protocol/error.h"
#include "protocol/tables/index_schema.h"
#include "protocol/tables/schema_json.h"
#include "protocol/tables/stream_spec.h"
#include "protocol/tables/table_streams.h"
#include "protocol/wire/fields.h"
#include "storage/value.h"

namespace protocol::ops {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";
constexpr size_t kMaxLocalIndexes = 5;
constexpr size_t kMaxGlobalIndexes = 20;
constexpr int64_t kMaxUnits = 1000000000000;  // DynamoDB's bound on a throughput value

struct RawCreateTable {
  std::optional<std::string> table_name;
  std::optional<std::vector<RawDefinition>> definitions;
  std::optional<std::vector<RawKeyElement>> key_schema;
  std::optional<std::string> billing_mode;
  std::optional<RawThroughput> throughput;
  std::optional<std::vector<RawIndex>> local_indexes;
  std::optional<std::vector<RawIndex>> global_indexes;
  std::vector<std::pair<std::string, std::string>> tags;
  bool deletion_protection = false;
  std::optional<StreamSpec> stream;
};

std::optional<std::string> opt(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

RawCreateTable read_request(const JsonValue& json) {
  Fields f(json);
  RawCreateTable r;
  r.table_name = std::string(require_table_name(f));
  r.definitions = read_definitions(f, "AttributeDefinitions");
  r.key_schema = read_key_schema(f, "KeySchema");
  r.billing_mode = opt(f.string("BillingMode"));
  r.throughput = read_throughput(f, "ProvisionedThroughput");
  r.local_indexes = read_indexes(f, "LocalSecondaryIndexes");
  r.global_indexes = read_indexes(f, "GlobalSecondaryIndexes");
  if (const JsonValue* tags = f.list("Tags")) {
    for (const auto& element : tags->GetArray()) {
      Fields t(expect_structure(element));
      r.tags.emplace_back(t.string("Key").value_or(""), t.string("Value").value_or(""));
    }
  }
  r.deletion_protection = f.boolean("DeletionProtectionEnabled").value_or(false);
  return r;
}

void check_constraints(const Fields& f, RawCreateTable& r) {
  Violations v;
  r.stream = read_stream_spec(f, v, "streamSpecification");
  check_definitions(v, r.definitions, "attributeDefinitions", /*required=*/true);
  check_table_name(v, r.table_name, "tableName", true);
  check_key_schema(v, r.key_schema, "keySchema", true);
  check_throughput(v, r.throughput, "provisionedThroughput");
  if (r.billing_mode && *r.billing_mode != "PROVISIONED" && *r.billing_mode != "PAY_PER_REQUEST") {
    v.add(*r.billing_mode, "billingMode",
          "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  }
  check_indexes(v, r.local_indexes, "localSecondaryIndexes");
  check_indexes(v, r.global_indexes, "globalSecondaryIndexes", kMaxGlobalIndexKeyElements);
  v.raise_if_any();
}

[[noreturn]] void invalid(const std::string& message) { throw ApiError::validation(message); }

void check_billing(const RawCreateTable& r) {
  bool on_demand = r.billing_mode && *r.billing_mode == "PAY_PER_REQUEST";
  if (on_demand && r.throughput) {
    invalid(std::string(kInvalid) +
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
            "is PAY_PER_REQUEST");
  }
  if (!on_demand && !r.throughput) {
    invalid(std::string(kInvalid) +
            "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
            "PROVISIONED");
  }
  if (r.throughput) {
    if (*r.throughput->read_units > kMaxUnits) {
      invalid("Given value " + std::to_string(*r.throughput->read_units) +
              " for ReadCapacityUnits is out of bounds");
    }
    if (*r.throughput->write_units > kMaxUnits) {
      invalid("Given value " + std::to_string(*r.throughput->write_units) +
              " for WriteCapacityUnits is out of bounds");
    }
  }
}

void check_local_indexes(const RawCreateTable& r, const std::vector<std::string>& defs,
                         std::set<std::string>& index_names) {
  const auto& indexes = *r.local_indexes;
  if (indexes.empty()) {
    invalid(std::string(kInvalid) + "List of LocalSecondaryIndexes is empty");
  }
  if (r.key_schema->size() != 2) {
    invalid(std::string(kInvalid) +
            "Table KeySchema does not have a range key, which is required when specifying a "
            "LocalSecondaryIndex");
  }
  const std::string& table_hash = *(*r.key_schema)[0].name;
  for (const auto& index : indexes) {
    check_defined(raw_key_names(*index.key_schema), defs);
    check_key_order(*index.key_schema);
    if (index.key_schema->size() != 2) {
      invalid(std::string(kInvalid) +
              "Index KeySchema does not have a range key for index: " + *index.name);
    }
    const std::string& index_hash = *(*index.key_schema)[0].name;
    if (index_hash != table_hash) {
      invalid(std::string(kInvalid) +
              "Index KeySchema does not have the same leading hash key as table KeySchema for "
              "index: " +
              *index.name + ". index hash key: " + index_hash + ", table hash key: " + table_hash);
    }
    check_projection(index);
    if (!index_names.insert(*index.name).second) {
      invalid(std::string(kInvalid) + "Duplicate index name: " + *index.name);
    }
  }
  if (indexes.size() > kMaxLocalIndexes) {
    invalid(std::string(kInvalid) + "LocalSecondaryIndex count exceeds the per-table limit of 5");
  }
}

void check_global_indexes(const RawCreateTable& r, const std::vector<std::string>& defs,
                          std::set<std::string>& index_names) {
  const auto& indexes = *r.global_indexes;
  if (indexes.empty()) {
    invalid(std::string(kInvalid) + "List of GlobalSecondaryIndexes is empty");
  }
  bool on_demand = r.billing_mode && *r.billing_mode == "PAY_PER_REQUEST";
  for (const auto& index : indexes) {
    check_defined(raw_key_names(*index.key_schema), defs);
    check_global_key_schema(*index.key_schema, *index.name);
    check_projection(index);
    if (!index_names.insert(*index.name).second) {
      invalid(std::string(kInvalid) + "Duplicate index name: " + *index.name);
    }
    if (on_demand && index.throughput) {
      invalid(std::string(kInvalid) + "ProvisionedThroughput should not be specified for index: " +
              *index.name + " when BillingMode is PAY_PER_REQUEST");
    }
    if (!on_demand && !index.throughput) {
      invalid(std::string(kInvalid) +
              "ProvisionedThroughput must be specified for index: " + *index.name);
    }
  }
  if (indexes.size() > kMaxGlobalIndexes) {
    invalid(std::string(kInvalid) + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }
}

// Every attribute definition must be used by some key, and every key must be defined.
void check_definitions_used(const RawCreateTable& r, const std::vector<std::string>& defs) {
  std::set<std::string> used;
  for (const auto& key : *r.key_schema) {
    used.insert(*key.name);
  }
  for (const auto* indexes : {&r.local_indexes, &r.global_indexes}) {
    if (*indexes) {
      for (const auto& index : **indexes) {
        for (const auto& key : *index.key_schema) {
          used.insert(*key.name);
        }
      }
    }
  }
  std::set<std::string> defined(defs.begin(), defs.end());
  if (defined.size() != defs.size()) {
    invalid(std::string(kInvalid) + "Duplicate AttributeName found in AttributeDefinitions");
  }
  if (used == defined) {
    return;
  }
  if (!r.local_indexes && !r.global_indexes) {
    invalid(std::string(kInvalid) +
            "Number of attributes in KeySchema does not exactly match number of attributes "
            "defined in AttributeDefinitions");
  }
  invalid(std::string(kInvalid) + "Some AttributeDefinitions are not used. AttributeDefinitions: " +
          names_list(defs) + ", keys used: " + names_list({used.begin(), used.end()}));
}

size_t projected_attribute_count(const RawCreateTable& r) {
  size_t count = 0;
  for (const auto* indexes : {&r.local_indexes, &r.global_indexes}) {
    for (const RawIndex& index : indexes->value_or(std::vector<RawIndex>{})) {
      count += index.non_key_attributes ? index.non_key_attributes->size() : 0;
    }
  }
  return count;
}

void check_schema(const RawCreateTable& r) {
  std::vector<std::string> defs;
  for (const auto& def : *r.definitions) {
    defs.push_back(*def.name);
  }
  std::vector<std::string> keys = raw_key_names(*r.key_schema);
  if (keys.size() == 2 && keys[0] == keys[1]) {
    invalid("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  for (const auto& key : keys) {
    if (std::find(defs.begin(), defs.end(), key) == defs.end()) {
      if (keys.size() == 2) {
        invalid("Invalid KeySchema: Some index key attribute have no definition");
      }
      invalid(std::string(kInvalid) +
              "Some index key attributes are not defined in AttributeDefinitions. Keys: " +
              names_list(keys) + ", AttributeDefinitions: " + names_list(defs));
    }
  }
  check_key_order(*r.key_schema);
  std::set<std::string> index_names;
  if (r.local_indexes) {
    check_local_indexes(r, defs, index_names);
  }
  if (r.global_indexes) {
    check_global_indexes(r, defs, index_names);
  }
  check_projected_total(projected_attribute_count(r));
  check_definitions_used(r, defs);
}

std::vector<storage::IndexDefinition> to_indexes(const std::optional<std::vector<RawIndex>>& raw,
                                                 bool global) {
  std::vector<storage::IndexDefinition> indexes;
  for (const RawIndex& index : raw.value_or(std::vector<RawIndex>{})) {
    indexes.push_back(to_index(index, global));
  }
  return indexes;
}

std::string random_uuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string uuid;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) {
      uuid.push_back('-');
    }
    uuid.push_back(hex[rng() & 15]);
  }
  return uuid;
}

storage::TableInfo build_table(const RawCreateTable& r) {
  storage::TableInfo t;
  t.name = *r.table_name;
  for (const auto& def : *r.definitions) {
    t.attribute_definitions.push_back({*def.name, to_value_type(*def.type)});
  }
  t.key_schema = to_key_schema(*r.key_schema);
  bool on_demand = r.billing_mode && *r.billing_mode == "PAY_PER_REQUEST";
  t.billing_mode =
      on_demand ? storage::BillingMode::kPayPerRequest : storage::BillingMode::kProvisioned;
  if (r.throughput) {
    t.throughput = to_throughput(*r.throughput);
  }
  t.local_indexes = to_indexes(r.local_indexes, false);
  t.global_indexes = to_indexes(r.global_indexes, true);
  t.tags = r.tags;
  t.deletion_protection = r.deletion_protection;
  t.stream_enabled = r.stream && r.stream->enabled;
  if (t.stream_enabled) {
    t.stream_view_type = *r.stream->view_type;
  }
  return t;
}

}  // namespace

CreateTableRequest parse_create_table(const JsonValue& json) {
  RawCreateTable r = read_request(json);
  check_constraints(Fields(json), r);
  if (r.stream) {
    check_create_stream_spec(*r.stream);
  }
  check_billing(r);
  check_schema(r);
  return CreateTableRequest{build_table(r)};
}

void create_table(OpContext& ctx, CreateTableRequest request, Then<TableDescriptionResult> then) {
  auto proto = std::make_shared<storage::TableInfo>(std::move(request.table));
  proto->table_uuid = random_uuid();
  proto->created_ms = ctx.now_ms();
  proto->billing_mode_changed_ms = proto->created_ms;
  proto->status = storage::TableStatus::kCreating;
  proto->status_settles_ms = proto->created_ms + ctx.options.status_delay.count();
  auto created = std::make_shared<storage::TablePtr>();
  ctx.store.write(
      [proto, created](storage::WriteTxn& txn) {
        if (txn.live_table(proto->name)) {
          throw ApiError::resource_in_use("Table already exists: " + proto->name);
        }
        auto table = std::make_shared<storage::TableInfo>(*proto);
        table->id = txn.allocate_table_id();
        for (auto& index : table->local_indexes) {
          index.index_id = txn.allocate_table_id();
        }
        for (auto& index : table->global_indexes) {
          index.index_id = txn.allocate_table_id();
        }
        if (proto->stream_enabled) {
          enable_table_stream(txn, *table, proto->stream_view_type, proto->created_ms);
        }
        txn.save_table(table);
        *created = table;
      },
      answer_then(std::move(then), [&ctx, created]() {
        return TableDescriptionResult{describe_table_as_of(ctx, *created, (*created)->created_ms)};
      }));
}

}  // namespace protocol::ops
