// Query. Checks run in DynamoDB's order ([DL] test/query.js, checked against DynamoDB; [Local]
// QueryFunction): constraint violations, expression/legacy mixing, legacy filter, start-key values,
// the key condition's presence, expressions, the key condition's shape, Select; then the table,
// IndexName, the key condition against the key schema, and key attributes in paths.

#include "protocol/ops/query.h"

#include <optional>
#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/legacy.h"
#include "protocol/items/projection_request.h"
#include "protocol/reads/index_read.h"
#include "protocol/reads/legacy_key_conditions.h"

namespace protocol::ops {

namespace {

// Constraint violations, listed in the order [DL] recorded DynamoDB listing them.
void read_constraints(const Fields& f, QueryRequest& r) {
  Violations v;
  read_shared_members(f, "QueryFilter", /*query=*/true, v, r);
  legacy::add_condition_map_violations(f, "KeyConditions", "keyConditions", v);
  raise_query_violations(v, r.limit);
  finish_shared_members(f, r);
  r.forward = f.boolean("ScanIndexForward").value_or(true);
}

// KeyConditions may accompany expressions as long as KeyConditionExpression is absent ([DL]
// validateExpressionParams).
ExpressionMembers read_members(const Fields& f) {
  std::vector<std::string> legacy_members = {"AttributesToGet", "QueryFilter",
                                             "ConditionalOperator"};
  if (f.raw("KeyConditionExpression") != nullptr) {
    legacy_members.push_back("KeyConditions");
  }
  return read_expression_members(
      f, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"}, legacy_members);
}

// Everything that needs no table, after the constraint violations.
void read_request(const Fields& f, QueryRequest& r) {
  ExpressionMembers members = read_members(f);
  expr::Resolver resolver(members.attributes);
  r.filter = legacy::read_filter(f, "QueryFilter");
  r.legacy_filter = r.filter.has_value();
  const bool projection_expression = f.raw("ProjectionExpression") != nullptr;
  if (!projection_expression) {
    r.projection = read_projection(f, members, resolver);
  }
  r.start_key = read_start_key(f);
  auto key_expression = read_expression(f, "KeyConditionExpression");
  if (!key_expression && f.raw("KeyConditions") == nullptr) {
    throw ApiError::validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  std::optional<expr::Condition> key_condition;
  if (key_expression) {
    key_condition = expr::parse_condition(*key_expression, expr::Source::kKeyConditionExpression);
    resolver.resolve(*key_condition, expr::Source::kKeyConditionExpression);
    expr::check_condition_operands(*key_condition, expr::Source::kKeyConditionExpression);
  }
  if (auto text = read_expression(f, "FilterExpression")) {
    r.filter = parse_filter_expression(*text, resolver);
  }
  if (projection_expression) {
    r.projection = read_projection(f, members, resolver);
  }
  resolver.check_all_used();
  if (key_condition) {
    r.key_conditions = key_conditions_of(*key_condition);
  } else {
    r.key_conditions = *legacy::read_key_conditions(f);
    if (r.key_conditions.empty()) {
      throw ApiError::validation("Conditions can be of length 1 or 2 only");
    }
  }
  const std::string_view projection_member = projection_expression ? "ProjectionExpression"
                                             : r.projection        ? "AttributesToGet"
                                                                   : "";
  r.effective_select = check_select(r.select, projection_member, r.index_name.has_value());
}

// [DL]: a filter may not name key attributes at all (the partition key is reported first); on an
// index, the index's key attributes.
void check_filter_keys(const storage::TableInfo& table, const QueryKeys& keys,
                       const QueryRequest& r) {
  if (!r.filter) {
    return;
  }
  std::vector<const expr::Path*> paths = condition_paths(*r.filter);
  for (const auto* names : {&keys.hash, &keys.range}) {
    if (r.filter_may_name_keys) {
      break;
    }
    for (const std::string& name : *names) {
      for (const expr::Path* path : paths) {
        if (path->elements.front().name == name) {
          throw ApiError::validation(
              std::string(r.legacy_filter ? "QueryFilter" : "Filter Expression") +
              " can only contain non-primary key attributes: Primary key attribute: " + name);
        }
      }
    }
  }
  check_scalar_key_paths(table, paths);
}

ReadPageResult read_page(OpContext& ctx, const storage::TableInfo& table, const QueryRequest& r,
                         const KeyQuery& key_query, const IndexRead& index, PageSink* sink) {
  Page page(table, page_options(r, index), sink);
  const storage::Item* start = r.start_key ? &*r.start_key : nullptr;
  // One short read transaction.
  ctx.store.read([&](const storage::ReadTxn& txn) {
    txn.query(table, index.index, key_query.selection, r.forward, start,
              [&](storage::Item& item) { return page.add(item); });
  });
  // [Local] QueryFunction: a table without a sort key has at most one item per Query, so there is
  // nothing to resume; an index partition may hold any number.
  return page.finish(index.index != nullptr || table.sort_key() != nullptr, r.capacity,
                     r.consistent);
}

}  // namespace

QueryRequest parse_query(const JsonValue& json) {
  Fields f(json);
  QueryRequest r;
  read_constraints(f, r);
  read_request(f, r);
  return r;
}

QueryResult query(OpContext& ctx, const QueryRequest& r, PageSink* sink) {
  storage::TablePtr table = ctx.table_for_items(r.table_name);
  IndexRead index;
  QueryKeys keys = table_query_keys(*table);
  if (r.index_name) {
    const storage::IndexDefinition& definition = resolve_index(*table, *r.index_name, r.consistent);
    index = plan_index_read(*table, definition, r.select, r.projection ? &*r.projection : nullptr,
                            r.filter ? &*r.filter : nullptr);
    keys = index_query_keys(*table, definition);
  }
  KeyQuery key_query =
      plan_key_query(*table, keys, r.key_conditions, r.start_key ? &*r.start_key : nullptr);
  if (r.projection) {
    std::vector<const expr::Path*> paths;
    for (const expr::Path& path : *r.projection) {
      paths.push_back(&path);
    }
    check_scalar_key_paths(*table, paths);
  }
  check_filter_keys(*table, keys, r);
  return read_page(ctx, *table, r, key_query, index, sink);
}

}  // namespace protocol::ops
