#include "protocol/ops/transact_get_items.h"

#include "protocol/error.h"
#include "protocol/transact/common.h"
#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

// TransactGetItems: every Get reads from one read transaction, i.e. one committed snapshot, so a
// transaction's writes are seen all or not at all.
namespace protocol::ops {

namespace {

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
  std::vector<CancellationReason> reasons(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].problem) {
      reasons[i] = CancellationReason::validation_error(*targets[i].problem);
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

TransactGetItemsRequest parse_transact_get_items(const JsonValue& json) {
  return transact::read_transact_get_request(json);
}

TransactGetItemsResult transact_get_items(OpContext& ctx, const TransactGetItemsRequest& request) {
  std::vector<transact::ActionTarget> targets = resolve(ctx, request);
  TransactGetItemsResult result;
  result.capacity_mode = request.capacity;
  result.responses = read_all(ctx, request, targets, result.capacity);
  check_response_size(result.responses);
  return result;
}

void write_transact_get_items(JsonWriter& w, const TransactGetItemsResult& result) {
  transact::write_transact_capacity(w, result.capacity_mode, CapacityAxis::kRead, result.capacity);
  write_key(w, "Responses");
  w.StartArray();
  for (const auto& item : result.responses) {
    w.StartObject();
    if (item) {
      write_key(w, "Item");
      write_attribute_map(w, *item);
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace protocol::ops
