#include "protocol/ops/put_item.h"

#include <memory>

#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_rules.h"

namespace protocol::ops {

namespace {

struct PutJob {
  PutItemRequest request;
  storage::TablePtr table;
  // Set by the writer job (assigned whole: it may run more than once).
  std::optional<storage::Item> old;
  storage::IndexWrites index_writes;
};

}  // namespace

PutItemRequest parse_put_item(const JsonValue& json) {
  Fields f(json);
  SingleWrite start = read_single_write(f, "Item", "item");
  read_put_or_delete_condition(f, start);
  check_item_size(start.item_or_key);
  return PutItemRequest{std::move(start.common), std::move(start.item_or_key),
                        std::move(start.condition)};
}

void put_item(OpContext& ctx, PutItemRequest request, Then<PutItemResult> then) {
  auto job = std::make_shared<PutJob>();
  job->table = ctx.table_for_items(request.common.table_name);
  validate_item(*job->table, request.item);
  validate_index_keys(*job->table, request.item);
  job->request = std::move(request);
  ctx.store.write(
      [job](storage::WriteTxn& txn) {
        if (!txn.live_table(job->table->id)) {
          throw ApiError::resource_not_found();
        }
        job->old = txn.get_item(*job->table, job->request.item);
        check_write_condition(job->request.condition, job->old);
        job->index_writes = txn.put_item(*job->table, job->request.item, job->old);
      },
      answer_then(std::move(then), [job]() {
        const PutItemRequest& r = job->request;
        PutItemResult result;
        result.capacity = item_write_capacity(r.common, job->old ? &*job->old : nullptr, &r.item,
                                              job->index_writes);
        if (r.common.return_values == ReturnValues::kAllOld) {
          result.attributes = std::move(job->old);
        }
        return result;
      }));
}

}  // namespace protocol::ops
