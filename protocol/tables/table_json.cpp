#include "protocol/tables/table_json.h"

#include "protocol/streams/stream_names.h"
#include "protocol/tables/stream_spec.h"
#include "storage/value.h"

namespace protocol {

namespace {

using storage::TableInfo;

std::string_view status_name(storage::TableStatus status) {
  switch (status) {
    case storage::TableStatus::kCreating:
      return "CREATING";
    case storage::TableStatus::kActive:
      return "ACTIVE";
    case storage::TableStatus::kUpdating:
      return "UPDATING";
    case storage::TableStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

void write_time(JsonWriter& w, std::string_view key, int64_t ms) {
  write_key(w, key);
  w.Double(static_cast<double>(ms) / 1000.0);
}

void write_throughput(JsonWriter& w, const storage::Throughput& t) {
  write_key(w, "ProvisionedThroughput");
  w.StartObject();
  if (t.last_increase_ms > 0) {
    write_time(w, "LastIncreaseDateTime", t.last_increase_ms);
  }
  if (t.last_decrease_ms > 0) {
    write_time(w, "LastDecreaseDateTime", t.last_decrease_ms);
  }
  write_key(w, "NumberOfDecreasesToday");
  w.Int64(t.decreases_today);
  write_key(w, "ReadCapacityUnits");
  w.Int64(t.read_units);
  write_key(w, "WriteCapacityUnits");
  w.Int64(t.write_units);
  w.EndObject();
}

void write_projection(JsonWriter& w, const storage::Projection& p) {
  write_key(w, "Projection");
  w.StartObject();
  write_key(w, "ProjectionType");
  write_string(w, p.type == storage::ProjectionType::kAll        ? "ALL"
                  : p.type == storage::ProjectionType::kKeysOnly ? "KEYS_ONLY"
                                                                 : "INCLUDE");
  if (!p.non_key_attributes.empty()) {
    write_key(w, "NonKeyAttributes");
    w.StartArray();
    for (const auto& name : p.non_key_attributes) {
      write_string(w, name);
    }
    w.EndArray();
  }
  w.EndObject();
}

std::string_view index_status_name(const TableInfo& table, const storage::IndexDefinition& index,
                                   int64_t now_ms) {
  if (table.status_at(now_ms) == storage::TableStatus::kCreating) {
    return "CREATING";  // GSIs defined at CreateTable are created with the table
  }
  switch (index.status_at(now_ms)) {
    case storage::IndexStatus::kCreating:
      return "CREATING";
    case storage::IndexStatus::kUpdating:
      return "UPDATING";
    case storage::IndexStatus::kActive:
      return "ACTIVE";
  }
  return "ACTIVE";
}

void write_index_status(JsonWriter& w, const TableInfo& table,
                        const storage::IndexDefinition& index, int64_t now_ms) {
  write_key(w, "IndexStatus");
  write_string(w, index_status_name(table, index, now_ms));
  if (index.backfilling()) {
    write_key(w, "Backfilling");
    w.Bool(true);
  }
}

void write_indexes(JsonWriter& w, const TableDescription& d, bool global) {
  const TableInfo& table = *d.table;
  const auto& indexes = global ? table.global_indexes : table.local_indexes;
  if (indexes.empty()) {
    return;
  }
  write_key(w, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
  w.StartArray();
  for (const auto& index : indexes) {
    auto counts = d.index_counts.find(index.index_id);
    const TableCounts index_counts =
        counts == d.index_counts.end() ? TableCounts{} : counts->second;
    w.StartObject();
    write_key(w, "IndexName");
    write_string(w, index.name);
    write_key_schema(w, index.key_schema);
    write_projection(w, index.projection);
    if (global) {
      write_index_status(w, table, index, d.as_of_ms);
      write_throughput(w, index.throughput.value_or(storage::Throughput{}));
    }
    write_key(w, "IndexSizeBytes");
    w.Int64(index_counts.size_bytes);
    write_key(w, "ItemCount");
    w.Int64(index_counts.item_count);
    write_key(w, "IndexArn");
    write_string(w, d.arn + "/index/" + index.name);
    w.EndObject();
  }
  w.EndArray();
}

void write_attribute_definitions(JsonWriter& w, const TableInfo& table) {
  write_key(w, "AttributeDefinitions");
  w.StartArray();
  for (const auto& def : table.attribute_definitions) {
    w.StartObject();
    write_key(w, "AttributeName");
    write_string(w, def.name);
    write_key(w, "AttributeType");
    write_string(w, storage::type_name(def.type));
    w.EndObject();
  }
  w.EndArray();
}

void write_billing_summary(JsonWriter& w, const TableInfo& table) {
  write_key(w, "BillingModeSummary");
  w.StartObject();
  write_key(w, "BillingMode");
  bool on_demand = table.billing_mode == storage::BillingMode::kPayPerRequest;
  write_string(w, on_demand ? "PAY_PER_REQUEST" : "PROVISIONED");
  if (on_demand) {
    write_time(w, "LastUpdateToPayPerRequestDateTime", table.billing_mode_changed_ms);
  }
  w.EndObject();
}

// StreamSpecification while a stream is enabled; the latest stream's ARN and label stay after it
// is disabled, as DynamoDB shows them.
void write_stream(JsonWriter& w, const TableInfo& table, const std::string& table_arn) {
  if (table.stream_enabled) {
    write_key(w, "StreamSpecification");
    w.StartObject();
    write_key(w, "StreamEnabled");
    w.Bool(true);
    write_key(w, "StreamViewType");
    write_string(w, stream_view_type_name(table.stream_view_type));
    w.EndObject();
  }
  if (table.latest_stream_id != 0) {
    write_key(w, "LatestStreamLabel");
    write_string(w, streams::stream_label(table.latest_stream_created_ms));
    write_key(w, "LatestStreamArn");
    write_string(w, streams::stream_arn(table_arn, table.latest_stream_created_ms));
  }
}

TableCounts counts_of(const storage::Catalog& catalog, uint32_t id) {
  auto stats = catalog.stats(id);
  return stats ? TableCounts{stats->item_count.load(), stats->size_bytes.load()} : TableCounts{};
}

}  // namespace

void write_key_schema(JsonWriter& w, const std::vector<storage::KeySchemaElement>& keys) {
  write_key(w, "KeySchema");
  w.StartArray();
  for (const auto& key : keys) {
    w.StartObject();
    write_key(w, "AttributeName");
    write_string(w, key.name);
    write_key(w, "KeyType");
    write_string(w, key.key_type == storage::KeyType::kHash ? "HASH" : "RANGE");
    w.EndObject();
  }
  w.EndArray();
}

TableDescription describe_table_as_of(const OpContext& ctx, storage::TablePtr table,
                                      int64_t as_of_ms) {
  TableDescription d;
  d.as_of_ms = as_of_ms;
  d.arn = ctx.table_arn(table->name);
  const storage::Catalog& catalog = ctx.store.catalog();
  d.counts = counts_of(catalog, table->id);
  for (const storage::IndexDefinition* index : table->all_indexes()) {
    d.index_counts[index->index_id] = counts_of(catalog, index->index_id);
  }
  d.table = std::move(table);
  return d;
}

void write_table_description(JsonWriter& w, const TableDescription& d) {
  const TableInfo& table = *d.table;
  const int64_t now_ms = d.as_of_ms;
  w.StartObject();
  write_attribute_definitions(w, table);
  write_key(w, "TableName");
  write_string(w, table.name);
  write_key_schema(w, table.key_schema);
  write_key(w, "TableStatus");
  write_string(w, status_name(table.status_at(now_ms)));
  write_time(w, "CreationDateTime", table.created_ms);
  write_throughput(w, table.throughput);
  write_key(w, "TableSizeBytes");
  w.Int64(d.counts.size_bytes);
  write_key(w, "ItemCount");
  w.Int64(d.counts.item_count);
  write_key(w, "TableArn");
  write_string(w, d.arn);
  write_key(w, "TableId");
  write_string(w, table.table_uuid);
  write_billing_summary(w, table);
  write_indexes(w, d, false);
  write_indexes(w, d, true);
  write_stream(w, table, d.arn);
  write_key(w, "DeletionProtectionEnabled");
  w.Bool(table.deletion_protection);
  w.EndObject();
}

}  // namespace protocol
