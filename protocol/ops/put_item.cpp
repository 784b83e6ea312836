#include "protocol/items/capacity.h"
#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/ops/ops.h"
#include "protocol/wire/value_json.h"
#include "protocol/items/write_condition.h"
#include "storage/item_size.h"

namespace protocol::ops {

namespace {

struct PutResult {
  std::optional<storage::Item> old;
  size_t new_bytes = 0;
  storage::IndexWrites index_writes;
};

}  // namespace

void put_item(OpContext& ctx, const JsonValue& request, Completion done) {
  Fields f(request);
  SingleWrite start = read_single_write(f, "Item", "item");
  read_put_or_delete_condition(f, start);
  std::optional<storage::Item> item = std::move(start.item_or_key);
  ItemRequestCommon& common = start.common;
  WriteCondition& condition = start.condition;
  check_item_size(*item);
  storage::TablePtr table = ctx.table_for_items(common.table_name);
  validate_item(*table, *item);
  validate_index_keys(*table, *item);

  auto shared_item = std::make_shared<const storage::Item>(std::move(*item));
  auto shared_condition = std::make_shared<const WriteCondition>(std::move(condition));
  auto result = std::make_shared<PutResult>();
  result->new_bytes = storage::item_size(*shared_item);
  ctx.store.write(
      [table, shared_item, shared_condition, result](storage::WriteTxn& txn) {
        if (!txn.live_table(table->id)) {
          throw ApiError::resource_not_found();
        }
        result->old = txn.get_item(*table, *shared_item);
        check_write_condition(*shared_condition, result->old);
        result->index_writes = txn.put_item(*table, *shared_item, result->old);
      },
      on_commit(done, [table, common, result]() {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        if (common.return_values == ReturnValues::kAllOld && result->old) {
          write_key(w, "Attributes");
          write_attribute_map(w, *result->old);
        }
        size_t old_bytes = result->old ? storage::item_size(*result->old) : 0;
        Consumed consumed{write_units(std::max(old_bytes, result->new_bytes)), {}, {}};
        consumed.add_index_writes(result->index_writes);
        write_consumed_capacity(w, common.capacity, table->name, consumed);
        w.EndObject();
        return ok_reply(buffer);
      }));
}

}  // namespace protocol::ops
