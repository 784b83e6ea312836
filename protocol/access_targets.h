#pragma once

#include <string_view>
#include <vector>

#include "protocol/api.h"
#include "protocol/wire/json.h"

namespace protocol {

// One IAM authorization a request needs: `action` (e.g. "PutItem") on `table` (empty for
// ListTables, whose resource is "table/*"). Views into static text and the request document.
struct AccessTarget {
  std::string_view action;
  std::string_view table;
  std::string_view stream_label;  // DynamoDB Streams: the stream of `table` (resource .../stream/x)
};

// Every (action, table) `operation` touches, read leniently from its parsed body (a missing or
// non-string table name is left to the operation's own validation):
//   TableName for single-table operations; the RequestItems keys for BatchGetItem/BatchWriteItem;
//   TransactItems[].Put/Update/Delete/ConditionCheck as PutItem/UpdateItem/DeleteItem/
//   ConditionCheckItem and TransactItems[].Get as GetItem (IAM authorizes transactions per item);
//   ExecuteStatement, and each statement of BatchExecuteStatement and ExecuteTransaction, as
//   PartiQLSelect/Insert/Update/Delete on the statement's table;
//   ListTables with no table; for DynamoDB Streams the table (and stream) that StreamArn, or the
//   ShardIterator's leading StreamArn, names, and TableName (or none) for ListStreams.
std::vector<AccessTarget> access_targets(std::string_view operation, const JsonValue& body);

// Checks every target with `request.access`; throws AccessDeniedException, worded as IAM words
// it, for the first one denied. Does nothing when `request.access` is empty.
void check_access(const ApiRequest& request, std::string_view operation, const JsonValue& body,
                  const ApiOptions& options);

}  // namespace protocol
