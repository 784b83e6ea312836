#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/partiql/parser.h"
#include "storage/number.h"
#include "storage/value.h"
#include "tests/protocol/expr/test_errors.h"

// The exact ValidationException texts parse_statement gives; the sources of each text are listed
// in the report of the branch that added them (PartiQL's reference parser for syntax errors,
// DynamoDB's recorded and decompiled messages for the rest).
using namespace protocol::partiql;
using expr_test::error_of;
using storage::AttributeValue;

namespace {

const std::string kMalformed = "Statement wasn't well formed, can't be processed: ";

std::string error(const std::string& text, const std::vector<AttributeValue>& parameters = {}) {
  return error_of([&] { parse_statement(text, parameters); });
}

}  // namespace

TEST_CASE("PartiQL syntax errors name PartiQL's detail", "[partiql]") {
  CHECK(error("SELECT * FROM t WHERE pk = 1 foo") ==
        kMalformed + "Unexpected token after expression");
  CHECK(error("SELECT * FROM t WHERE pk = 1 e5") ==
        kMalformed + "Unexpected token after expression");
  CHECK(error("SELECT * FROM t WHERE pk = 1)") == kMalformed + "Unexpected token after expression");
  CHECK(error("DELETE FROM t WHERE pk = 1 ORDER BY pk") ==
        kMalformed + "Unexpected token after expression");
  CHECK(error("SELECT * FROM t ORDER BY pk WHERE pk = 1") ==
        kMalformed + "Unexpected token after expression");
  CHECK(error("INSERT INTO t x VALUE {'pk': 1}") ==
        kMalformed + "Unexpected token after expression");
  CHECK(error("SELECT * FROM t; SELECT * FROM t") ==
        kMalformed + "Unexpected token after semicolon. (Only one query is allowed.)");
  for (const char* text :
       {"SELECT * FROM t WHERE", "SELECT * FROM t WHERE   ", "SELECT * FROM t WHERE;",
        "UPDATE t SET a = 1 WHERE", "SELECT * FROM t WHERE NOT", "SELECT * FROM t WHERE (",
        "SELECT * FROM", ""}) {
    if (std::string(text).empty()) {
      continue;
    }
    CHECK(error(text) == kMalformed + "Unexpected term");
  }
  CHECK(error("SELECT * FROM t WHERE pk = 'a' AND") ==
        kMalformed + "Missing right-hand side expression of infix operator");
  CHECK(error("SELECT * FROM t WHERE pk = 'a' OR") ==
        kMalformed + "Missing right-hand side expression of infix operator");
  CHECK(error("SELECT * FROM t WHERE ORDER BY pk") == kMalformed + "Unexpected keyword");
  CHECK(error("SELECT * FROM t WHERE pad = 1") == kMalformed + "Unexpected keyword");
  CHECK(error("SELECT * FROM t WHERE pk = 'a' AND x IS FOO") == kMalformed + "Expected type name");
  CHECK(error("SELECT * FROM t WHERE IS NULL") == kMalformed + "Unexpected keyword");
  CHECK(error("SELECT * FROM t WHERE pk = = 1") == kMalformed + "Unexpected operator");
  for (const char* text :
       {"DELETE FROM", "DELETE FROM   ", "DELETE FROM;", "DELETE FROM WHERE pk = 'a'"}) {
    CHECK(error(text) == kMalformed + "Expected identifier for simple path");
  }
  CHECK(error("DELETE t WHERE a = 1") == kMalformed + "Expected FROM after DELETE");
  CHECK(error("SELECT * t") == kMalformed + "Expected FROM after SELECT list");
  CHECK(error("SELECT *, a FROM t") ==
        kMalformed +
            "Other expressions may not be present in the select list when '*' is used without dot "
            "notation.");
  CHECK(error("SLECT * FROM \"Users\"") == kMalformed + "Expected data manipulation");
  CHECK(error("UPDATE t WHERE k = 1") == kMalformed + "Expected data manipulation");
  CHECK(error("UPDATE t SET a 1") == kMalformed + "Expected '='");
  CHECK(error("SELECT * FROM t WHERE a BETWEEN 1") == kMalformed + "Expected AND keyword");
  CHECK(error("SELECT * FROM t WHERE a BETWEEN 1 AND") ==
        kMalformed + "Expected expression after AND");
  CHECK(error("SELECT * FROM t WHERE a IN (1, 2") == kMalformed + "Expected RIGHT_PAREN");
  CHECK(error("SELECT * FROM t WHERE a = [1, 2") == kMalformed + "Expected RIGHT_BRACKET");
  CHECK(error("SELECT * FROM t WHERE a = {'k' 1}") == kMalformed + "Expected COLON");
  CHECK(error("SELECT * FROM t WHERE a = {'k': 1") == kMalformed + "Expected RIGHT_CURLY");
  CHECK(error("SELECT * FROM t WHERE a = <<1") ==
        kMalformed + "Expected RIGHT_DOUBLE_ANGLE_BRACKET");
  CHECK(error("SELECT * FROM t WHERE a. = 1") == kMalformed + "Invalid path dot component");
}

