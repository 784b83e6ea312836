#pragma once

#include <optional>
#include <string_view>

// The IAM authorization a PartiQL statement needs, found before it is parsed (access rules are
// checked first): PartiQLSelect, PartiQLInsert, PartiQLUpdate or PartiQLDelete on the table it
// names. EXISTS(SELECT ...) reads, so it is PartiQLSelect. nullopt when the statement is too
// malformed to name one; the operation then refuses it.
namespace protocol::partiql {

struct StatementAccess {
  std::string_view action;  // static text
  std::string_view table;   // a view into the statement
};
std::optional<StatementAccess> statement_target(std::string_view statement);

}  // namespace protocol::partiql
