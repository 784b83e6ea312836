#include "protocol/ops/list_tables.h"

#include "protocol/wire/fields.h"

namespace protocol::ops {

namespace {
constexpr int64_t kMaxLimit = 100;
}

ListTablesRequest parse_list_tables(const JsonValue& json) {
  Fields f(json);
  auto start = f.string("ExclusiveStartTableName");
  auto limit = f.integer("Limit");
  Violations v;
  check_table_name(v, start, "exclusiveStartTableName", false);
  if (limit && *limit < 1) {
    v.add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
  }
  if (limit && *limit > kMaxLimit) {
    v.add(std::to_string(*limit), "limit", "Member must have value less than or equal to 100");
  }
  v.raise_if_any();
  ListTablesRequest r;
  if (start) {
    r.exclusive_start = std::string(*start);
  }
  r.limit = limit.value_or(kMaxLimit);
  return r;
}

ListTablesResult list_tables(OpContext& ctx, const ListTablesRequest& request) {
  ListTablesResult result;
  for (const auto& table : ctx.store.catalog().all()) {
    if (request.exclusive_start && table->name <= *request.exclusive_start) {
      continue;
    }
    if (static_cast<int64_t>(result.names.size()) == request.limit) {
      result.last_evaluated = result.names.back();
      break;
    }
    result.names.push_back(table->name);
  }
  return result;
}

void write_list_tables(JsonWriter& w, const ListTablesResult& result) {
  write_key(w, "TableNames");
  w.StartArray();
  for (const std::string& name : result.names) {
    write_string(w, name);
  }
  w.EndArray();
  if (result.last_evaluated) {
    write_key(w, "LastEvaluatedTableName");
    write_string(w, *result.last_evaluated);
  }
}

}  // namespace protocol::ops
