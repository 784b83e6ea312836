#include "protocol/capacity.h"

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
  v.add(*mode, "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
  return CapacityMode::kNone;
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

void write_consumed_capacity(JsonWriter& w, CapacityMode mode, std::string_view table_name,
                             double units) {
  if (mode == CapacityMode::kNone) {
    return;
  }
  write_key(w, "ConsumedCapacity");
  w.StartObject();
  write_key(w, "TableName");
  write_string(w, table_name);
  write_key(w, "CapacityUnits");
  w.Double(units);
  if (mode == CapacityMode::kIndexes) {
    write_key(w, "Table");
    w.StartObject();
    write_key(w, "CapacityUnits");
    w.Double(units);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace protocol
