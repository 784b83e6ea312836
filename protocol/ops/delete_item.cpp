#include "protocol/ops/delete_item.h"

#include <memory>

#include "protocol/error.h"
#include "protocol/items/item_rules.h"

namespace protocol::ops {

namespace {

struct DeleteJob {
  DeleteItemRequest request;
  storage::TablePtr table;
  // Set by the writer job (assigned whole: it may run more than once).
  std::optional<storage::Item> old;
  storage::IndexWrites index_writes;
};

}  // namespace

DeleteItemRequest parse_delete_item(const JsonValue& json) {
  Fields f(json);
  SingleWrite start = read_single_write(f, "Key", "key");
  read_put_or_delete_condition(f, start);
  return DeleteItemRequest{std::move(start.common), std::move(start.item_or_key),
                           std::move(start.condition)};
}

void delete_item(OpContext& ctx, DeleteItemRequest request, Then<DeleteItemResult> then) {
  auto job = std::make_shared<DeleteJob>();
  job->table = ctx.table_for_items(request.common.table_name);
  validate_key(*job->table, request.key);
  job->request = std::move(request);
  ctx.store.write(
      [job](storage::WriteTxn& txn) {
        if (!txn.live_table(job->table->id)) {
          throw ApiError::resource_not_found();
        }
        job->old = txn.get_item(*job->table, job->request.key);
        check_write_condition(job->request.condition, job->old);
        job->index_writes =
            job->old ? txn.delete_item(*job->table, *job->old) : storage::IndexWrites{};
      },
      answer_then(std::move(then), [job]() {
        const DeleteItemRequest& r = job->request;
        DeleteItemResult result;
        result.capacity = item_write_capacity(r.common, job->old ? &*job->old : nullptr, nullptr,
                                              job->index_writes);
        if (r.common.return_values == ReturnValues::kAllOld) {
          result.attributes = std::move(job->old);
        }
        return result;
      }));
}

}  // namespace protocol::ops
