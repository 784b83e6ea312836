#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/wire/fields.h"
#include "storage/value.h"

// The members every PartiQL request gives per statement (ExecuteStatement's own, and each element
// of BatchExecuteStatement's Statements and ExecuteTransaction's TransactStatements): Statement
// (1 to 8192 characters), Parameters (at least one when given), ReturnValuesOnConditionCheckFailure
// and ConsistentRead.
namespace protocol::partiql {

struct StatementMembers {
  std::string statement;
  std::vector<storage::AttributeValue> parameters;
  bool return_old_on_failure = false;
  bool consistent = false;
  // A parameter that could not be read, kept for the statement (BatchExecuteStatement answers it
  // in that statement's slot, as AWS does).
  std::exception_ptr parameter_error;
};

// Adds violations to `v` under `prefix` (e.g. "transactStatements.1.member."); the values are
// read only when there were none (the caller raises). A parameter's value error is thrown, or with
// `defer_parameter_errors` kept in parameter_error.
StatementMembers read_statement_members(const Fields& f, const std::string& prefix, Violations& v,
                                        bool defer_parameter_errors = false);

// A list member of statement objects (BatchExecuteStatement's Statements, ExecuteTransaction's
// TransactStatements): 1 to `max` of them, each read as above under "<path>.<n>.member.". Its
// violations go to `v`; `list` (when given) is set to the member's JSON.
std::vector<StatementMembers> read_statement_list(const Fields& f, std::string_view member,
                                                  const std::string& path, size_t max,
                                                  Violations& v, bool defer_parameter_errors,
                                                  const JsonValue** list = nullptr);

}  // namespace protocol::partiql
