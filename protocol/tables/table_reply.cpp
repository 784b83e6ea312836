#include "protocol/tables/table_reply.h"

#include "protocol/error.h"
#include "protocol/wire/fields.h"

namespace protocol::ops {

void write_table_description_result(JsonWriter& w, const TableDescriptionResult& result) {
  write_key(w, "TableDescription");
  write_table_description(w, result.description);
}

storage::TablePtr require_table(const OpContext& ctx, std::string_view name) {
  storage::TablePtr table = ctx.store.catalog().find(name);
  if (!table) {
    table_not_found(name);
  }
  return table;
}

void table_not_found(std::string_view name) {
  throw ApiError::resource_not_found("Requested resource not found: Table: " + std::string(name) +
                                     " not found");
}

std::string read_table_name(const JsonValue& request) {
  Fields f(request);
  std::optional<std::string_view> name = require_table_name(f);
  Violations v;
  check_table_name(v, name, "tableName", true);
  v.raise_if_any();
  return std::string(*name);
}

}  // namespace protocol::ops
