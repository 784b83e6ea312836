#include "protocol/items/capacity.h"

namespace protocol {

CapacityMode read_capacity_mode(const Fields& f, Violations& v) {
  auto mode = f.string("ReturnConsumedCapacity");
  if (!mode || *mode == "NONE") {
    return CapacityMode::kNone;
  }
  if (*mode == "TOTAL") {
    return CapacityMode::kTotal;
  }
  if (*mode == "INDEXES") {
    return CapacityMode::kIndexes;
  }
  v.add(*mode, "returnConsumedCapacity",
        "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  return CapacityMode::kNone;
}

bool read_collection_metrics(const Fields& f, Violations& v) {
  auto metrics = f.string("ReturnItemCollectionMetrics");
  if (metrics && *metrics != "SIZE" && *metrics != "NONE") {
    v.add(*metrics, "returnItemCollectionMetrics",
          "Member must satisfy enum value set: [SIZE, NONE]");
  }
  return metrics && *metrics == "SIZE";
}

void write_collection_metrics(JsonWriter& w, bool asked) {
  if (asked) {
    write_key(w, "ItemCollectionMetrics");
    w.StartObject();
    w.EndObject();
  }
}

double write_units(size_t item_bytes) {
  size_t units = (item_bytes + 1023) / 1024;
  return static_cast<double>(units == 0 ? 1 : units);
}

double read_units(size_t item_bytes, bool consistent) {
  size_t units = (item_bytes + 4095) / 4096;
  double full = static_cast<double>(units == 0 ? 1 : units);
  return consistent ? full : full / 2;
}

double Consumed::total() const {
  double sum = table;
  for (const auto* arm : {&global_indexes, &local_indexes}) {
    for (const auto& [name, units] : *arm) {
      sum += units;
    }
  }
  return sum;
}

void Consumed::add_index(const std::string& name, bool global, double units) {
  (global ? global_indexes : local_indexes)[name] += units;
}

void Consumed::add_index_writes(const storage::IndexWrites& writes) {
  for (const storage::IndexWrite& write : writes) {
    add_index(write.index_name, write.global, write_units(write.bytes));
  }
}

namespace {

// "CapacityUnits": u, and the axis' units when there is one.
void write_units(JsonWriter& w, double units, CapacityAxis axis) {
  write_key(w, "CapacityUnits");
  w.Double(units);
  if (axis != CapacityAxis::kNone) {
    write_key(w, axis == CapacityAxis::kRead ? "ReadCapacityUnits" : "WriteCapacityUnits");
    w.Double(units);
  }
}

void write_units_object(JsonWriter& w, std::string_view key, double units, CapacityAxis axis) {
  write_key(w, key);
  w.StartObject();
  write_units(w, units, axis);
  w.EndObject();
}

void write_index_arm(JsonWriter& w, std::string_view key, const std::map<std::string, double>& arm,
                     CapacityAxis axis) {
  if (arm.empty()) {
    return;
  }
  write_key(w, key);
  w.StartObject();
  for (const auto& [name, units] : arm) {
    write_units_object(w, name, units, axis);
  }
  w.EndObject();
}

}  // namespace

void write_capacity_members(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                            const Consumed& consumed, CapacityAxis axis) {
  write_key(w, "TableName");
  write_string(w, table_name);
  write_units(w, consumed.total(), axis);
  if (mode == CapacityMode::kIndexes) {
    write_units_object(w, "Table", consumed.table, axis);
    write_index_arm(w, "LocalSecondaryIndexes", consumed.local_indexes, axis);
    write_index_arm(w, "GlobalSecondaryIndexes", consumed.global_indexes, axis);
  }
}

void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             const Consumed& consumed) {
  if (mode == CapacityMode::kNone) {
    return;
  }
  write_key(w, "ConsumedCapacity");
  w.StartObject();
  write_capacity_members(w, mode, table_name, consumed);
  w.EndObject();
}

void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             double units) {
  write_consumed_capacity(w, mode, table_name, Consumed{units, {}, {}});
}

void write_consumed_capacity(JsonWriter& w, const ConsumedCapacity& capacity) {
  write_consumed_capacity(w, capacity.mode, capacity.table_name, capacity.consumed);
}

}  // namespace protocol
