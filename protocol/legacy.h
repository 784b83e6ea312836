#pragma once

#include <optional>
#include <vector>

#include "protocol/expr/ast.h"
#include "protocol/fields.h"

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

}  // namespace protocol::legacy
