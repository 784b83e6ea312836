// Sources, cited as in DYNAMODB_MESSAGES.md: [DYNX] dynoxide's update_table.rs (kept in step with
// live captures), [DL] dynalite, [CONF] the conformance suite (tier2/updateTable/gsi.test.ts).

#include "protocol/tables/gsi_updates.h"

#include <algorithm>
#include <set>

#include "protocol/error.h"
#include "protocol/tables/index_schema.h"

namespace protocol {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";
constexpr size_t kMaxGlobalIndexes = 20;

std::optional<std::string> opt(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

RawGsiUpdate read_update(const JsonValue& element, const std::string& prefix, Violations& v) {
  Fields u(expect_structure(element));
  RawGsiUpdate raw;
  if (const JsonValue* create = u.structure("Create")) {
    raw.create = read_index(Fields(*create));
    check_index(v, *raw.create, prefix + ".create", kMaxGlobalIndexKeyElements);
  }
  if (const JsonValue* update = u.structure("Update")) {
    Fields fields(*update);
    raw.has_update = true;
    raw.update_name = opt(fields.string("IndexName"));
    raw.update_throughput = read_throughput(fields, "ProvisionedThroughput");
    check_table_name(v, raw.update_name, prefix + ".update.indexName", true);
    if (!raw.update_throughput) {
      v.add(std::nullopt, prefix + ".update.provisionedThroughput", "Member must not be null");
    }
    check_throughput(v, raw.update_throughput, prefix + ".update.provisionedThroughput");
  }
  if (const JsonValue* del = u.structure("Delete")) {
    raw.has_delete = true;
    raw.delete_name = opt(Fields(*del).string("IndexName"));
    check_table_name(v, raw.delete_name, prefix + ".delete.indexName", true);
  }
  return raw;
}

const std::string& index_name(const RawGsiUpdate& raw) {
  return raw.create ? *raw.create->name : raw.has_update ? *raw.update_name : *raw.delete_name;
}

storage::IndexDefinition* find_global(storage::TableInfo& table, const std::string& name) {
  for (storage::IndexDefinition& index : table.global_indexes) {
    if (index.name == name) {
      return &index;
    }
  }
  return nullptr;
}

size_t projected_attributes(const storage::TableInfo& table) {
  size_t count = 0;
  for (const storage::IndexDefinition* index : table.all_indexes()) {
    count += index->projection.non_key_attributes.size();
  }
  return count;
}

void check_index_throughput(const storage::TableInfo& table, const RawIndex& raw) {
  bool on_demand = table.billing_mode == storage::BillingMode::kPayPerRequest;
  if (on_demand && raw.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "ProvisionedThroughput should not be specified for index: " +
                               *raw.name + " when BillingMode is PAY_PER_REQUEST");
  }
  if (!on_demand && !raw.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "ProvisionedThroughput must be specified for index: " + *raw.name);
  }
}

// The new index's key attributes must be declared in this request's AttributeDefinitions, even
// when the table already defines them; an attribute already defined keeps its type ([DYNX]).
void add_definitions(const GsiUpdates& updates, const RawIndex& raw, storage::TableInfo& table) {
  std::vector<std::string> declared;
  for (const RawDefinition& def : updates.definitions.value_or(std::vector<RawDefinition>{})) {
    declared.push_back(*def.name);
  }
  check_defined(raw_key_names(*raw.key_schema), declared);
  for (const RawDefinition& def : *updates.definitions) {
    if (table.attribute_type(*def.name) == nullptr) {
      table.attribute_definitions.push_back({*def.name, to_value_type(*def.type)});
    }
  }
}

