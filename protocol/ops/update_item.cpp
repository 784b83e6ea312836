#include "protocol/items/capacity.h"
#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/item_update.h"
#include "protocol/ops/ops.h"
#include "protocol/wire/value_json.h"
#include "protocol/items/write_condition.h"
#include "storage/item_size.h"

namespace protocol::ops {

namespace {

struct UpdateResult {
  std::optional<storage::Item> old;
  storage::Item updated;
  storage::IndexWrites index_writes;
};

// The Attributes member ReturnValues asks for; nullopt when there is nothing to return.
std::optional<storage::Item> returned_attributes(ReturnValues mode, const UpdateResult& r,
                                                 const expr::UpdateExpression& update) {
  switch (mode) {
    case ReturnValues::kNone:
      return std::nullopt;
    case ReturnValues::kAllOld:
      return r.old;
    case ReturnValues::kAllNew:
      return r.updated;
    case ReturnValues::kUpdatedOld:
      if (!r.old) {
        return std::nullopt;
      }
      return expr::updated_attributes(*r.old, update);
    case ReturnValues::kUpdatedNew:
      return expr::updated_attributes(r.updated, update);
  }
  return std::nullopt;
}

Reply update_reply(const ItemRequestCommon& common, const std::string& table_name,
                   const UpdateResult& r, const expr::UpdateExpression& update) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  auto attributes = returned_attributes(common.return_values, r, update);
  if (attributes && !attributes->empty()) {
    write_key(w, "Attributes");
    write_attribute_map(w, *attributes);
  }
  size_t old_bytes = r.old ? storage::item_size(*r.old) : 0;
  size_t new_bytes = storage::item_size(r.updated);
  Consumed consumed{write_units(std::max(old_bytes, new_bytes)), {}, {}};
  consumed.add_index_writes(r.index_writes);
  write_consumed_capacity(w, common.capacity, table_name, consumed);
  w.EndObject();
  return ok_reply(buffer);
}

}  // namespace

void update_item(OpContext& ctx, const JsonValue& request, Completion done) {
  Fields f(request);
  SingleWrite start = read_single_write(f, "Key", "key");
  std::optional<storage::Item> key = std::move(start.item_or_key);
  ItemRequestCommon& common = start.common;
  WriteCondition& condition = start.condition;
  ExpressionMembers members =
      read_expression_members(f, {"UpdateExpression", "ConditionExpression"},
                              {"AttributeUpdates", "Expected", "ConditionalOperator"});
  expr::Resolver resolver(members.attributes);
  bool legacy = f.raw("AttributeUpdates") != nullptr;
  auto update = std::make_shared<const expr::UpdateExpression>(read_update(f, resolver));
  condition.condition = read_condition(f, members, resolver);
  resolver.check_all_used();
  storage::TablePtr table = ctx.table_for_items(common.table_name);
  expr::check_update(*update, key_names(*table));
  validate_key(*table, *key);

  auto shared_key = std::make_shared<const storage::Item>(std::move(*key));
  auto shared_condition = std::make_shared<const WriteCondition>(std::move(condition));
  auto result = std::make_shared<UpdateResult>();
  ctx.store.write(
      [table, shared_key, shared_condition, update, legacy, result](storage::WriteTxn& txn) {
        if (!txn.live_table(table->id)) {
          throw ApiError::resource_not_found();
        }
        result->old = txn.get_item(*table, *shared_key);
        check_write_condition(*shared_condition, result->old);
        result->updated = updated_item(*update, legacy, result->old, *shared_key);
        try {
          result->index_writes = txn.put_item(*table, result->updated, result->old);
        } catch (const storage::IndexKeyError& e) {
          throw index_key_error(e.problem(), /*from_update=*/true);
        }
      },
      on_commit(done, [table, common, update, result]() {
        return update_reply(common, table->name, *result, *update);
      }));
}

}  // namespace protocol::ops
