#pragma once

#include <optional>
#include <string>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/wire/fields.h"
#include "storage/schema.h"
#include "storage/value.h"

// The update of one item, shared by UpdateItem and the Update action of TransactWriteItems.
namespace protocol {

// The names of the table's key attributes (which an update may not touch).
std::vector<std::string> key_names(const storage::TableInfo& table);

// UpdateExpression (parsed, resolved, operands checked) or the legacy AttributeUpdates; empty when
// neither is present.
expr::UpdateExpression read_update(const Fields& f, expr::Resolver& resolver);

// The item the update leaves: applied to the current item, or to the bare key when there is none
// (an update creates items; REMOVE on a missing item is ignored). Throws ValidationException with
// DynamoDB's run-time texts, including "Item size to update has exceeded the maximum allowed size".
// Pure: may run more than once. `legacy` (AttributeUpdates) words a type error as DynamoDB does.
storage::Item updated_item(const expr::UpdateExpression& update, bool legacy,
                           const std::optional<storage::Item>& old, const storage::Item& key);

}  // namespace protocol
