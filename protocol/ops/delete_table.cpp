#include "protocol/error.h"
#include "protocol/ops/ops.h"
#include "protocol/tables/table_reply.h"

namespace protocol::ops {

void delete_table(OpContext& ctx, const JsonValue& request, Completion done) {
  std::string name = read_table_name(request);
  require_table(ctx, name);
  int64_t delay = ctx.options.status_delay.count();
  auto ghost = std::make_shared<storage::TablePtr>();
  ctx.store.write(
      [name, delay, ghost](storage::WriteTxn& txn) {
        storage::TablePtr table = txn.live_table(name);
        int64_t now = storage::now_ms();
        if (!table || table->status_at(now) == storage::TableStatus::kDeleting) {
          throw ApiError::resource_not_found("Requested resource not found: Table: " + name +
                                             " not found");
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
        deleting->status = storage::TableStatus::kDeleting;
        deleting->status_settles_ms = now + delay;
        txn.delete_table(deleting);
        *ghost = deleting;
      },
      on_commit(done, [&ctx, ghost]() {
        return table_reply(ctx, "TableDescription", **ghost, storage::now_ms());
      }));
}

}  // namespace protocol::ops
