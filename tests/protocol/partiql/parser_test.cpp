#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "protocol/partiql/parser.h"
#include "storage/number.h"
#include "storage/value.h"
#include "tests/protocol/expr/test_errors.h"

// The statement trees parse_statement builds, printed in a compact form so each test states the
// whole tree: paths as a.b[0], values as TYPE:value, conditions and updates in the expression
// language's own spelling.
using namespace protocol;
using namespace protocol::partiql;
using storage::AttributeValue;
using storage::Number;

namespace {

std::string show(const AttributeValue& value) {
  std::string out;
  switch (value.type) {
    case storage::ValueType::kString:
      return "S:'" + value.bytes + "'";
    case storage::ValueType::kBinary:
      return "B:'" + value.bytes + "'";
    case storage::ValueType::kNumber:
      return "N:" + value.number.to_string();
    case storage::ValueType::kBool:
      return value.boolean ? "BOOL:true" : "BOOL:false";
    case storage::ValueType::kNull:
      return "NULL";
    case storage::ValueType::kList:
      for (const auto& element : value.list) {
        out += (out.empty() ? "" : ", ") + show(element);
      }
      return "L:[" + out + "]";
    case storage::ValueType::kMap:
      for (const auto& [name, member] : value.map) {
        out += (out.empty() ? "" : ", ") + name + ": " + show(member);
      }
      return "M:{" + out + "}";
    case storage::ValueType::kStringSet:
    case storage::ValueType::kBinarySet:
      for (const auto& element : value.byte_set) {
        out += (out.empty() ? "'" : ", '") + element + "'";
      }
      return std::string(value.type == storage::ValueType::kStringSet ? "SS" : "BS") + ":<<" + out +
             ">>";
    case storage::ValueType::kNumberSet:
      for (const auto& element : value.number_set) {
        out += (out.empty() ? "" : ", ") + element.to_string();
      }
      return "NS:<<" + out + ">>";
  }
  return "?";
}

std::string show(const expr::Path& path) {
  std::string out;
  for (const auto& element : path.elements) {
    REQUIRE_FALSE(element.is_reference);
    if (element.kind == expr::PathElement::Kind::kIndex) {
      out += "[" + std::to_string(element.index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + element.name;
    }
  }
  return out;
}

std::string show(const expr::Operand& operand) {
  using Kind = expr::Operand::Kind;
  REQUIRE(operand.value_ref.empty());
  auto args = [&] {
    std::string out;
    for (const auto& arg : operand.args) {
      out += (out.empty() ? "" : ", ") + show(arg);
    }
    return out;
  };
  switch (operand.kind) {
    case Kind::kPath:
      return show(operand.path);
    case Kind::kValue:
      return show(operand.value);
    case Kind::kSize:
      return "size(" + args() + ")";
    case Kind::kIfNotExists:
      return "if_not_exists(" + args() + ")";
    case Kind::kListAppend:
      return "list_append(" + args() + ")";
    case Kind::kPlus:
      return "(" + show(operand.args[0]) + " + " + show(operand.args[1]) + ")";
    case Kind::kMinus:
      return "(" + show(operand.args[0]) + " - " + show(operand.args[1]) + ")";
  }
  return "?";
}

std::string show(const expr::Condition& condition) {
  using Kind = expr::Condition::Kind;
  static const char* kComparators[] = {"=", "<>", "<", "<=", ">", ">="};
  static const char* kFunctions[] = {"attribute_exists", "attribute_not_exists", "attribute_type",
                                     "begins_with", "contains"};
  const auto& ops = condition.operands;
  std::string out;
  switch (condition.kind) {
    case Kind::kCompare:
      return "(" + show(ops[0]) + " " + kComparators[static_cast<int>(condition.comparator)] + " " +
             show(ops[1]) + ")";
    case Kind::kBetween:
      return "(" + show(ops[0]) + " BETWEEN " + show(ops[1]) + " AND " + show(ops[2]) + ")";
    case Kind::kIn:
      for (size_t i = 1; i < ops.size(); ++i) {
        out += (i > 1 ? ", " : "") + show(ops[i]);
      }
      return "(" + show(ops[0]) + " IN [" + out + "])";
    case Kind::kFunction:
      for (const auto& operand : ops) {
        out += (out.empty() ? "" : ", ") + show(operand);
      }
      return std::string(kFunctions[static_cast<int>(condition.function)]) + "(" + out + ")";
    case Kind::kAnd:
    case Kind::kOr:
      return "(" + show(condition.children[0]) + (condition.kind == Kind::kAnd ? " AND " : " OR ") +
             show(condition.children[1]) + ")";
    case Kind::kNot:
      return "NOT " + show(condition.children[0]);
  }
  return "?";
}

std::string show(const expr::UpdateAction& action) {
  switch (action.kind) {
    case expr::UpdateAction::Kind::kSet:
      return "SET " + show(action.path) + " = " + show(action.value);
    case expr::UpdateAction::Kind::kRemove:
      return "REMOVE " + show(action.path);
    case expr::UpdateAction::Kind::kAdd:
      return "ADD " + show(action.path) + " " + show(action.value);
    case expr::UpdateAction::Kind::kDelete:
      return "DELETE " + show(action.path) + " " + show(action.value);
  }
  return "?";
}

std::string show(const SelectStatement& select) {
  std::string out = "SELECT ";
  if (!select.projection) {
    out += "*";
  } else {
    for (size_t i = 0; i < select.projection->size(); ++i) {
      out += (i > 0 ? ", " : "") + show((*select.projection)[i]);
    }
  }
  out += " FROM " + select.from.table + (select.from.index ? "." + *select.from.index : "");
  if (select.where) {
    out += " WHERE " + show(*select.where);
  }
  if (select.order_by) {
    out += " ORDER BY " + show(select.order_by->path) +
           (select.order_by->descending ? " DESC" : " ASC");
  }
  return out;
}

const char* returning_name(Returning returning) {
  static const char* kNames[] = {"", " RETURNING ALL OLD *", " RETURNING MODIFIED OLD *",
                                 " RETURNING ALL NEW *", " RETURNING MODIFIED NEW *"};
  return kNames[static_cast<int>(returning)];
}

std::string show(const Statement& statement) {
  if (const auto* select = std::get_if<SelectStatement>(&statement)) {
    return show(*select);
  }
  if (const auto* exists = std::get_if<ExistsStatement>(&statement)) {
    return "EXISTS(" + show(exists->select) + ")";
  }
  if (const auto* insert = std::get_if<InsertStatement>(&statement)) {
    return "INSERT INTO " + insert->table + " VALUE " + show(AttributeValue::map_of(insert->item));
  }
  if (const auto* update = std::get_if<UpdateStatement>(&statement)) {
    std::string out = "UPDATE " + update->table;
    for (const auto& action : update->actions) {
      out += " " + show(action);
    }
    if (update->where) {
      out += " WHERE " + show(*update->where);
    }
    return out + returning_name(update->returning);
  }
  const auto& remove = std::get<DeleteStatement>(statement);
  return "DELETE FROM " + remove.table + (remove.where ? " WHERE " + show(*remove.where) : "") +
         returning_name(remove.returning);
}

std::string parsed(const std::string& text, const std::vector<AttributeValue>& parameters = {}) {
  return show(parse_statement(text, parameters));
}

AttributeValue num(int64_t n) { return AttributeValue::num(Number::from_int(n)); }

}  // namespace

TEST_CASE("PartiQL SELECT: projections, tables, indexes, ORDER BY", "[partiql]") {
  CHECK(parsed("SELECT * FROM Music") == "SELECT * FROM Music");
  CHECK(parsed("select * from \"Music\"") == "SELECT * FROM Music");
  CHECK(parsed("SELECT * FROM \"Music\".\"ArtistIndex\"") == "SELECT * FROM Music.ArtistIndex");
  CHECK(parsed("SELECT a, a.b[0].c, \"x y\".z, m['k'] FROM t") ==
        "SELECT a, a.b[0].c, x y.z, m.k FROM t");
  CHECK(parsed("SELECT \"say \"\"hi\"\"\" FROM \"T t\"") == "SELECT say \"hi\" FROM T t");
  CHECK(parsed("SELECT * FROM t WHERE pk = 'a' ORDER BY sk") ==
        "SELECT * FROM t WHERE (pk = S:'a') ORDER BY sk ASC");
  CHECK(parsed("SELECT * FROM t WHERE pk = 'a' ORDER BY sk ASC") ==
        "SELECT * FROM t WHERE (pk = S:'a') ORDER BY sk ASC");
  CHECK(parsed("SELECT * FROM t WHERE pk = 'a' order by \"sk\" desc;") ==
        "SELECT * FROM t WHERE (pk = S:'a') ORDER BY sk DESC");
  CHECK(parsed("-- a comment\nSELECT /* here */ * FROM t") == "SELECT * FROM t");
}

TEST_CASE("PartiQL literals of each type", "[partiql]") {
  CHECK(parsed("SELECT * FROM t WHERE a = 'it''s'") == "SELECT * FROM t WHERE (a = S:'it's')");
  CHECK(parsed("SELECT * FROM t WHERE a = 1.50") == "SELECT * FROM t WHERE (a = N:1.5)");
  CHECK(parsed("SELECT * FROM t WHERE a = -15E-1") == "SELECT * FROM t WHERE (a = N:-1.5)");
  CHECK(parsed("SELECT * FROM t WHERE a = .5") == "SELECT * FROM t WHERE (a = N:0.5)");
  CHECK(parsed("SELECT * FROM t WHERE a = 12345678901234567890123456789012345678") ==
        "SELECT * FROM t WHERE (a = N:12345678901234567890123456789012345678)");
  CHECK(parsed("SELECT * FROM t WHERE a = TRUE OR a = false") ==
        "SELECT * FROM t WHERE ((a = BOOL:true) OR (a = BOOL:false))");
  CHECK(parsed("SELECT * FROM t WHERE a = NULL") == "SELECT * FROM t WHERE (a = NULL)");
  CHECK(parsed("SELECT * FROM t WHERE a = [1, 'x', [], {}]") ==
        "SELECT * FROM t WHERE (a = L:[N:1, S:'x', L:[], M:{}])");
  CHECK(parsed("SELECT * FROM t WHERE a = {'k': {'n': [true]}}") ==
        "SELECT * FROM t WHERE (a = M:{k: M:{n: L:[BOOL:true]}})");
  CHECK(parsed("SELECT * FROM t WHERE a = <<'b', 'a'>>") ==
        "SELECT * FROM t WHERE (a = SS:<<'b', 'a'>>)");
  CHECK(parsed("SELECT * FROM t WHERE a = <<1, 2.5>>") ==
        "SELECT * FROM t WHERE (a = NS:<<1, 2.5>>)");
}

TEST_CASE("PartiQL conditions", "[partiql]") {
  CHECK(parsed("SELECT * FROM t WHERE a <> 1 AND b != 2 AND c < 3 AND d <= 4 AND e > 5 AND "
               "f >= 6") ==
        "SELECT * FROM t WHERE ((((((a <> N:1) AND (b <> N:2)) AND (c < N:3)) AND (d <= N:4)) "
        "AND (e > N:5)) AND (f >= N:6))");
  CHECK(parsed("SELECT * FROM t WHERE a = 1 OR b = 2 AND NOT c = 3") ==
        "SELECT * FROM t WHERE ((a = N:1) OR ((b = N:2) AND NOT (c = N:3)))");
  CHECK(parsed("SELECT * FROM t WHERE (a = 1 OR b = 2) AND c = 3") ==
        "SELECT * FROM t WHERE (((a = N:1) OR (b = N:2)) AND (c = N:3))");
  CHECK(parsed("SELECT * FROM t WHERE a IN [1, 2] AND b IN ('x') AND c NOT IN (1, 2)") ==
        "SELECT * FROM t WHERE (((a IN [N:1, N:2]) AND (b IN [S:'x'])) AND NOT (c IN [N:1, "
        "N:2]))");
  CHECK(parsed("SELECT * FROM t WHERE a BETWEEN 1 AND 5 AND b NOT BETWEEN 'a' AND 'c'") ==
        "SELECT * FROM t WHERE ((a BETWEEN N:1 AND N:5) AND NOT (b BETWEEN S:'a' AND S:'c'))");
  CHECK(parsed("SELECT * FROM t WHERE a IS MISSING OR b IS NOT MISSING") ==
        "SELECT * FROM t WHERE (attribute_not_exists(a) OR attribute_exists(b))");
  CHECK(parsed("SELECT * FROM t WHERE a IS NULL OR b IS NOT NULL") ==
        "SELECT * FROM t WHERE (attribute_type(a, S:'NULL') OR NOT attribute_type(b, "
        "S:'NULL'))");
  CHECK(parsed("SELECT * FROM t WHERE a IS STRING") ==
        "SELECT * FROM t WHERE attribute_type(a, S:'S')");
  CHECK(parsed("SELECT * FROM t WHERE begins_with(a.b, 'x') AND contains(\"c\", 1) AND "
               "attribute_type(d, 'N')") ==
        "SELECT * FROM t WHERE ((begins_with(a.b, S:'x') AND contains(c, N:1)) AND "
        "attribute_type(d, S:'N'))");
  CHECK(parsed("SELECT * FROM t WHERE size(a[2]) > 3 AND attribute_exists(b)") ==
        "SELECT * FROM t WHERE ((size(a[2]) > N:3) AND attribute_exists(b))");
  CHECK(parsed("SELECT * FROM t WHERE NOT (a = 1)") == "SELECT * FROM t WHERE NOT (a = N:1)");
}

TEST_CASE("PartiQL INSERT", "[partiql]") {
  CHECK(parsed("INSERT INTO \"Music\" VALUE {'pk': 'a', 'n': 1, 'l': [1, {'x': null}], 's': "
               "<<'a'>>}") ==
        "INSERT INTO Music VALUE M:{l: L:[N:1, M:{x: NULL}], n: N:1, pk: S:'a', s: SS:<<'a'>>}");
  AttributeValue item = AttributeValue::map_of({{"pk", AttributeValue::string("p")}});
  CHECK(parsed("INSERT INTO t VALUE ?", {item}) == "INSERT INTO t VALUE M:{pk: S:'p'}");
}

TEST_CASE("PartiQL UPDATE: SET and REMOVE forms, RETURNING", "[partiql]") {
  CHECK(parsed("UPDATE t SET a = 1, b = b + 1 SET c = list_append(c, [1]) REMOVE d, e.f "
               "WHERE pk = 'x'") ==
        "UPDATE t SET a = N:1 SET b = (b + N:1) SET c = list_append(c, L:[N:1]) REMOVE d "
        "REMOVE e.f WHERE (pk = S:'x')");
  CHECK(parsed("UPDATE t REMOVE a SET b = c - 2 SET d = if_not_exists(d, 0) WHERE pk = 1") ==
        "UPDATE t REMOVE a SET b = (c - N:2) SET d = if_not_exists(d, N:0) WHERE (pk = N:1)");
  CHECK(parsed("UPDATE t SET p = set_add(p, <<'a','b'>>) SET q = set_delete(q, <<1>>) WHERE "
               "k = 1") == "UPDATE t ADD p SS:<<'a', 'b'>> DELETE q NS:<<1>> WHERE (k = N:1)");
  CHECK(parsed("UPDATE t SET a.b[1] = 'x' WHERE k = 1 RETURNING ALL OLD *") ==
        "UPDATE t SET a.b[1] = S:'x' WHERE (k = N:1) RETURNING ALL OLD *");
  CHECK(parsed("UPDATE t SET a = 1 WHERE k = 1 RETURNING MODIFIED OLD *") ==
        "UPDATE t SET a = N:1 WHERE (k = N:1) RETURNING MODIFIED OLD *");
  CHECK(parsed("UPDATE t SET a = 1 WHERE k = 1 returning all new *") ==
        "UPDATE t SET a = N:1 WHERE (k = N:1) RETURNING ALL NEW *");
  CHECK(parsed("UPDATE t SET a = 1 WHERE k = 1 RETURNING MODIFIED NEW *") ==
        "UPDATE t SET a = N:1 WHERE (k = N:1) RETURNING MODIFIED NEW *");
  CHECK(parsed("FROM t WHERE k = 1 SET a = 2") == "UPDATE t SET a = N:2 WHERE (k = N:1)");
  // AWS takes SET and REMOVE in turn, and RETURNING, in the FROM-first form too.
  CHECK(parsed("FROM t WHERE k = 1 SET a = 2 REMOVE b SET c = 3 RETURNING ALL NEW *") ==
        "UPDATE t SET a = N:2 REMOVE b SET c = N:3 WHERE (k = N:1) RETURNING ALL NEW *");
}

TEST_CASE("PartiQL DELETE and EXISTS", "[partiql]") {
  CHECK(parsed("DELETE FROM \"t\" WHERE pk = 'a' AND sk = 2") ==
        "DELETE FROM t WHERE ((pk = S:'a') AND (sk = N:2))");
  CHECK(parsed("DELETE FROM t WHERE pk = 'a' RETURNING ALL OLD *") ==
        "DELETE FROM t WHERE (pk = S:'a') RETURNING ALL OLD *");
  CHECK(parsed("EXISTS(SELECT * FROM t WHERE pk = 'a' AND v > 1)") ==
        "EXISTS(SELECT * FROM t WHERE ((pk = S:'a') AND (v > N:1)))");
}

TEST_CASE("PartiQL parameters bind in order, also inside lists and maps", "[partiql]") {
  CHECK(parsed("SELECT * FROM t WHERE a = ? AND b IN [?, ?]",
               {AttributeValue::string("x"), num(1), AttributeValue::boolean_value(true)}) ==
        "SELECT * FROM t WHERE ((a = S:'x') AND (b IN [N:1, BOOL:true]))");
  CHECK(parsed("INSERT INTO t VALUE {'pk': ?, 'l': [1, ?], 'm': {'k': ?}}",
               {AttributeValue::string("p"), num(2), AttributeValue::string_set({"a", "b"})}) ==
        "INSERT INTO t VALUE M:{l: L:[N:1, N:2], m: M:{k: SS:<<'a', 'b'>>}, pk: S:'p'}");
  CHECK(parsed("UPDATE t SET a = ?, b = set_add(b, ?) WHERE k = ?",
               {num(1), AttributeValue::binary_set({"\x01"}), num(3)}) ==
        "UPDATE t SET a = N:1 ADD b BS:<<'\x01'>> WHERE (k = N:3)");
  CHECK(parsed("SELECT * FROM t WHERE a = '?'") == "SELECT * FROM t WHERE (a = S:'?')");
}
