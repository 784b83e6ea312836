#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/expr/ast.h"
#include "protocol/wire/fields.h"
#include "storage/value.h"

// The pre-expression ("legacy") parameters that older SDK code still sends, translated into the
// same resolved syntax trees as expressions, so there is one evaluator.
namespace protocol::legacy {

// Expected + ConditionalOperator -> a condition. Nullopt when Expected is absent.
std::optional<expr::Condition> read_expected(const Fields& f, Violations& v);

// AttributeUpdates -> an update. Nullopt when absent. (Key attributes are refused later, by
// expr::check_update, as for UpdateExpression.)
std::optional<expr::UpdateExpression> read_attribute_updates(const Fields& f, Violations& v);

// AttributesToGet -> a projection of top-level names. Nullopt when absent.
std::optional<expr::Projection> read_attributes_to_get(const Fields& f, Violations& v);

// The filters of Query and Scan (QueryFilter, ScanFilter: attribute -> {ComparisonOperator,
// AttributeValueList}) and the legacy KeyConditions share one shape. Reading them takes two calls,
// because DynamoDB reports constraint violations of the whole request before any other problem:
// first add_condition_map_violations (a missing or unknown ComparisonOperator; `path` is the
// member's camelCase name, e.g. "queryFilter"), then, once the violations were raised, the reader.
void add_condition_map_violations(const Fields& f, std::string_view member, std::string_view path,
                                  Violations& v);

// QueryFilter / ScanFilter joined by ConditionalOperator (AND unless OR) -> a condition. Nullopt
// when the member is absent. Argument counts and types are checked as DynamoDB does for filters.
std::optional<expr::Condition> read_filter(const Fields& f, std::string_view member);

// One entry of a condition map (QueryFilter, ScanFilter, KeyConditions), once
// add_condition_map_violations passed: its ComparisonOperator and its AttributeValueList, checked
// as DynamoDB checks filters (count, one shared type, types for the operator, BETWEEN's order).
std::pair<std::string, std::vector<storage::AttributeValue>> read_condition_entry(
    const JsonValue& json);

}  // namespace protocol::legacy
