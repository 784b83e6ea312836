#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/ops/delete_item.h"
#include "protocol/ops/put_item.h"
#include "protocol/ops/query.h"
#include "protocol/ops/scan.h"
#include "protocol/ops/update_item.h"
#include "protocol/partiql/statement.h"
#include "protocol/transact/get_request.h"
#include "protocol/transact/write_request.h"
#include "storage/schema.h"

// How a PartiQL statement runs: as the typed operation DynamoDB plans it into. It lives beside
// the operations it plans into (and the three PartiQL operations that use it), above the
// language itself (protocol/partiql/). Writes become
// PutItem, UpdateItem and DeleteItem requests; a SELECT becomes one Query per partition its WHERE
// pins by equality (or IN), else a Scan with the WHERE as its filter. The operations then validate
// and run them as they do their own requests, so no logic is kept twice.
namespace protocol::partiql {

// A write's WHERE taken apart: each key attribute's equality with a value (anywhere in the tree of
// ANDs), and what is left as the write's condition.
struct KeyedWhere {
  storage::Item key;
  std::optional<expr::Condition> rest;
};
// Throws DynamoDB's ValidationException when a key attribute has no equality ("Where clause does
// not contain a mandatory equality on all key attributes") or two different ones.
KeyedWhere split_key(const storage::TableInfo& table, const std::optional<expr::Condition>& where);

// INSERT: a PutItem that must not find an item (its failure is DuplicateItemException).
ops::PutItemRequest plan_insert(const storage::TableInfo& table, InsertStatement statement);
// UPDATE: an UpdateItem of an item that must exist, under the rest of the WHERE.
ops::UpdateItemRequest plan_update(const storage::TableInfo& table, UpdateStatement statement);
// DELETE: a DeleteItem under the rest of the WHERE.
ops::DeleteItemRequest plan_delete(const storage::TableInfo& table, DeleteStatement statement);

// SELECT: Queries (one per pinned partition, in the order written) or a Scan.
struct SelectPlan {
  std::vector<ops::QueryRequest> queries;
  std::optional<ops::ScanRequest> scan;
};
SelectPlan plan_select(const storage::TableInfo& table, const SelectStatement& statement);

// A single-item SELECT (every key attribute by equality, and nothing else: it reads as GetItem
// does): for ExecuteTransaction and BatchExecuteStatement, whose text for any other SELECT
// `missing_key_message` is.
transact::GetAction plan_item_read(const storage::TableInfo& table,
                                   const SelectStatement& statement,
                                   const std::string& missing_key_message);

// A write statement (INSERT, UPDATE, DELETE, EXISTS) as one action of a TransactWriteItems.
transact::WriteAction plan_transact_write(const storage::TableInfo& table, Statement statement);

// The key attribute names a statement's table or index is read by (hash first).
std::vector<std::string> key_names(const storage::TableInfo& table,
                                   const std::optional<std::string>& index);

}  // namespace protocol::partiql
