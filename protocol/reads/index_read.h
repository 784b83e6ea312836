#pragma once

#include <optional>
#include <string>

#include "protocol/expr/ast.h"
#include "protocol/reads/read_paging.h"
#include "storage/schema.h"

// Query and Scan on a secondary index (IndexName): which index, whether it may be read that way,
// and what each item read from it shows. Sources as in DYNAMODB_MESSAGES.md "Secondary indexes".
namespace protocol {

// The index named by IndexName, checked as DynamoDB does: it exists, ConsistentRead is not asked
// of a GSI, and a GSI being backfilled is not read yet. Throws ValidationException.
const storage::IndexDefinition& resolve_index(const storage::TableInfo& table,
                                              const std::string& index_name, bool consistent);

// How the page reads the index for this request. A GSI holds only its projection: Select
// ALL_ATTRIBUTES on one that does not project everything is refused, and other attributes named in
// a ProjectionExpression or filter are simply absent. An LSI fetches the whole item from the table
// (charged as table reads) when the request needs attributes it does not project.
IndexRead plan_index_read(const storage::TableInfo& table, const storage::IndexDefinition& index,
                          std::optional<Select> select, const expr::Projection* projection,
                          const expr::Condition* filter);

}  // namespace protocol
