#include "protocol/items/projection_request.h"

#include "protocol/items/legacy.h"

namespace protocol {

std::optional<expr::Projection> read_projection(const Fields& f, const ExpressionMembers& members,
                                                expr::Resolver& resolver) {
  if (auto text = read_expression(f, "ProjectionExpression")) {
    expr::Projection projection = expr::parse_projection(*text);
    resolver.resolve(projection);
    expr::check_projection(projection);
    return projection;
  }
  Violations v;
  auto projection = legacy::read_attributes_to_get(f, v);
  v.raise_if_any();
  return projection;
}

}  // namespace protocol
