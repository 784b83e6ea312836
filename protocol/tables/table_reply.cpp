#include "protocol/tables/table_reply.h"

#include "protocol/error.h"
#include "protocol/wire/fields.h"
#include "protocol/tables/table_json.h"

namespace protocol::ops {

Reply table_reply(const OpContext& ctx, std::string_view member, const storage::TableInfo& table,
                  int64_t now_ms) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, member);
  write_table_description(w, ctx, table, now_ms);
  w.EndObject();
  return ok_reply(buffer);
}

storage::TablePtr require_table(const OpContext& ctx, std::string_view name) {
  storage::TablePtr table = ctx.store.catalog().find(name);
  if (!table) {
    throw ApiError::resource_not_found("Requested resource not found: Table: " +
                                       std::string(name) + " not found");
  }
  return table;
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
