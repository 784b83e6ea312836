#include "protocol/ops/execute_statement.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/ops/delete_item.h"
#include "protocol/ops/partiql_plan.h"
#include "protocol/ops/put_item.h"
#include "protocol/ops/query.h"
#include "protocol/ops/scan.h"
#include "protocol/ops/update_item.h"
#include "protocol/partiql/index_target.h"
#include "protocol/partiql/next_token.h"
#include "protocol/partiql/parser.h"
#include "protocol/partiql/statement_members.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/value_json.h"

namespace protocol::ops {

namespace {

using partiql::NextToken;

ExecuteStatementResult page_result(ReadPageResult page) {
  ExecuteStatementResult result;
  result.items = std::move(page.items);
  result.last_evaluated_key = std::move(page.last_evaluated_key);
  result.capacity = std::move(page.capacity);
  return result;
}

void check_order_by(const storage::TableInfo& table, const partiql::SelectStatement& statement,
                    const partiql::SelectPlan& plan) {
  if (!statement.order_by) {
    return;
  }
  if (!statement.where) {
    throw ApiError::validation(
        "Must have WHERE clause in the statement when using ORDER BY clause.");
  }
  const expr::Path& path = statement.order_by->path;
  const std::vector<std::string> keys = partiql::key_names(table, statement.from.index);
  if (path.elements.size() != 1 ||
      std::find(keys.begin(), keys.end(), path.elements[0].name) == keys.end()) {
    throw ApiError::validation("Variable reference " + path.elements[0].name +
                               " in ORDER BY clause must be part of the primary key");
  }
  if (plan.scan) {
    throw ApiError::validation(
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER "
        "BY clause.");
  }
  if (plan.queries.size() > 1 && path.elements[0].name != keys.front()) {
    throw ApiError::validation(
        "Must have hash key in ORDER BY clause when more than one hash key condition specified in "
        "WHERE clause.");
  }
}

// ORDER BY the partition key over several partitions (IN): their Queries in that key's order.
void order_partitions(const partiql::SelectStatement& statement, partiql::SelectPlan& plan) {
  if (!statement.order_by || plan.queries.size() < 2) {
    return;
  }
  const bool descending = statement.order_by->descending;
  std::stable_sort(plan.queries.begin(), plan.queries.end(),
                   [descending](const QueryRequest& a, const QueryRequest& b) {
                     auto order = expr::order_values(a.key_conditions.front().values.front(),
                                                     b.key_conditions.front().values.front());
                     if (!order) {
                       return false;
                     }
                     return descending ? *order > 0 : *order < 0;
                   });
}

// A SELECT's page: the Scan, or the Queries from the one the token names on, until the page is
// full (Limit or 1 MB) or every partition is read.
ExecuteStatementResult run_select(OpContext& ctx, const ExecuteStatementRequest& request,
                                  const partiql::SelectStatement& statement) {
  storage::TablePtr table = ctx.table_for_items(statement.from.table);
  partiql::check_multi_attribute_index(*table, statement);
  partiql::check_gsi_projection(*table, statement);
  partiql::SelectPlan plan = partiql::plan_select(*table, statement);
  check_order_by(*table, statement, plan);
  order_partitions(statement, plan);
  NextToken token;
  if (request.next_token) {
    token = partiql::read_next_token(*request.next_token, request.statement);
  }
  auto shared = [&](ReadRequestBase& r) {
    r.consistent = request.consistent;
    r.capacity = request.capacity;
  };
  if (plan.scan) {
    shared(*plan.scan);
    plan.scan->limit = request.limit;
    plan.scan->start_key = std::move(token.start_key);
    ExecuteStatementResult result = page_result(scan(ctx, *plan.scan));
    if (result.last_evaluated_key) {
      result.next_token =
          partiql::write_next_token({0, result.last_evaluated_key}, request.statement);
    }
    return result;
  }
  ExecuteStatementResult result;
  result.capacity = {request.capacity, table->name, {}};
  size_t bytes = 0;  // read so far
  for (size_t i = token.partition; i < plan.queries.size(); ++i) {
    QueryRequest& query = plan.queries[i];
    shared(query);
    if (request.limit) {
      query.limit = *request.limit - static_cast<int64_t>(result.items.size());
    }
    if (i == token.partition) {
      query.start_key = std::move(token.start_key);
    }
    ReadPageResult page = ops::query(ctx, query);
    bytes += page.read_bytes;
    for (storage::Item& item : page.items) {
      result.items.push_back(std::move(item));
    }
    result.capacity.consumed.table += page.capacity.consumed.table;
    for (const auto& [name, units] : page.capacity.consumed.global_indexes) {
      result.capacity.consumed.global_indexes[name] += units;
    }
    for (const auto& [name, units] : page.capacity.consumed.local_indexes) {
      result.capacity.consumed.local_indexes[name] += units;
    }
    if (page.last_evaluated_key) {
      result.last_evaluated_key = page.last_evaluated_key;
      result.next_token =
          partiql::write_next_token({i, std::move(page.last_evaluated_key)}, request.statement);
      break;
    }
    // Each Query stops at 1 MB, and the page over all of them once it holds 1 MB (so under 2 MB,
    // however many partitions IN names).
    bool full = (request.limit && static_cast<int64_t>(result.items.size()) >= *request.limit) ||
                bytes >= kMaxPageBytes;
    if (full && i + 1 < plan.queries.size()) {
      result.next_token = partiql::write_next_token({i + 1, std::nullopt}, request.statement);
      break;
    }
  }
  return result;
}

// A write's Then: its RETURNING item (if any) as the one item of the reply.
Then<ItemWriteResult> returning(Then<ExecuteStatementResult> then, bool duplicate_on_failure) {
  return [then = std::move(then), duplicate_on_failure](std::exception_ptr error,
                                                        ItemWriteResult written) {
    if (error && duplicate_on_failure) {
      try {
        std::rethrow_exception(error);
      } catch (const ApiError& e) {
        if (e.type() == "ConditionalCheckFailedException") {
          error = std::make_exception_ptr(ApiError::duplicate_item());
        }
      } catch (...) {
      }
    }
    ExecuteStatementResult result;
    if (written.attributes && !written.attributes->empty()) {
      result.items.push_back(std::move(*written.attributes));
    }
    result.capacity = std::move(written.capacity);
    then(error, std::move(result));
  };
}

}  // namespace

ExecuteStatementRequest parse_execute_statement(const JsonValue& json) {
  Fields f(json);
  Violations v;
  partiql::StatementMembers members = partiql::read_statement_members(f, "", v);
  ExecuteStatementRequest r;
  r.capacity = read_capacity_mode(f, v);
  r.limit = f.integer("Limit");
  if (r.limit && *r.limit < 1) {
    v.add(std::to_string(*r.limit), "limit", "Member must have value greater than or equal to 1");
  }
  std::optional<std::string_view> token = f.string("NextToken");
  if (token && token->empty()) {
    v.add(*token, "nextToken", "Member must have length greater than or equal to 1");
  } else if (token && token->size() > 32768) {
    v.add(*token, "nextToken", "Member must have length less than or equal to 32768");
  }
  v.raise_if_any();
  r.statement = std::move(members.statement);
  r.parameters = std::move(members.parameters);
  r.consistent = members.consistent;
  r.return_old_on_failure = members.return_old_on_failure;
  if (token) {
    r.next_token = std::string(*token);
  }
  return r;
}

void execute_statement(OpContext& ctx, ExecuteStatementRequest request,
                       Then<ExecuteStatementResult> then) {
  partiql::Statement statement = partiql::parse_statement(request.statement, request.parameters);
  if (auto* select = std::get_if<partiql::SelectStatement>(&statement)) {
    then(nullptr, run_select(ctx, request, *select));
    return;
  }
  if (std::holds_alternative<partiql::ExistsStatement>(statement)) {
    throw ApiError::validation("EXISTS can only be used in ExecuteTransaction write requests.");
  }
  auto common = [&](ItemRequestCommon& c, WriteCondition& condition) {
    c.capacity = request.capacity;
    condition.return_old_on_failure = request.return_old_on_failure;
  };
  if (auto* insert = std::get_if<partiql::InsertStatement>(&statement)) {
    storage::TablePtr table = ctx.table_for_items(insert->table);
    PutItemRequest put = partiql::plan_insert(*table, std::move(*insert));
    common(put.common, put.condition);
    put_item(ctx, std::move(put), returning(std::move(then), true));
  } else if (auto* update = std::get_if<partiql::UpdateStatement>(&statement)) {
    storage::TablePtr table = ctx.table_for_items(update->table);
    UpdateItemRequest planned = partiql::plan_update(*table, std::move(*update));
    common(planned.common, planned.condition);
    update_item(ctx, std::move(planned), returning(std::move(then), false));
  } else if (auto* erase = std::get_if<partiql::DeleteStatement>(&statement)) {
    storage::TablePtr table = ctx.table_for_items(erase->table);
    DeleteItemRequest planned = partiql::plan_delete(*table, std::move(*erase));
    common(planned.common, planned.condition);
    delete_item(ctx, std::move(planned), returning(std::move(then), false));
  }
}

void write_execute_statement(JsonWriter& w, const ExecuteStatementResult& result) {
  write_key(w, "Items");
  w.StartArray();
  for (const storage::Item& item : result.items) {
    write_attribute_map(w, item);
  }
  w.EndArray();
  if (result.next_token) {
    write_key(w, "NextToken");
    w.String(result.next_token->data(),
             static_cast<rapidjson::SizeType>(result.next_token->size()));
  }
  if (result.last_evaluated_key) {
    write_key(w, "LastEvaluatedKey");
    write_attribute_map(w, *result.last_evaluated_key);
  }
  write_consumed_capacity(w, result.capacity);
}

}  // namespace protocol::ops
