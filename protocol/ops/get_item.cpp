#include "protocol/items/capacity.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/projection_request.h"
#include "protocol/ops/ops.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol::ops {

void get_item(OpContext& ctx, const JsonValue& request, Completion done) {
  Fields f(request);
  Violations v;
  std::optional<storage::Item> key = read_attribute_map_member(f, "Key", "key", v);
  ItemRequestCommon common = read_item_request_common(f, v);
  bool consistent = f.boolean("ConsistentRead").value_or(false);
  v.raise_if_any();
  ExpressionMembers members =
      read_expression_members(f, {"ProjectionExpression"}, {"AttributesToGet"});
  expr::Resolver resolver(members.attributes);
  std::optional<expr::Projection> projection = read_projection(f, members, resolver);
  resolver.check_all_used();
  storage::TablePtr table = ctx.table_for_items(common.table_name);
  validate_key(*table, *key);

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  size_t bytes = 0;
  // The item is serialised inside the read transaction: nothing is copied out of LMDB twice.
  ctx.store.read([&](const storage::ReadTxn& txn) {
    if (auto item = txn.get_item(*table, *key)) {
      bytes = storage::item_size(*item);
      write_key(w, "Item");
      write_attribute_map(w, projection ? expr::project(*item, *projection) : *item);
    }
  });
  write_consumed_capacity(w, common.capacity, table->name, read_units(bytes, consistent));
  w.EndObject();
  done(ok_reply(buffer));
}

}  // namespace protocol::ops