TEST_CASE("PartiQL input the lexer cannot read names no detail", "[partiql]") {
  for (const char* text :
       {"SELECT * FROM \"t", "SELECT * FROM t WHERE a = 'x", "SELECT * FROM t WHERE pk = 1 # note",
        "SELECT * FROM t WHERE pk = 1 /* note", "SELECT * FROM t WHERE pk = 1e2147483648",
        "SELECT * FROM t WHERE pk = 1e99999999999", "SELECT * FROM t WHERE pk = 1.5e-2147483647",
        "SELECT * FROM t WHERE pk = 1e", "SELECT * FROM t WHERE pk = ~1"}) {
    CHECK(error(text) == kMalformed);
  }
}

TEST_CASE("PartiQL statements DynamoDB refuses after parsing", "[partiql]") {
  CHECK(error("SELECT * FROM t x WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(error("SELECT * FROM t AS x WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(error("UPDATE t x SET a = 3 WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(error("DELETE FROM t x WHERE pk = 'x'") == "Aliasing is not supported");
  CHECK(error("SELECT * FROM t.\"i\".\"extra\" WHERE pk = 'p'") ==
        "A path may contain at most 2 components in the FROM clause");
  CHECK(error("SELECT * FROM t.\"\" WHERE pk = 'p'") == "Path component cannot be an empty string");
  CHECK(error("SELECT * FROM \"\" WHERE pk = 'p'") == "Path component cannot be an empty string");
  CHECK(error("SELECT * FROM t LIMIT 1") == "Unsupported clause: LIMIT");
  CHECK(error("SELECT a.z, m.z FROM t") == "Duplicate identifiers in select clause: z");
  for (const char* form : {"MODIFIED OLD", "ALL NEW", "MODIFIED NEW"}) {
    CHECK(error("DELETE FROM t WHERE pk = 'x' RETURNING " + std::string(form) + " *") ==
          "Invalid returning clause: RETURNING " + std::string(form) +
              " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
  }
  CHECK(error("UPDATE t SET a = 1 WHERE k = 1 RETURNING ALL NEW") ==
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  CHECK(error("UPDATE t SET a = 1 WHERE k = 1 RETURNING ALL NEW *, ALL OLD *") ==
        "Invalid syntax with multiple returning elements in RETURNING clause");
  CHECK(error("INSERT INTO t VALUE {'pk': 1} RETURNING ALL OLD *") ==
        "RETURNING is not supported in INSERT");
  CHECK(error("INSERT INTO t VALUE [1]") ==
        "Unsupported format in item expression. Please use struct format {...} to express item "
        "values for insert statement.");
  CHECK(error("INSERT INTO t VALUE {'pk': 1, 'pk': 2}") ==
        "Duplicate keys in tuple. Key: pk under root");
  CHECK(error("SELECT * FROM t WHERE a") ==
        "WHERE clause must contain an expression that resolves to a boolean");
  CHECK(error("SELECT * FROM t WHERE a = 1 AND b") ==
        "The arguments to AND/OR must be Expressions");
  CHECK(error("SELECT * FROM t WHERE a = MISSING") == "MISSING must be compared using IS operator");
  CHECK(error("SELECT * FROM t WHERE foo(a)") == "Unrecognized function: foo at 1:23:3");
  CHECK(error("SELECT * FROM t WHERE a IS INT") ==
        "Unsupported data type for IS operator: INT. Supported data types are [MISSING, NULL, "
        "BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]");
  CHECK(error("UPDATE t SET a = set_add(b, <<1>>) WHERE k = 1") ==
        "The first argument to SET_ADD must equal the assignment value at 1:18:7");
  CHECK(error("UPDATE t SET a = set_delete(a, [1]) WHERE k = 1") ==
        "The second argument to SET_DELETE must be a value with type SET at 1:29:1");
  CHECK(error("UPDATE t SET a = set_add(a) WHERE k = 1") ==
        "SET_ADD must have exactly two arguments at 1:18:7");
  CHECK(error("UPDATE t SET a = b IS NULL WHERE k = 1") ==
        "IS operator is not supported in update expressions");
}

TEST_CASE("PartiQL set literals", "[partiql]") {
  CHECK(error("SELECT * FROM t WHERE a = <<>>") == "Empty bags are not supported");
  CHECK(error("SELECT * FROM t WHERE a = <<1, 'a'>>") ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  CHECK(error("SELECT * FROM t WHERE a = <<true>>") ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  CHECK(error("SELECT * FROM t WHERE a = <<?>>", {AttributeValue::string("x")}) ==
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  CHECK(error("SELECT * FROM t WHERE a = <<'a', 'a'>>") ==
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
  CHECK(error("SELECT * FROM t WHERE a = <<1, 1.0>>") == "Input collection contains duplicates");
}

TEST_CASE("PartiQL numbers outside DynamoDB's range name where they are", "[partiql]") {
  const std::string overflow =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  CHECK(error("SELECT * FROM t WHERE pk = 1e126") == overflow + " under root");
  CHECK(error("SELECT * FROM t WHERE pk = 1e-131") ==
        "Number underflow. Attempting to store a number with magnitude smaller than supported "
        "range under root");
  CHECK(error("SELECT * FROM t WHERE pk = 123456789012345678901234567890123456789") ==
        "Attempting to store more than 38 significant digits in a Number under root");
  CHECK(error("INSERT INTO t VALUE {'pk': 1, 'm': {'x': 1e126}}") == overflow + " under root.x");
  CHECK(error("INSERT INTO t VALUE {'pk': 1, 'l': [1, 1e126]}") == overflow + " under root[1]");
  CHECK(error("UPDATE t SET a = 1e126 WHERE pk = 1") == overflow + " under root");
}

TEST_CASE("PartiQL parameter count must match the statement's", "[partiql]") {
  const std::string mismatch = "Number of parameters in request and statement don't match.";
  CHECK(error("SELECT * FROM t WHERE a = ?") == mismatch);
  CHECK(error("SELECT * FROM t WHERE a = 1", {AttributeValue::string("x")}) == mismatch);
  CHECK(error("INSERT INTO t VALUE {'a': ?, 'b': [?]}", {AttributeValue::string("x")}) == mismatch);
  // Syntax errors come first.
  CHECK(error("SELECT * FROM t WHERE a = ? AND", {}) ==
        kMalformed + "Missing right-hand side expression of infix operator");
}

TEST_CASE("PartiQL bounds: statement length and nesting", "[partiql]") {
  const std::string base = "SELECT * FROM t WHERE a = '";
  const std::string fits = base + std::string(kMaxStatementBytes - base.size() - 1, 'x') + "'";
  CHECK(error(fits) == "no error");
  const std::string over = base + std::string(kMaxStatementBytes - base.size(), 'x') + "'";
  CHECK(error(over) == "1 validation error detected: Value '" + over +
                           "' at 'statement' failed to satisfy constraint: Member must have "
                           "length less than or equal to 8192");
  CHECK(error("") ==
        "1 validation error detected: Value '' at 'statement' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");

  const std::string nesting =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit";
  auto nested_list = [](size_t levels) {
    return "INSERT INTO t VALUE {'pk': 1, 'l': " + std::string(levels, '[') + "1" +
           std::string(levels, ']') + "}";
  };
  CHECK(error(nested_list(31)) == "no error");
  CHECK(error(nested_list(32)) == nesting);
  // A parameter deep inside a literal counts its own levels too.
  AttributeValue deep = AttributeValue::list_of({});
  for (int i = 0; i < 30; ++i) {
    deep = AttributeValue::list_of({deep});
  }
  CHECK(error("INSERT INTO t VALUE {'pk': 1, 'l': [?]}", {deep}) == "no error");
  CHECK(error("INSERT INTO t VALUE {'pk': 1, 'l': [[?]]}", {deep}) == nesting);

  // Recursion is bounded whatever the statement nests: parentheses, NOT, signs, calls.
  for (const std::string& open : {std::string("("), std::string("NOT "), std::string("- "),
                                  std::string("f("), std::string("[")}) {
    std::string text = "SELECT * FROM t WHERE ";
    for (int i = 0; i < 2000; ++i) {
      text += open;
    }
    CHECK(error(text) == kMalformed + "Statement nesting exceeds the supported depth");
  }
}
