#pragma once

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
};

// Adds violations to `v` under `prefix` (e.g. "transactStatements.1.member."); the values are
// read only when there were none (the caller raises).
StatementMembers read_statement_members(const Fields& f, const std::string& prefix, Violations& v);

}  // namespace protocol::partiql