void create_index(const GsiUpdates& updates, const RawIndex& raw, storage::TableInfo& table,
                  storage::WriteTxn& txn) {
  if (table.find_index(*raw.name) != nullptr) {
    throw ApiError::validation(std::string(kInvalid) + "Index already exists: " + *raw.name);
  }
  if (table.global_indexes.size() >= kMaxGlobalIndexes) {
    throw ApiError::validation(std::string(kInvalid) +
                               "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }
  add_definitions(updates, raw, table);
  check_global_key_schema(*raw.key_schema, *raw.name);
  check_projection(raw);
  check_index_throughput(table, raw);
  check_projected_total(projected_attributes(table) +
                        raw.non_key_attributes.value_or(std::vector<std::string>{}).size());
  storage::IndexDefinition index = to_index(raw, /*global=*/true);
  index.index_id = txn.allocate_table_id();
  index.status = storage::IndexStatus::kCreating;  // until the writer has backfilled it
  table.global_indexes.push_back(index);
  txn.start_backfill(table.id, index.index_id);
}

void update_index(const RawGsiUpdate& raw, storage::TableInfo& table, int64_t now, int64_t delay) {
  storage::IndexDefinition* index = find_global(table, *raw.update_name);
  if (index == nullptr) {
    // [DYNX], [DL]
    throw ApiError::validation(
        "This operation cannot be performed with given input values. Please contact DynamoDB "
        "service team for more info: Action Blocked: IndexUpdate");
  }
  if (table.billing_mode == storage::BillingMode::kPayPerRequest) {
    throw ApiError::validation(std::string(kInvalid) +
                               "ProvisionedThroughput should not be specified for index: " +
                               index->name + " when BillingMode is PAY_PER_REQUEST");
  }
  index->throughput = changed_throughput(index->throughput.value_or(storage::Throughput{}),
                                         *raw.update_throughput, now);
  index->status = storage::IndexStatus::kUpdating;
  index->status_settles_ms = now + delay;
}

void delete_index(const std::string& name, storage::TableInfo& table, storage::WriteTxn& txn) {
  storage::IndexDefinition* index = find_global(table, name);
  if (index == nullptr) {
    throw ApiError::resource_not_found("Requested resource not found: Index " + name +
                                       " for table " + table.name);
  }
  txn.drop_index(index->index_id);
  table.global_indexes.erase(table.global_indexes.begin() + (index - table.global_indexes.data()));
}

// AttributeDefinitions hold exactly the attributes some key uses: one orphaned by a dropped index
// goes ([DYNX], verified against DynamoDB).
void drop_unused_definitions(storage::TableInfo& table) {
  std::set<std::string> used;
  for (const auto& key : table.key_schema) {
    used.insert(key.name);
  }
  for (const storage::IndexDefinition* index : table.all_indexes()) {
    for (const auto& key : index->key_schema) {
      used.insert(key.name);
    }
  }
  std::erase_if(table.attribute_definitions,
                [&](const storage::AttributeDefinition& def) { return !used.contains(def.name); });
}

}  // namespace

GsiUpdates read_gsi_updates(const Fields& f, Violations& v) {
  GsiUpdates out;
  out.definitions = read_definitions(f, "AttributeDefinitions");
  check_definitions(v, out.definitions, "attributeDefinitions", /*required=*/false);
  if (const JsonValue* list = f.list("GlobalSecondaryIndexUpdates")) {
    out.updates.emplace();
    for (const auto& element : list->GetArray()) {
      std::string prefix =
          "globalSecondaryIndexUpdates." + std::to_string(out.updates->size() + 1) + ".member";
      out.updates->push_back(read_update(element, prefix, v));
    }
  }
  return out;
}

void check_gsi_update_shape(const GsiUpdates& updates) {
  if (!updates.updates) {
    return;
  }
  std::set<std::string> names;
  for (const RawGsiUpdate& raw : *updates.updates) {
    int actions = (raw.create ? 1 : 0) + (raw.has_update ? 1 : 0) + (raw.has_delete ? 1 : 0);
    if (actions != 1) {
      // [DYNX] for none; ddbd words several the same way.
      throw ApiError::validation(std::string(kInvalid) +
                                 "One of GlobalSecondaryIndexUpdate.Update, "
                                 "GlobalSecondaryIndexUpdate.Create, "
                                 "GlobalSecondaryIndexUpdate.Delete must not be null");
    }
    if (!names.insert(index_name(raw)).second) {
      throw ApiError::validation(std::string(kInvalid) +
                                 "Only one global secondary index update per index is allowed "
                                 "simultaneously. Index: " +
                                 index_name(raw));
    }
  }
}

bool apply_gsi_updates(const GsiUpdates& updates, storage::TableInfo& table, storage::WriteTxn& txn,
                       int64_t now, int64_t delay) {
  if (!updates.any()) {
    return false;
  }
  size_t online = std::count_if(updates.updates->begin(), updates.updates->end(),
                                [](const RawGsiUpdate& raw) { return !raw.has_update; });
  if (online > 1) {
    // [DL], [DYNX]
    throw ApiError::limit_exceeded(
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
        "per table");
  }
  for (const RawGsiUpdate& raw : *updates.updates) {
    if (raw.create) {
      create_index(updates, *raw.create, table, txn);
    } else if (raw.has_update) {
      update_index(raw, table, now, delay);
    } else {
      delete_index(*raw.delete_name, table, txn);
    }
  }
  drop_unused_definitions(table);
  return online > 0;
}

}  // namespace protocol
