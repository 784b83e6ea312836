#include "protocol/ops/delete_table.h"

#include <memory>

#include "protocol/error.h"
#include "protocol/tables/table_streams.h"

namespace protocol::ops {

DeleteTableRequest parse_delete_table(const JsonValue& json) {
  return DeleteTableRequest{read_table_name(json)};
}

void delete_table(OpContext& ctx, DeleteTableRequest request, Then<TableDescriptionResult> then) {
  require_table(ctx, request.table_name);
  int64_t delay = ctx.options.status_delay.count();
  auto ghost = std::make_shared<storage::TablePtr>();
  ctx.store.write(
      [&ctx, name = std::move(request.table_name), delay, ghost](storage::WriteTxn& txn) {
        storage::TablePtr table = txn.live_table(name);
        int64_t now = ctx.now_ms();
        if (!table || table->status_at(now) == storage::TableStatus::kDeleting) {
          table_not_found(name);
        }
        if (table->status_at(now) == storage::TableStatus::kCreating) {
          throw ApiError::resource_in_use(
              "Attempt to change a resource which is still in use: Table is being created: " +
              name);
        }
        if (table->deletion_protection) {
          throw ApiError::validation(
              "Resource cannot be deleted as it is currently protected against deletion. Disable "
              "deletion protection first.");
        }
        auto deleting = std::make_shared<storage::TableInfo>(*table);
        disable_table_stream(txn, *deleting, now);
        deleting->status = storage::TableStatus::kDeleting;
        deleting->status_settles_ms = now + delay;
        txn.delete_table(deleting);
        *ghost = deleting;
      },
      answer_then(std::move(then), [&ctx, ghost]() {
        return TableDescriptionResult{describe_table_as_of(ctx, *ghost, ctx.now_ms())};
      }));
}

}  // namespace protocol::ops
