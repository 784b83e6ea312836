#include "protocol/ops/transact_write_items.h"

#include <algorithm>
#include <memory>

#include "protocol/error.h"
#include "protocol/items/index_key_rules.h"
#include "protocol/items/item_update.h"
#include "protocol/items/write_condition.h"
#include "protocol/transact/common.h"
#include "protocol/transact/token.h"
#include "storage/item_size.h"

// TransactWriteItems: every action runs in one writer job, which is one nested transaction of the
// group commit, so the actions (and the idempotency token) commit together or not at all. The one
// writer thread runs jobs one after another, so no other write can interleave with a transaction,
// and readers, which see committed snapshots only, never see part of one.
namespace protocol::ops {

namespace {

using transact::ActionKind;
using transact::ActionTarget;
using transact::WriteAction;

// Everything the writer job needs, made before it is queued.
struct TransactionJob {
  TransactWriteItemsRequest request;
  std::vector<ActionTarget> targets;  // per action
};

// What one action found, and the item it would leave (Put and Update).
struct ActionOutcome {
  storage::TablePtr table;  // as this batch defines it
  std::optional<storage::Item> old;
  std::optional<storage::Item> written;
  CancellationReason reason;
};

std::vector<transact::TargetRequest> target_requests(const std::vector<WriteAction>& actions) {
  std::vector<transact::TargetRequest> requests;
  requests.reserve(actions.size());
  for (const auto& action : actions) {
    requests.push_back({action.table_name, &action.attributes, action.kind == ActionKind::kPut});
  }
  return requests;
}

// The checks that need the table but no item: an update of a key attribute, and a Put's index key
// values. A wrong type cancels the transaction; an empty index key value fails the request.
void check_against_tables(const std::vector<WriteAction>& actions,
                          std::vector<ActionTarget>& targets) {
  for (size_t i = 0; i < actions.size(); ++i) {
    const WriteAction& action = actions[i];
    ActionTarget& target = targets[i];
    if (target.problem) {
      continue;
    }
    if (action.kind == ActionKind::kUpdate) {
      try {
        expr::check_update(action.update, key_names(*target.table));
      } catch (const ApiError& e) {
        target.problem = e.message();
      }
    } else if (action.kind == ActionKind::kPut) {
      if (auto problem = storage::find_index_key_problem(*target.table, action.attributes)) {
        if (problem->kind == storage::IndexKeyProblem::Kind::kEmptyValue) {
          throw index_key_error(*problem, false);
        }
        target.problem = index_key_error(*problem, false).message();
      }
    }
  }
}

// An index key value the updated item may not have: a wrong type cancels the transaction (the
// reason is returned), an empty value fails the request.
std::optional<CancellationReason> check_updated_index_keys(const storage::TableInfo& table,
                                                           const storage::Item& updated) {
  std::optional<storage::IndexKeyProblem> problem = storage::find_index_key_problem(table, updated);
  if (!problem) {
    return std::nullopt;
  }
  if (problem->kind == storage::IndexKeyProblem::Kind::kEmptyValue) {
    throw index_key_error(*problem, true);
  }
  return CancellationReason::validation_error(index_key_error(*problem, true).message());
}

ActionOutcome evaluate(const storage::WriteTxn& txn, const WriteAction& action,
                       const ActionTarget& target) {
  ActionOutcome outcome;
  outcome.table = txn.live_table(target.table->id);
  if (!outcome.table) {
    throw ApiError::resource_not_found();
  }
  if (target.problem) {
    outcome.reason = CancellationReason::validation_error(*target.problem);
    return outcome;
  }
  outcome.old = txn.get_item(*outcome.table, action.attributes);
  if (!condition_holds(action.condition, outcome.old)) {
    outcome.reason = CancellationReason::condition_failed(
        action.condition.return_old_on_failure ? outcome.old : std::nullopt);
    return outcome;
  }
  if (action.kind == ActionKind::kPut) {
    outcome.written = action.attributes;
  } else if (action.kind == ActionKind::kUpdate) {
    try {
      outcome.written = updated_item(action.update, false, outcome.old, action.attributes);
    } catch (const ApiError& e) {
      if (e.type() != "ValidationException") {
        throw;
      }
      outcome.reason = CancellationReason::validation_error(e.message());
      return outcome;
    }
    if (auto reason = check_updated_index_keys(*outcome.table, *outcome.written)) {
      outcome.reason = std::move(*reason);
    }
  }
  return outcome;
}

// The item size an action is charged for: the larger of the items before and after it.
uint64_t image_bytes(const ActionOutcome& outcome) {
  size_t old_bytes = outcome.old ? storage::item_size(*outcome.old) : 0;
  size_t new_bytes = outcome.written ? storage::item_size(*outcome.written) : 0;
  return std::max(old_bytes, new_bytes);
}

// A repeated request is charged, per action, a transactional read of the item it wrote.
std::vector<transact::TableCapacity> replay_capacity(const TransactionJob& job,
                                                     const std::vector<uint64_t>& images) {
  std::vector<transact::TableCapacity> capacity;
  for (size_t i = 0; i < job.targets.size() && i < images.size(); ++i) {
    capacity_of(capacity, job.targets[i].table->name).table +=
        transact::kTransactionalFactor * read_units(images[i], true);
  }
  return capacity;
}

// Evaluates every action against the current items; throws TransactionCanceledException unless
// all would succeed.
std::vector<ActionOutcome> evaluate_all(const storage::WriteTxn& txn, const TransactionJob& job) {
  std::vector<ActionOutcome> outcomes;
  outcomes.reserve(job.targets.size());
  bool canceled = false;
  for (size_t i = 0; i < job.targets.size(); ++i) {
    outcomes.push_back(evaluate(txn, job.request.actions[i], job.targets[i]));
    canceled = canceled || outcomes.back().reason.failed();
  }
  if (canceled) {
    std::vector<CancellationReason> reasons;
    for (auto& outcome : outcomes) {
      reasons.push_back(std::move(outcome.reason));
    }
    transact::throw_canceled(reasons);
  }
  return outcomes;
}

// Writes one action's outcome; returns the index entries that changed with it.
storage::IndexWrites apply(storage::WriteTxn& txn, const WriteAction& action,
                           const ActionOutcome& outcome) {
  if (outcome.written) {
    return txn.put_item(*outcome.table, *outcome.written, outcome.old);
  }
  if (action.kind == ActionKind::kDelete && outcome.old) {
    return txn.delete_item(*outcome.table, *outcome.old);
  }
  return {};
}

// The table is charged twice the single-item units for the item; an index, what the single write
// charges it for each entry put or removed (DynamoDB does not double the index share).
void charge(Consumed& capacity, uint64_t image, const storage::IndexWrites& index_writes) {
  capacity.table += transact::kTransactionalFactor * write_units(image);
  capacity.add_index_writes(index_writes);
}

// `now`: the time tokens are judged and remembered at.
TransactWriteItemsResult run_transaction(storage::WriteTxn& txn, const TransactionJob& job,
                                         int64_t now) {
  TransactWriteItemsResult result;
  result.capacity_mode = job.request.capacity;
  result.collection_metrics = job.request.collection_metrics;
  const std::optional<std::string>& token = job.request.token;
  if (token) {
    if (auto record = transact::find_token(txn, *token, now)) {
      if (record->fingerprint != job.request.fingerprint) {
        throw ApiError::idempotent_parameter_mismatch();
      }
      result.capacity = replay_capacity(job, record->image_bytes);
      result.replayed = true;
      return result;
    }
  }
  std::vector<ActionOutcome> outcomes = evaluate_all(txn, job);
  std::vector<uint64_t> images;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    storage::IndexWrites index_writes = apply(txn, job.request.actions[i], outcomes[i]);
    images.push_back(image_bytes(outcomes[i]));
    charge(capacity_of(result.capacity, outcomes[i].table->name), images.back(), index_writes);
  }
  if (token) {
    transact::remember_token(txn, *token, job.request.fingerprint, images, now);
  }
  transact::forget_expired_tokens(txn, now, transact::kExpiredTokensPerTransaction);
  return result;
}

}  // namespace

TransactWriteItemsRequest parse_transact_write_items(const JsonValue& json) {
  return transact::read_transact_write_request(json);
}

void transact_write_items(OpContext& ctx, TransactWriteItemsRequest request,
                          Then<TransactWriteItemsResult> then) {
  auto job = std::make_shared<TransactionJob>();
  job->targets = transact::resolve_targets(ctx, target_requests(request.actions));
  check_against_tables(request.actions, job->targets);
  job->request = std::move(request);
  auto result = std::make_shared<TransactWriteItemsResult>();
  ctx.store.write(
      [&ctx, job = std::shared_ptr<const TransactionJob>(job), result](storage::WriteTxn& txn) {
        // Assigned whole: the job may run again.
        *result = run_transaction(txn, *job, ctx.now_ms());
      },
      answer_then(std::move(then), [result]() { return std::move(*result); }));
}

void write_transact_write_items(JsonWriter& w, const TransactWriteItemsResult& result) {
  transact::write_transact_capacity(w, result.capacity_mode,
                                    result.replayed ? CapacityAxis::kRead : CapacityAxis::kWrite,
                                    result.capacity);
  write_collection_metrics(w, result.collection_metrics);
}

}  // namespace protocol::ops
