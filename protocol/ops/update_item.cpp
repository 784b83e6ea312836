#include "protocol/ops/update_item.h"

#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/item_update.h"

namespace protocol::ops {

namespace {

struct UpdateJob {
  UpdateItemRequest request;
  storage::TablePtr table;
  // Set by the writer job (assigned whole: it may run more than once).
  std::optional<storage::Item> old;
  storage::Item updated;
  storage::IndexWrites index_writes;
};

// The Attributes member ReturnValues asks for; nullopt when there is nothing to return.
std::optional<storage::Item> returned_attributes(ReturnValues mode, const UpdateJob& job) {
  switch (mode) {
    case ReturnValues::kNone:
      return std::nullopt;
    case ReturnValues::kAllOld:
      return job.old;
    case ReturnValues::kAllNew:
      return job.updated;
    case ReturnValues::kUpdatedOld:
      if (!job.old) {
        return std::nullopt;
      }
      return expr::updated_attributes(*job.old, job.request.update);
    case ReturnValues::kUpdatedNew:
      return expr::updated_attributes(job.updated, job.request.update);
  }
  return std::nullopt;
}

}  // namespace

UpdateItemRequest parse_update_item(const JsonValue& json) {
  Fields f(json);
  SingleWrite start = read_single_write(f, "Key", "key");
  UpdateItemRequest r{
      std::move(start.common), std::move(start.item_or_key), std::move(start.condition), {}, false};
  ExpressionMembers members =
      read_expression_members(f, {"UpdateExpression", "ConditionExpression"},
                              {"AttributeUpdates", "Expected", "ConditionalOperator"});
  expr::Resolver resolver(members.attributes);
  r.legacy = f.raw("AttributeUpdates") != nullptr;
  r.update = read_update(f, resolver);
  r.condition.condition = read_condition(f, members, resolver);
  resolver.check_all_used();
  return r;
}

void update_item(OpContext& ctx, UpdateItemRequest request, Then<UpdateItemResult> then) {
  auto job = std::make_shared<UpdateJob>();
  job->table = ctx.table_for_items(request.common.table_name);
  expr::check_update(request.update, key_names(*job->table));
  validate_key(*job->table, request.key);
  job->request = std::move(request);
  ctx.store.write(
      [job](storage::WriteTxn& txn) {
        if (!txn.live_table(job->table->id)) {
          throw ApiError::resource_not_found();
        }
        const UpdateItemRequest& r = job->request;
        job->old = txn.get_item(*job->table, r.key);
        check_write_condition(r.condition, job->old);
        job->updated = updated_item(r.update, r.legacy, job->old, r.key);
        try {
          job->index_writes = txn.put_item(*job->table, job->updated, job->old);
        } catch (const storage::IndexKeyError& e) {
          throw index_key_error(e.problem(), /*from_update=*/true);
        }
      },
      answer_then(std::move(then), [job]() {
        const UpdateItemRequest& r = job->request;
        UpdateItemResult result;
        result.attributes = returned_attributes(r.common.return_values, *job);
        result.capacity = item_write_capacity(r.common, job->old ? &*job->old : nullptr,
                                              &job->updated, job->index_writes);
        return result;
      }));
}

}  // namespace protocol::ops
