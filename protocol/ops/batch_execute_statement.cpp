#include "protocol/ops/batch_execute_statement.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <utility>

#include "protocol/error.h"
#include "protocol/ops/execute_statement.h"
#include "protocol/ops/get_item.h"
#include "protocol/ops/partiql_plan.h"
#include "protocol/partiql/index_target.h"
#include "protocol/partiql/parser.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"

namespace protocol::ops {

namespace {

constexpr size_t kMaxStatements = 25;

// BatchStatementErrorCodeEnum: the error's type without "Exception"; ValidationError for
// ValidationException.
std::string error_code(const ApiError& e) {
  if (e.type() == "ValidationException") {
    return "ValidationError";
  }
  std::string code = e.type();
  constexpr std::string_view kSuffix = "Exception";
  if (code.size() > kSuffix.size() && code.ends_with(kSuffix)) {
    code.resize(code.size() - kSuffix.size());
  }
  return code;
}

void record_error(BatchStatementResponse& response, std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    response.error_code = error_code(e);
    response.error_message = e.message();
    if (e.item() != nullptr) {
      response.error_item = *e.item();
    }
  } catch (...) {
    response.error_code = "InternalServerError";
    response.error_message = "Internal server error";
  }
}

// The batch as its statements finish: reads at once, writes when their commits are durable (on the
// writer thread). The last to finish answers.
struct Progress {
  BatchExecuteStatementResult result;
  std::mutex mutex;
  size_t pending = 1;  // the loop that starts them, until it has
  Then<BatchExecuteStatementResult> then;

  void add_capacity(const ConsumedCapacity& capacity) {
    if (capacity.table_name.empty()) {
      return;
    }
    for (batch::TableUnits& table : result.consumed) {
      if (table.table_name == capacity.table_name) {
        table.units += capacity.consumed.table;
        return;
      }
    }
    result.consumed.push_back({capacity.table_name, capacity.consumed.table, capacity.consumed});
  }

  void finish_one() {
    bool last = false;
    {
      std::lock_guard lock(mutex);
      last = --pending == 0;
    }
    if (last) {
      then(nullptr, std::move(result));
    }
  }
};

void start_statement(OpContext& ctx, const partiql::StatementMembers& members,
                     CapacityMode capacity, size_t index,
                     const std::shared_ptr<Progress>& progress) {
  BatchStatementResponse& response = progress->result.responses[index];
  if (members.parameter_error) {
    std::rethrow_exception(members.parameter_error);
  }
  partiql::Statement statement = partiql::parse_statement(members.statement, members.parameters);
  storage::TablePtr table = ctx.table_for_items(partiql::table_name(statement));
  response.table_name = table->name;
  if (const auto* select = std::get_if<partiql::SelectStatement>(&statement)) {
    constexpr const char* kNeedsKey =
        "Select statements within BatchExecuteStatement must specify the primary key in the where "
        "clause.";
    partiql::check_multi_attribute_index(*table, *select);
    // AWS answers a batch SELECT on an index with the key-only rule, not the index refusal
    // ExecuteTransaction gives (dynamodb-conformance tier2 partiql/executeStatementIndex).
    if (select->from.index) {
      throw ApiError::validation(kNeedsKey);
    }
    transact::GetAction read = partiql::plan_item_read(*table, *select, kNeedsKey);
    GetItemRequest get;
    get.common.table_name = table->name;
    get.common.capacity = capacity;
    get.key = std::move(read.key);
    get.consistent = members.consistent;
    get.projection = std::move(read.projection);
    GetItemResult found = get_item(ctx, get);
    response.item = std::move(found.item);
    std::lock_guard lock(progress->mutex);
    progress->add_capacity(found.capacity);
    return;
  }
  ExecuteStatementRequest write;
  write.statement = members.statement;
  write.parameters = members.parameters;
  write.capacity = capacity;
  write.return_old_on_failure = members.return_old_on_failure;
  {
    std::lock_guard lock(progress->mutex);
    ++progress->pending;
  }
  try {
    execute_statement(ctx, std::move(write),
                      [progress, index](std::exception_ptr error, ExecuteStatementResult written) {
                        {
                          std::lock_guard lock(progress->mutex);
                          if (error) {
                            record_error(progress->result.responses[index], error);
                          }
                          progress->add_capacity(written.capacity);
                        }
                        progress->finish_one();
                      });
  } catch (...) {
    // Refused before it reached the writer: its Then never runs.
    std::lock_guard lock(progress->mutex);
    --progress->pending;
    throw;
  }
}

}  // namespace

BatchExecuteStatementRequest parse_batch_execute_statement(const JsonValue& json) {
  Fields f(json);
  Violations v;
  BatchExecuteStatementRequest r;
  // A bad parameter is answered in its statement's slot, not for the whole batch.
  r.statements = partiql::read_statement_list(f, "Statements", "statements", kMaxStatements, v,
                                              /*defer_parameter_errors=*/true);
  r.capacity = read_capacity_mode(f, v);
  v.raise_if_any();
  return r;
}

void batch_execute_statement(OpContext& ctx, BatchExecuteStatementRequest request,
                             Then<BatchExecuteStatementResult> then) {
  auto progress = std::make_shared<Progress>();
  progress->then = std::move(then);
  progress->result.capacity = request.capacity;
  progress->result.responses.resize(request.statements.size());
  for (size_t i = 0; i < request.statements.size(); ++i) {
    try {
      start_statement(ctx, request.statements[i], request.capacity, i, progress);
    } catch (...) {
      std::lock_guard lock(progress->mutex);
      record_error(progress->result.responses[i], std::current_exception());
    }
  }
  progress->finish_one();
}

void write_batch_execute_statement(JsonWriter& w, const BatchExecuteStatementResult& result) {
  write_key(w, "Responses");
  w.StartArray();
  for (const BatchStatementResponse& response : result.responses) {
    w.StartObject();
    if (response.error_code) {
      write_key(w, "Error");
      w.StartObject();
      write_key(w, "Code");
      write_string(w, *response.error_code);
      write_key(w, "Message");
      write_string(w, response.error_message);
      if (response.error_item) {
        write_key(w, "Item");
        write_attribute_map(w, *response.error_item);
      }
      w.EndObject();
    }
    if (response.table_name) {
      write_key(w, "TableName");
      write_string(w, *response.table_name);
    }
    if (response.item) {
      write_key(w, "Item");
      write_attribute_map(w, *response.item);
    }
    w.EndObject();
  }
  w.EndArray();
  batch::write_consumed_capacity_list(w, result.capacity, result.consumed);
}

}  // namespace protocol::ops
