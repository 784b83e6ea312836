#include "protocol/transact/capacity.h"

namespace protocol::transact {

Consumed& capacity_of(std::vector<TableCapacity>& tables, std::string_view table_name) {
  for (auto& table : tables) {
    if (table.table_name == table_name) {
      return table.consumed;
    }
  }
  tables.push_back(TableCapacity{std::string(table_name), {}});
  return tables.back().consumed;
}

void write_transact_capacity(JsonWriter& w, CapacityMode mode, CapacityAxis axis,
                             const std::vector<TableCapacity>& tables) {
  if (mode == CapacityMode::kNone) {
    return;
  }
  write_key(w, "ConsumedCapacity");
  w.StartArray();
  for (const auto& table : tables) {
    w.StartObject();
    write_capacity_members(w, mode, table.table_name, table.consumed, axis);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace protocol::transact
