#include "protocol/ops/execute_transaction.h"

#include <string>
#include <utility>

#include "protocol/error.h"
#include "protocol/ops/partiql_plan.h"
#include "protocol/partiql/parser.h"
#include "protocol/partiql/statement_members.h"
#include "protocol/wire/fields.h"

namespace protocol::ops {

namespace {

constexpr size_t kMaxStatements = 100;

// An INSERT that found its key taken is cancelled as DuplicateItem, not ConditionalCheckFailed.
Then<TransactWriteItemsResult> duplicates_named(Then<ExecuteTransactionResult> then,
                                                std::vector<bool> inserts) {
  return [then = std::move(then), inserts = std::move(inserts)](std::exception_ptr error,
                                                                TransactWriteItemsResult result) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const ApiError& e) {
        std::vector<CancellationReason> reasons = e.cancellation_reasons();
        bool renamed = false;
        for (size_t i = 0; i < reasons.size() && i < inserts.size(); ++i) {
          if (inserts[i] && reasons[i].code == "ConditionalCheckFailed") {
            reasons[i].code = "DuplicateItem";
            reasons[i].message = ApiError::duplicate_item().message();
            reasons[i].item.reset();
            renamed = true;
          }
        }
        if (renamed) {
          error = std::make_exception_ptr(ApiError::transaction_canceled(std::move(reasons)));
        }
      } catch (...) {
      }
    }
    then(error, std::move(result));
  };
}

}  // namespace

ExecuteTransactionRequest parse_execute_transaction(const JsonValue& json) {
  Fields f(json);
  Violations v;
  ExecuteTransactionRequest r;
  const JsonValue* statements = nullptr;
  r.statements = partiql::read_statement_list(f, "TransactStatements", "transactStatements",
                                              kMaxStatements, v, false, &statements);
  r.token = transact::read_client_request_token(f, v);
  r.capacity = read_capacity_mode(f, v);
  v.raise_if_any();
  r.fingerprint = transact::fingerprint(*statements);
  return r;
}

namespace {

// AWS names the statement when its shape is refused at planning: a SELECT without the key and an
// EXISTS without a further condition answer "Validation failed in TransactStatements[<i>]: <text>"
// (dynamodb-conformance tier3 error-messages/partiqlFunctions, AWS-verified). Errors found while
// reading the statement and its parameters stay bare, as AWS's are.
template <typename Plan>
auto planned(size_t index, Plan plan) {
  try {
    return plan();
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException") {
      throw;
    }
    throw ApiError::validation("Validation failed in TransactStatements[" + std::to_string(index) +
                               "]: " + e.message());
  }
}

}  // namespace

void execute_transaction(OpContext& ctx, ExecuteTransactionRequest request,
                         Then<ExecuteTransactionResult> then) {
  std::vector<partiql::Statement> statements;
  size_t reads = 0;
  for (const partiql::StatementMembers& statement : request.statements) {
    statements.push_back(partiql::parse_statement(statement.statement, statement.parameters));
    reads += std::holds_alternative<partiql::SelectStatement>(statements.back()) ? 1 : 0;
  }
  if (reads != 0 && reads != statements.size()) {
    throw ApiError::validation("Unsupported operation in transaction.");
  }
  if (reads != 0) {
    TransactGetItemsRequest get;
    get.capacity = request.capacity;
    for (size_t i = 0; i < statements.size(); ++i) {
      const auto& select = std::get<partiql::SelectStatement>(statements[i]);
      storage::TablePtr table = ctx.table_for_items(select.from.table);
      get.actions.push_back(planned(i, [&] {
        return partiql::plan_item_read(*table, select,
                                       "Select statements within ExecuteTransaction must specify "
                                       "the primary key in the where clause.");
      }));
    }
    then(nullptr, transact_get_items(ctx, get));
    return;
  }
  TransactWriteItemsRequest write;
  write.token = std::move(request.token);
  write.fingerprint = request.fingerprint;
  write.capacity = request.capacity;
  std::vector<bool> inserts;
  for (size_t i = 0; i < statements.size(); ++i) {
    partiql::Statement& statement = statements[i];
    inserts.push_back(std::holds_alternative<partiql::InsertStatement>(statement));
    storage::TablePtr table = ctx.table_for_items(partiql::table_name(statement));
    const bool exists = std::holds_alternative<partiql::ExistsStatement>(statement);
    transact::WriteAction action =
        exists
            ? planned(i, [&] { return partiql::plan_transact_write(*table, std::move(statement)); })
            : partiql::plan_transact_write(*table, std::move(statement));
    action.condition.return_old_on_failure = request.statements[i].return_old_on_failure;
    write.actions.push_back(std::move(action));
  }
  transact_write_items(ctx, std::move(write),
                       duplicates_named(std::move(then), std::move(inserts)));
}

void write_execute_transaction(JsonWriter& w, const ExecuteTransactionResult& result) {
  if (const auto* reads = std::get_if<TransactGetItemsResult>(&result)) {
    write_transact_get_items(w, *reads);
  } else {
    // A transaction of writes answers an empty Responses list (AWS, captured by the
    // dynamodb-conformance suite's tier2 partiql/writeResponses), then its capacity.
    write_key(w, "Responses");
    w.StartArray();
    w.EndArray();
    write_transact_write_items(w, std::get<TransactWriteItemsResult>(result));
  }
}

}  // namespace protocol::ops
