#include "protocol/wire/fields.h"
#include "protocol/ops/ops.h"

namespace protocol::ops {

namespace {
constexpr int64_t kMaxLimit = 100;
}

void list_tables(OpContext& ctx, const JsonValue& request, Completion done) {
  Fields f(request);
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

  auto tables = ctx.store.catalog().all();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, "TableNames");
  w.StartArray();
  int64_t max = limit.value_or(kMaxLimit);
  int64_t written = 0;
  std::string last;
  bool more = false;
  for (const auto& table : tables) {
    if (start && table->name <= *start) {
      continue;
    }
    if (written == max) {
      more = true;
      break;
    }
    write_string(w, table->name);
    last = table->name;
    ++written;
  }
  w.EndArray();
  if (more) {
    write_key(w, "LastEvaluatedTableName");
    write_string(w, last);
  }
  w.EndObject();
  done(ok_reply(buffer));
}

}  // namespace protocol::ops
