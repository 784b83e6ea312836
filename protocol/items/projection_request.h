#pragma once

#include <optional>

#include "protocol/expr/expr.h"
#include "protocol/items/expression_request.h"
#include "protocol/wire/fields.h"

namespace protocol {

// ProjectionExpression (parsed, resolved and checked) or the legacy AttributesToGet of a read
// request; nullopt when the request asks for every attribute. Call after read_expression_members.
std::optional<expr::Projection> read_projection(const Fields& f, const ExpressionMembers& members,
                                                expr::Resolver& resolver);

}  // namespace protocol
