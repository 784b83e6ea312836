#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/expr/ast.h"
#include "storage/value.h"

// A PartiQL statement as parsed, its `?` parameters already bound. Paths, conditions and update
// actions are the expression language's own (protocol/expr/ast.h), with every value resolved
// (Operand::Kind::kValue holding the AttributeValue, no ":ref" and no "#ref" left), so statements
// run through the same evaluator, updater and projector as the expression API; plan.h turns them
// into typed operations.
namespace protocol::partiql {

// FROM "Table" or "Table"."Index" (names as written, quotes removed).
struct TableRef {
  std::string table;
  std::optional<std::string> index;
};

struct OrderBy {
  expr::Path path;
  bool descending = false;
};

// SELECT projection FROM table [WHERE condition] [ORDER BY path [ASC|DESC]]
struct SelectStatement {
  TableRef from;
  std::optional<expr::Projection> projection;  // nullopt: SELECT *
  std::optional<expr::Condition> where;
  std::optional<OrderBy> order_by;
};

// INSERT INTO "Table" VALUE {...}
struct InsertStatement {
  std::string table;
  storage::Item item;
};

// RETURNING ALL OLD * | MODIFIED OLD * | ALL NEW * | MODIFIED NEW *
enum class Returning { kNone, kAllOld, kModifiedOld, kAllNew, kModifiedNew };

// UPDATE "Table" SET ... REMOVE ... WHERE condition [RETURNING ...]. SET path = value, path + n,
// list_append(...), if_not_exists(...) become kSet actions; SET path = set_add(path, <<...>>) a
// kAdd and set_delete a kDelete (the expression language's ADD and DELETE); REMOVE a kRemove.
struct UpdateStatement {
  std::string table;
  std::vector<expr::UpdateAction> actions;  // in the order written
  std::optional<expr::Condition> where;
  Returning returning = Returning::kNone;
};

// DELETE FROM "Table" WHERE condition [RETURNING ALL OLD *]
struct DeleteStatement {
  std::string table;
  std::optional<expr::Condition> where;
  Returning returning = Returning::kNone;
};

// EXISTS(SELECT * FROM "Table" WHERE ...): a condition check, in ExecuteTransaction only.
struct ExistsStatement {
  SelectStatement select;
};

using Statement = std::variant<SelectStatement, InsertStatement, UpdateStatement, DeleteStatement,
                               ExistsStatement>;

// The table a statement reads or writes.
inline const std::string& table_name(const Statement& statement) {
  struct Visitor {
    const std::string& operator()(const SelectStatement& s) const { return s.from.table; }
    const std::string& operator()(const ExistsStatement& s) const { return s.select.from.table; }
    const std::string& operator()(const InsertStatement& s) const { return s.table; }
    const std::string& operator()(const UpdateStatement& s) const { return s.table; }
    const std::string& operator()(const DeleteStatement& s) const { return s.table; }
  };
  return std::visit(Visitor{}, statement);
}

}  // namespace protocol::partiql
