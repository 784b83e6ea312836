#pragma once

#include "protocol/partiql/statement.h"
#include "storage/schema.h"

// What DynamoDB's PartiQL refuses about a SELECT's index before it plans the read
// (dynamodb-conformance tier2/tier3 partiql multiAttributeIndex and executeStatementIndex,
// AWS-verified).
namespace protocol::partiql {

// A GSI whose key has more than one HASH or more than one RANGE attribute is refused ("PartiQL
// statements cannot be executed on tables with multi-attribute HASH keys or multi-attribute RANGE
// keys."), ahead of key types, WHERE rules and the batch's key-only rule. The base table, its
// other GSIs and its LSIs read as usual.
void check_multi_attribute_index(const storage::TableInfo& table, const SelectStatement& select);

// A SELECT on a GSI naming columns outside its projection: "One or more parameter values were
// invalid: Global secondary index <name> does not project [a, b]", the columns in statement order.
// An LSI fetches them from the table, so only GSIs are checked.
void check_gsi_projection(const storage::TableInfo& table, const SelectStatement& select);

}  // namespace protocol::partiql
