#include "protocol/items/capacity.h"
#include "protocol/error.h"
#include "protocol/ops/ops.h"
#include "protocol/transact/capacity.h"
#include "protocol/transact/common.h"
#include "protocol/transact/get_request.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

// TransactGetItems: every Get reads from one read transaction, i.e. one committed snapshot, so a
// transaction's writes are seen all or not at all.
namespace protocol::ops {

namespace {

// What one Get returns, projected.
using Found = std::optional<storage::Item>;

std::vector<transact::ActionTarget> resolve(const OpContext& ctx,
                                            const transact::TransactGetRequest& request) {
  std::vector<transact::TargetRequest> requests;
  requests.reserve(request.actions.size());
  for (const auto& action : request.actions) {
    requests.push_back({action.table_name, &action.key, false});
  }
  std::vector<transact::ActionTarget> targets = transact::resolve_targets(ctx, requests);
  bool canceled = false;
  std::vector<transact::CancellationReason> reasons(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].problem) {
      reasons[i] = transact::CancellationReason::validation_error(*targets[i].problem);
      canceled = true;
    }
  }
  if (canceled) {
    transact::throw_canceled(reasons);
  }
  return targets;
}

// Reads every key in one snapshot. Capacity is charged on whole items (before projection); the
// response limit on what is returned.
std::vector<Found> read_all(const OpContext& ctx, const transact::TransactGetRequest& request,
                            const std::vector<transact::ActionTarget>& targets,
                            std::vector<transact::TableCapacity>& capacity) {
  std::vector<Found> found(targets.size());
  ctx.store.read([&](const storage::ReadTxn& txn) {
    for (size_t i = 0; i < targets.size(); ++i) {
      const transact::GetAction& action = request.actions[i];
      found[i] = txn.get_item(*targets[i].table, action.key);
      size_t bytes = found[i] ? storage::item_size(*found[i]) : 0;
      capacity_of(capacity, targets[i].table->name).table +=
          transact::kTransactionalFactor * read_units(bytes, true);
      if (found[i] && action.projection) {
        found[i] = expr::project(*found[i], *action.projection);
      }
    }
  });
  return found;
}

// DynamoDB refuses to return more than 4 MB of items from one transaction (each item counted
// with a 4-byte overhead).
void check_response_size(const std::vector<Found>& found) {
  size_t total = 0;
  for (const auto& item : found) {
    total += 4 + (item ? storage::item_size(*item) : 0);
    if (total > transact::kMaxPayloadBytes) {
      throw ApiError::validation("Payload in response is too large." + std::to_string(total));
    }
  }
}

}  // namespace

void transact_get_items(OpContext& ctx, const JsonValue& json, Completion done) {
  transact::TransactGetRequest request = transact::read_transact_get_request(json);
  std::vector<transact::ActionTarget> targets = resolve(ctx, request);
  std::vector<transact::TableCapacity> capacity;
  std::vector<Found> found = read_all(ctx, request, targets, capacity);
  check_response_size(found);

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  transact::write_transact_capacity(w, request.capacity, CapacityAxis::kRead, capacity);
  write_key(w, "Responses");
  w.StartArray();
  for (const auto& item : found) {
    w.StartObject();
    if (item) {
      write_key(w, "Item");
      write_attribute_map(w, *item);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  done(ok_reply(buffer));
}

}  // namespace protocol::ops
