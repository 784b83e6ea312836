#pragma once

#include <vector>

#include "protocol/context.h"
#include "protocol/reads/key_condition.h"
#include "protocol/reads/read_paging.h"

// Query: the items of one partition of a table or secondary index, in sort-key order, a page at a
// time.
namespace protocol::ops {

struct QueryRequest : ReadRequestBase {
  bool forward = true;                       // ScanIndexForward
  std::vector<KeyCondition> key_conditions;  // checked against the key by query
  bool legacy_filter = false;  // QueryFilter rather than FilterExpression (for its message)
  // PartiQL's SELECT: the filter holds the WHERE's other conditions, key attributes included.
  bool filter_may_name_keys = false;
};
using QueryResult = ReadPageResult;

QueryRequest parse_query(const JsonValue& json);
// Items go to `sink` when given (ReadPageResult::items stays empty), else into the result.
QueryResult query(OpContext& ctx, const QueryRequest& request, PageSink* sink = nullptr);

}  // namespace protocol::ops
