#include "protocol/items/capacity.h"
#include "protocol/error.h"
#include "protocol/items/item_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/ops/ops.h"
#include "protocol/wire/value_json.h"
#include "protocol/items/write_condition.h"
#include "storage/item_size.h"

namespace protocol::ops {

void delete_item(OpContext& ctx, const JsonValue& request, Completion done) {
  Fields f(request);
  SingleWrite start = read_single_write(f, "Key", "key");
  read_put_or_delete_condition(f, start);
  std::optional<storage::Item> key = std::move(start.item_or_key);
  ItemRequestCommon& common = start.common;
  WriteCondition& condition = start.condition;
  storage::TablePtr table = ctx.table_for_items(common.table_name);
  validate_key(*table, *key);

  auto shared_key = std::make_shared<const storage::Item>(std::move(*key));
  auto shared_condition = std::make_shared<const WriteCondition>(std::move(condition));
  auto old = std::make_shared<std::optional<storage::Item>>();
  auto index_writes = std::make_shared<storage::IndexWrites>();
  ctx.store.write(
      [table, shared_key, shared_condition, old, index_writes](storage::WriteTxn& txn) {
        if (!txn.live_table(table->id)) {
          throw ApiError::resource_not_found();
        }
        *old = txn.get_item(*table, *shared_key);
        check_write_condition(*shared_condition, *old);
        *index_writes = *old ? txn.delete_item(*table, **old) : storage::IndexWrites{};
      },
      on_commit(done, [table, common, old, index_writes]() {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        if (common.return_values == ReturnValues::kAllOld && *old) {
          write_key(w, "Attributes");
          write_attribute_map(w, **old);
        }
        size_t old_bytes = *old ? storage::item_size(**old) : 0;
        Consumed consumed{write_units(old_bytes), {}, {}};
        consumed.add_index_writes(*index_writes);
        write_consumed_capacity(w, common.capacity, table->name, consumed);
        w.EndObject();
        return ok_reply(buffer);
      }));
}

}  // namespace protocol::ops
