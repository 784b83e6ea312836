#include "protocol/ops/get_item.h"

#include "protocol/items/expression_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/projection_request.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol::ops {

GetItemRequest parse_get_item(const JsonValue& json) {
  Fields f(json);
  Violations v;
  std::optional<storage::Item> key = read_attribute_map_member(f, "Key", "key", v);
  GetItemRequest r;
  r.common = read_item_request_common(f, v);
  r.consistent = f.boolean("ConsistentRead").value_or(false);
  v.raise_if_any();
  r.key = std::move(*key);
  ExpressionMembers members =
      read_expression_members(f, {"ProjectionExpression"}, {"AttributesToGet"});
  expr::Resolver resolver(members.attributes);
  r.projection = read_projection(f, members, resolver);
  resolver.check_all_used();
  return r;
}

GetItemResult get_item(OpContext& ctx, const GetItemRequest& request) {
  storage::TablePtr table = ctx.table_for_items(request.common.table_name);
  validate_key(*table, request.key);
  GetItemResult result;
  size_t bytes = 0;
  ctx.store.read(
      [&](const storage::ReadTxn& txn) { result.item = txn.get_item(*table, request.key); });
  if (result.item) {
    bytes = storage::item_size(*result.item);
    if (request.projection) {
      result.item = expr::project(*result.item, *request.projection);
    }
  }
  result.capacity = {request.common.capacity, table->name,
                     Consumed{read_units(bytes, request.consistent), {}, {}}};
  return result;
}

void write_get_item(JsonWriter& w, const GetItemResult& result) {
  if (result.item) {
    write_key(w, "Item");
    write_attribute_map(w, *result.item);
  }
  write_consumed_capacity(w, result.capacity);
}

}  // namespace protocol::ops
