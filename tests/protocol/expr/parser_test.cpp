#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "tests/protocol/expr/test_errors.h"

using namespace protocol;
using namespace protocol::expr;
using namespace expr_test;

namespace {

std::string show(const Path& path) {
  std::string out;
  for (const PathElement& element : path.elements) {
    if (element.kind == PathElement::Kind::kIndex) {
      out += "[" + std::to_string(element.index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + element.name;
    }
  }
  return out;
}

std::string show(const Operand& operand) {
  std::string args;
  for (const Operand& arg : operand.args) {
    args += (args.empty() ? "" : " ") + show(arg);
  }
  switch (operand.kind) {
    case Operand::Kind::kPath:
      return show(operand.path);
    case Operand::Kind::kValue:
      return operand.value_ref;
    case Operand::Kind::kSize:
      return "(size " + args + ")";
    case Operand::Kind::kIfNotExists:
      return "(if_not_exists " + args + ")";
    case Operand::Kind::kListAppend:
      return "(list_append " + args + ")";
    case Operand::Kind::kPlus:
      return "(+ " + args + ")";
    case Operand::Kind::kMinus:
      return "(- " + args + ")";
  }
  return "?";
}

// The tree as an s-expression: (AND (= a :v) (NOT (BETWEEN b :l :h))).
std::string show(const Condition& condition) {
  static const char* kComparators[] = {"=", "<>", "<", "<=", ">", ">="};
  static const char* kFunctions[] = {"attribute_exists", "attribute_not_exists", "attribute_type",
                                     "begins_with", "contains"};
  std::string head;
  switch (condition.kind) {
    case Condition::Kind::kCompare:
      head = kComparators[static_cast<int>(condition.comparator)];
      break;
    case Condition::Kind::kBetween:
      head = "BETWEEN";
      break;
    case Condition::Kind::kIn:
      head = "IN";
      break;
    case Condition::Kind::kFunction:
      head = kFunctions[static_cast<int>(condition.function)];
      break;
    case Condition::Kind::kAnd:
      head = "AND";
      break;
    case Condition::Kind::kOr:
      head = "OR";
      break;
    case Condition::Kind::kNot:
      head = "NOT";
      break;
  }
  for (const Operand& operand : condition.operands) {
    head += " " + show(operand);
  }
  for (const Condition& child : condition.children) {
    head += " " + show(child);
  }
  return "(" + head + ")";
}

std::string show(const UpdateExpression& update) {
  static const char* kKinds[] = {"SET", "REMOVE", "ADD", "DELETE"};
  std::string out;
  for (const UpdateAction& action : update.actions) {
    out += (out.empty() ? "" : "; ") + std::string(kKinds[static_cast<int>(action.kind)]) + " " +
           show(action.path);
    if (action.kind != UpdateAction::Kind::kRemove) {
      out += " " + show(action.value);
    }
  }
  return out;
}

std::string cond(const std::string& text, Source source = Source::kConditionExpression) {
  return show(parse_condition(text, source));
}

std::string cond_error(const std::string& text, Source source = Source::kConditionExpression) {
  return error_of([&] { parse_condition(text, source); });
}
std::string update_error(const std::string& text) {
  return error_of([&] { parse_update(text); });
}
std::string projection_error(const std::string& text) {
  return error_of([&] { parse_projection(text); });
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

const char* kCond = "Invalid ConditionExpression: ";
const char* kUpdate = "Invalid UpdateExpression: ";

}  // namespace

TEST_CASE("conditions: comparisons, BETWEEN, IN and functions") {
  CHECK(cond("a = :v") == "(= a :v)");
  CHECK(cond("a<>b") == "(<> a b)");
  CHECK(cond("a < :v") == "(< a :v)");
  CHECK(cond("a <= :v") == "(<= a :v)");
  CHECK(cond("a > :v") == "(> a :v)");
  CHECK(cond("a >= :v") == "(>= a :v)");
  CHECK(cond(":v = a.b[2].#c") == "(= :v a.b[2].#c)");
  CHECK(cond("a . b [ 1 ] = :v") == "(= a.b[1] :v)");
  CHECK(cond("a BETWEEN :lo AND :hi") == "(BETWEEN a :lo :hi)");
  CHECK(cond("a IN (:x)") == "(IN a :x)");
  CHECK(cond("a in (:x, b, :z)") == "(IN a :x b :z)");
  CHECK(cond("attribute_exists(a)") == "(attribute_exists a)");
  CHECK(cond("attribute_not_exists (#k)") == "(attribute_not_exists #k)");
  CHECK(cond("attribute_type(a, :t)") == "(attribute_type a :t)");
  CHECK(cond("begins_with(a, :p)") == "(begins_with a :p)");
  CHECK(cond("contains(a, size(b))") == "(contains a (size b))");
  CHECK(cond("size(a) > :n") == "(> (size a) :n)");
  CHECK(cond(":n < size(a.b)") == "(< :n (size a.b))");
  CHECK(cond("size(a) BETWEEN :l AND :h") == "(BETWEEN (size a) :l :h)");
}

TEST_CASE("conditions: precedence and grouping") {
  // NOT binds tighter than AND, AND tighter than OR; AND and OR group to the right.
  CHECK(cond("a = :a OR b = :b AND c = :c") == "(OR (= a :a) (AND (= b :b) (= c :c)))");
  CHECK(cond("a = :a AND b = :b OR c = :c") == "(OR (AND (= a :a) (= b :b)) (= c :c))");
  CHECK(cond("NOT a = :a AND b = :b") == "(AND (NOT (= a :a)) (= b :b))");
  CHECK(cond("a = :a AND b = :b AND c = :c") == "(AND (= a :a) (AND (= b :b) (= c :c)))");
  CHECK(cond("a = :a or b = :b oR c = :c") == "(OR (= a :a) (OR (= b :b) (= c :c)))");
  CHECK(cond("b BETWEEN a AND c AND a < b") == "(AND (BETWEEN b a c) (< a b))");
  CHECK(cond("NOT a BETWEEN :l AND :h") == "(NOT (BETWEEN a :l :h))");
  CHECK(cond("NOT NOT nOt a < b") == "(NOT (NOT (NOT (< a b))))");
  CHECK(cond("(a = :a OR b = :b) AND c = :c") == "(AND (OR (= a :a) (= b :b)) (= c :c))");
  CHECK(cond("NOT (a = :a OR b = :b)") == "(NOT (OR (= a :a) (= b :b)))");
  // Parentheses around operands, around functions, and nested groups that are not redundant.
  CHECK(cond("(a) = :v") == "(= a :v)");
  CHECK(cond("a = (:v)") == "(= a :v)");
  CHECK(cond("(size(a)) > :n") == "(> (size a) :n)");
  CHECK(cond("(attribute_exists(a))") == "(attribute_exists a)");
  CHECK(cond("((a) = :v)") == "(= a :v)");
  CHECK(cond("((a = :a) AND (b = :b))") == "(AND (= a :a) (= b :b))");
  CHECK(cond("(attribute_not_exists(pk)) AND (attribute_not_exists(#s))") ==
        "(AND (attribute_not_exists pk) (attribute_not_exists #s))");
  CHECK(cond("(attribute_not_exists(pk) AND (attribute_not_exists(#s)))") ==
        "(AND (attribute_not_exists pk) (attribute_not_exists #s))");
  CHECK(cond("(a < b OR b < a) AND (b < c AND (a < b OR b < c))") ==
        "(AND (OR (< a b) (< b a)) (AND (< b c) (OR (< a b) (< b c))))");
  CHECK(cond("(a) IN ((:x), :y)") == "(IN a :x :y)");
  CHECK(cond("  a=:v  ") == "(= a :v)");
}

TEST_CASE("syntax errors name the token and the tokens around it") {
  // Captured from DynamoDB (see tests/integration/DYNAMODB_MESSAGES.md, "Expressions").
  CHECK(cond_error("foo") == std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \"foo\"");
  CHECK(cond_error("a-b") == std::string(kCond) + "Syntax error; token: \"-\", near: \"a-b\"");
  CHECK(
      cond_error("x = tenantAgent:abc123-def", Source::kFilterExpression) ==
      "Invalid FilterExpression: Syntax error; token: \":abc123\", near: \"tenantAgent:abc123-\"");
  CHECK(cond_error("a IN ()", Source::kKeyConditionExpression) ==
        "Invalid KeyConditionExpression: Syntax error; token: \")\", near: \"()\"");
  CHECK(update_error("INVALID SYNTAX HERE") ==
        std::string(kUpdate) + "Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
  CHECK(update_error("ADD hits : incr") ==
        std::string(kUpdate) + "Syntax error; token: \":\", near: \"hits : incr\"");
  CHECK(update_error("SET _123 = :val1") ==
        std::string(kUpdate) + "Syntax error; token: \"_\", near: \"SET _123\"");
  CHECK(projection_error("!!! INVALID !!!") ==
        "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
  // The rule applied elsewhere: the window runs to the end when nothing follows.
  CHECK(cond_error("a =   ") ==
        std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \"=   \"");
  CHECK(cond_error("a = :v :w") ==
        std::string(kCond) + "Syntax error; token: \":w\", near: \":v :w\"");
  CHECK(cond_error("(a = :v") ==
        std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \":v\"");
  CHECK(cond_error("a = b + c") ==
        std::string(kCond) + "Syntax error; token: \"+\", near: \"b + c\"");
  CHECK(cond_error("a BETWEEN :a") ==
        std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \":a\"");
  CHECK(cond_error("a = \"x\"") ==
        std::string(kCond) + "Syntax error; token: \"\"\", near: \"= \"x\"");
  CHECK(cond_error("(a)") == std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \")\"");
  CHECK(cond_error("(a AND b = :v)") ==
        std::string(kCond) + "Syntax error; token: \"AND\", near: \"a AND b\"");
  CHECK(cond_error("NOT a") == std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \"a\"");
  CHECK(cond_error("a = :v AND") ==
        std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \"AND\"");
  CHECK(cond_error("a.and = :v") ==
        std::string(kCond) + "Syntax error; token: \"and\", near: \".and =\"");
  CHECK(cond_error("a[01] = :v") ==
        std::string(kCond) + "Syntax error; token: \"1\", near: \"01]\"");
  CHECK(cond_error("a[-1] = :v") ==
        std::string(kCond) + "Syntax error; token: \"-\", near: \"[-1\"");
  CHECK(cond_error("f() = :v") ==
        std::string(kCond) + "Syntax error; token: \")\", near: \"() =\"");
  CHECK(cond_error("a = :v)") == std::string(kCond) + "Syntax error; token: \")\", near: \":v)\"");
  CHECK(cond_error(":v") == std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \":v\"");
  CHECK(cond_error("#") == std::string(kCond) + "Syntax error; token: \"#\", near: \"#\"");
  // With no token before, the window starts at the beginning, leading whitespace and all.
  CHECK(cond_error(" ") == std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \" \"");
  CHECK(cond_error("  ) a") == std::string(kCond) + "Syntax error; token: \")\", near: \"  ) a\"");
}

TEST_CASE("redundant parentheses are refused, after syntax errors") {
  const std::string redundant = std::string(kCond) + "The expression has redundant parentheses;";
  CHECK(cond_error("((attribute_not_exists(pk)))") == redundant);
  CHECK(cond_error("((a = :v))") == redundant);
  CHECK(cond_error("((#pk = :pk)) AND ((#sk = :sk))") == redundant);
  CHECK(cond_error("((a)) = :v") == redundant);
  CHECK(cond_error("a = ((:v))") == redundant);
  CHECK(cond_error("NOT ((a = :v))") == redundant);
  CHECK(cond_error("contains(((a)), :v)") == redundant);
  CHECK(cond_error("((size(a))) > :n") == redundant);
  // DynamoDB's grammar refuses the group as soon as it closes: a syntax error before it wins, one
  // after it does not.
  CHECK(cond_error("a = :v :w OR ((b = :c))") ==
        std::string(kCond) + "Syntax error; token: \":w\", near: \":v :w OR\"");
  CHECK(cond_error("((a = :v)) b") == redundant);
  // Redundancy comes before the problems found after parsing.
  CHECK(cond_error("status = :v OR ((dog(a) = :v))") == redundant);
  CHECK(update_error("SET a = ((:v + :w))") ==
        std::string(kUpdate) + "The expression has redundant parentheses;");
  CHECK(update_error("SET a = ((b))") ==
        std::string(kUpdate) + "The expression has redundant parentheses;");
}

TEST_CASE("functions are judged by name and place") {
  CHECK(cond_error("dog(a) = :v") == std::string(kCond) + "Invalid function name; function: dog");
  CHECK(cond_error("ATTRIBUTE_EXISTS(a)") ==
        std::string(kCond) + "Invalid function name; function: ATTRIBUTE_EXISTS");
  CHECK(cond_error("if_not_exists(a, a) = :v") ==
        std::string(kCond) +
            "The function is not allowed in a condition expression; function: if_not_exists");
  CHECK(cond_error("list_append(a, a) = :v", Source::kFilterExpression) ==
        "Invalid FilterExpression: The function is not allowed in a condition expression; "
        "function: list_append");
  CHECK(cond_error("size(a)") ==
        std::string(kCond) +
            "The function is not allowed to be used this way in an expression; function: size");
  CHECK(cond_error("attribute_exists(a) < :v") ==
        std::string(kCond) +
            "The function is not allowed to be used this way in an expression; function: "
            "attribute_exists");
  CHECK(cond_error("contains(begins_with(a, :p), :v)") ==
        std::string(kCond) +
            "The function is not allowed to be used this way in an expression; function: "
            "begins_with");
  // Problems found after parsing are reported in the order of the text (DynamoDB walks the tree).
  CHECK(cond_error("size(a) AND dog(b) = :v") ==
        std::string(kCond) +
            "The function is not allowed to be used this way in an expression; function: size");
  CHECK(cond_error("dog(b) = :v AND size(a)") ==
        std::string(kCond) + "Invalid function name; function: dog");
  // A call is judged where the walk enters it, before its arguments.
  CHECK(cond_error("contains(attribute_exists(a), dog(b))") ==
        std::string(kCond) +
            "The function is not allowed to be used this way in an expression; function: "
            "attribute_exists");
  CHECK(cond_error("dog(size(a)) = :v") ==
        std::string(kCond) + "Invalid function name; function: dog");
  // Operand counts are checked once names and values are known (see expr_resolve_test.cpp).
  CHECK(cond("attribute_exists(a, b)") == "(attribute_exists a b)");
  CHECK(cond("size(a, b) > :v") == "(> (size a b) :v)");
  // Deep nesting that DynamoDB would refuse by name.
  CHECK(cond_error("a < f(f(b))") == std::string(kCond) + "Invalid function name; function: f");
}

TEST_CASE("reserved words cannot be attribute names, #references can") {
  CHECK(cond_error("status = :v") ==
        std::string(kCond) + "Attribute name is a reserved keyword; reserved keyword: status");
  CHECK(cond_error("a.Name = :v") ==
        std::string(kCond) + "Attribute name is a reserved keyword; reserved keyword: Name");
  CHECK(cond("#status = :v") == "(= #status :v)");
  CHECK(cond("statuses = :v") == "(= statuses :v)");
  // Function names are not attribute names, and size names a function, not a reserved word.
  CHECK(cond("size(a) > :v") == "(> (size a) :v)");
  CHECK(cond("size = :v AND convert = :w") == "(AND (= size :v) (= convert :w))");
  // Whichever comes first in the text is reported.
  CHECK(cond_error("status = :v AND dog(a) = :w") ==
        std::string(kCond) + "Attribute name is a reserved keyword; reserved keyword: status");
  CHECK(cond_error("dog(a) = :v AND status = :w") ==
        std::string(kCond) + "Invalid function name; function: dog");
  CHECK(update_error("SET status = dog(a)") ==
        std::string(kUpdate) + "Attribute name is a reserved keyword; reserved keyword: status");
  CHECK(projection_error("pk, status") ==
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "status");
}

TEST_CASE("expression limits") {
  SECTION("empty and oversized text") {
    CHECK(update_error("") == std::string(kUpdate) + "The expression can not be empty;");
    CHECK(cond_error("", Source::kKeyConditionExpression) ==
          "Invalid KeyConditionExpression: The expression can not be empty;");
    CHECK(projection_error("") == "Invalid ProjectionExpression: The expression can not be empty;");
    const std::string spaces(4090, ' ');
    REQUIRE(("a" + spaces + " = :v").size() == 4096);
    CHECK(cond("a" + spaces + " = :v") == "(= a :v)");
    CHECK(cond_error("a " + spaces + " = :v") ==
          std::string(kCond) +
              "Expression size has exceeded the maximum allowed size; expression size: 4097");
    // Only conditions name the size.
    CHECK_NOTHROW(parse_update("SET" + std::string(4087, ' ') + "a = :v"));  // 4096 bytes
    CHECK(update_error("SET " + std::string(4087, ' ') + "a = :v") ==
          std::string(kUpdate) + "Expression size has exceeded the maximum allowed size;");
    CHECK(projection_error(std::string(4097, 'a')) ==
          "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
    // Size is checked before syntax: 10,000 '(' is a size error, not a crash.
    CHECK(cond_error(std::string(10000, '(')) ==
          std::string(kCond) +
              "Expression size has exceeded the maximum allowed size; expression size: 10000");
    CHECK(cond_error("a<b " + repeat("and (a<b ", 20000) + std::string(20000, ')')) ==
          std::string(kCond) +
              "Expression size has exceeded the maximum allowed size; expression size: 200004");
    // The size is counted in UTF-16 code units, as Java counts it: 2,100 'é' are 4,200 bytes.
    CHECK(cond_error(repeat("\xC3\xA9", 2100)).find("Syntax error") != std::string::npos);
    CHECK(cond_error(repeat("\xC3\xA9", 4097)) ==
          std::string(kCond) +
              "Expression size has exceeded the maximum allowed size; expression size: 4097");
    CHECK(cond_error(repeat("\xF0\x9F\x98\x80", 2049)) ==
          std::string(kCond) +
              "Expression size has exceeded the maximum allowed size; expression size: 4098");
  }
  SECTION("list indexes are Java ints") {
    CHECK(cond("a[2147483647] = :v") == "(= a[2147483647] :v)");
    CHECK(cond_error("a[2147483648] = :v") ==
          std::string(kCond) + "List index is not within the allowable range; index: [2147483648]");
    CHECK(cond_error("a [ 99999999999 ] = :v") ==
          std::string(kCond) +
              "List index is not within the allowable range; index: [99999999999]");
  }
  SECTION("operator counts, IN sizes and path depths are checked after parsing") {
    // See expr_resolve_test.cpp; the parser accepts them.
    CHECK_NOTHROW(parse_condition(repeat("not ", 1000) + "a<b", Source::kConditionExpression));
    CHECK_NOTHROW(parse_projection("a" + repeat(".b", 40)));
    std::string list = ":v0";
    for (int i = 1; i <= 100; ++i) {
      list += ", :v" + std::to_string(i);
    }
    CHECK(parse_condition("a IN (" + list + ")", Source::kFilterExpression).operands.size() == 102);
  }
  SECTION("deep nesting is refused cleanly") {
    CHECK(cond_error(std::string(4096, '(')) ==
          std::string(kCond) + "Syntax error; token: \"<EOF>\", near: \"(\"");
    CHECK(cond_error(std::string(2046, '(') + "a<b" + std::string(2046, ')')) ==
          std::string(kCond) + "The expression has redundant parentheses;");
    // Whatever the parser would meet first: here the doubled pair closes before the stray ')'.
    CHECK(cond_error(std::string(500, '(') + "a = :v" + std::string(501, ')')) ==
          std::string(kCond) + "The expression has redundant parentheses;");
    CHECK(cond_error(repeat("(a<b and ", 401) + "a<b)" + std::string(401, ')')) ==
          std::string(kCond) + "Syntax error; token: \")\", near: \"))\"");
    const std::string calls = "a < " + repeat("f(", 1355) + "b" + std::string(1355, ')');
    CHECK(calls.size() < 4096);
    CHECK(cond_error(calls) == std::string(kCond) + "Invalid function name; function: f");
    CHECK(cond_error("a < " + repeat("size(", 680) + "b" + std::string(680, ')')).rfind(kCond, 0) ==
          0);
    // Nested past the limit with operators at every level: DynamoDB would count over 300.
    const std::string deep_or = "a<b " + repeat("or (a<b ", 454) + std::string(454, ')');
    CHECK(deep_or.size() < 4096);
    CHECK(cond_error(deep_or) ==
          std::string(kCond) + "The expression contains too many operators; operator count: 301");
    CHECK(cond_error(repeat("NOT(", 700) + "a<b" + std::string(700, ')')) ==
          std::string(kCond) + "The expression contains too many operators; operator count: 301");
    CHECK(update_error("SET a = " + std::string(1000, '(') + "b" + std::string(1000, ')')) ==
          std::string(kUpdate) + "The expression has redundant parentheses;");
    // Deep but valid nesting within the limits parses.
    CHECK_NOTHROW(parse_condition(repeat("NOT (", 300) + "a = :v" + std::string(300, ')'),
                                  Source::kConditionExpression));
    CHECK_NOTHROW(
        parse_update("SET a = " + repeat("if_not_exists(a, ", 200) + ":v" + std::string(200, ')')));
  }
}

TEST_CASE("update expressions: clauses and actions") {
  CHECK(show(parse_update("SET a = :v")) == "SET a :v");
  CHECK(show(parse_update("set x = :v, y = b.c")) == "SET x :v; SET y b.c");
  CHECK(show(parse_update("REMOVE a, b[2].c")) == "REMOVE a; REMOVE b[2].c");
  CHECK(show(parse_update("ADD n :one, s :set DELETE t :gone")) ==
        "ADD n :one; ADD s :set; DELETE t :gone");
  CHECK(show(parse_update("REMOVE a SET b = :v ADD c :w")) == "REMOVE a; SET b :v; ADD c :w");
  CHECK(show(parse_update("  sEt   b=:val1  ")) == "SET b :val1");
  CHECK(show(parse_update("SET a = :x + :y, b = c - :d")) == "SET a (+ :x :y); SET b (- c :d)");
  CHECK(show(parse_update("SET b = if_not_exists(b, :v)+:w")) ==
        "SET b (+ (if_not_exists b :v) :w)");
  CHECK(show(parse_update("SET l = list_append(if_not_exists(l, :e), :v)")) ==
        "SET l (list_append (if_not_exists l :e) :v)");
  CHECK(show(parse_update("SET a = if_not_exists(b, if_not_exists(c, :v))")) ==
        "SET a (if_not_exists b (if_not_exists c :v))");
  CHECK(show(parse_update("SET a = (:x + :y)")) == "SET a (+ :x :y)");
  CHECK(show(parse_update("SET a = (b) + (c)")) == "SET a (+ b c)");
  CHECK(show(parse_update("SET a = ((b) + c)")) == "SET a (+ b c)");
  CHECK(show(parse_update("SET a = (b)")) == "SET a b");
  CHECK(show(parse_update("SET #a.#b[1] = #c")) == "SET #a.#b[1] #c");
}

TEST_CASE("update expressions: errors") {
  CHECK(update_error("SET a = :v SET b = :w") ==
        std::string(kUpdate) +
            "The \"SET\" section can only be used once in an update expression;");
  CHECK(update_error("SET a = :v REMOVE b SET c = :w") ==
        std::string(kUpdate) +
            "The \"SET\" section can only be used once in an update expression;");
  CHECK(update_error("REMOVE a remove b") ==
        std::string(kUpdate) +
            "The \"REMOVE\" section can only be used once in an update expression;");
  CHECK(update_error("ADD a :v DELETE b :w ADD c :x") ==
        std::string(kUpdate) +
            "The \"ADD\" section can only be used once in an update expression;");
  CHECK(update_error("SET a = :v SET status = :w") ==
        std::string(kUpdate) + "Attribute name is a reserved keyword; reserved keyword: status");
  CHECK(update_error("SET b = :val1 + :val2 + :val3") ==
        std::string(kUpdate) + "Syntax error; token: \"+\", near: \":val2 + :val3\"");
  CHECK(update_error("SET a = (:v + :w) + :x") ==
        std::string(kUpdate) + "Syntax error; token: \"+\", near: \") + :x\"");
  CHECK(update_error("SET c = if_not_exists(c, :val1+:val2)") ==
        std::string(kUpdate) + "Syntax error; token: \"+\", near: \":val1+:val2\"");
  CHECK(update_error("SET :a = :b") ==
        std::string(kUpdate) + "Syntax error; token: \":a\", near: \"SET :a =\"");
  CHECK(update_error("SET a[:xyz] = :v") ==
        std::string(kUpdate) + "Syntax error; token: \":xyz\", near: \"[:xyz]\"");
  CHECK(update_error("SET a[#xyz] = :v") ==
        std::string(kUpdate) + "Syntax error; token: \"#xyz\", near: \"[#xyz]\"");
  CHECK(update_error("SET hi-there = :v") ==
        std::string(kUpdate) + "Syntax error; token: \"-\", near: \"hi-there\"");
  CHECK(update_error("SET a = :") ==
        std::string(kUpdate) + "Syntax error; token: \":\", near: \"= :\"");
  CHECK(update_error("SET set = :v") ==
        std::string(kUpdate) + "Syntax error; token: \"set\", near: \"SET set =\"");
  CHECK(update_error("SET a = :v,") ==
        std::string(kUpdate) + "Syntax error; token: \"<EOF>\", near: \",\"");
  CHECK(update_error("SET") ==
        std::string(kUpdate) + "Syntax error; token: \"<EOF>\", near: \"SET\"");
  CHECK(update_error("HELLO b = :val1") ==
        std::string(kUpdate) + "Syntax error; token: \"HELLO\", near: \"HELLO b\"");
  CHECK(update_error("ADD a b") ==
        std::string(kUpdate) + "Syntax error; token: \"b\", near: \"a b\"");
  CHECK(update_error("DELETE a") ==
        std::string(kUpdate) + "Syntax error; token: \"<EOF>\", near: \"a\"");
  CHECK(update_error("SET a = _f(b,c,d)") ==
        std::string(kUpdate) + "Syntax error; token: \"_\", near: \"= _f\"");
  CHECK(update_error("SET a = size(b)") ==
        std::string(kUpdate) +
            "The function is not allowed in an update expression; function: size");
  CHECK(update_error("SET a = contains(b, :v)") ==
        std::string(kUpdate) +
            "The function is not allowed in an update expression; function: contains");
  CHECK(update_error("SET a = f(b,c,d)") ==
        std::string(kUpdate) + "Invalid function name; function: f");
  CHECK(update_error("SET a = LIST_APPEND(:v1, :v2)") ==
        std::string(kUpdate) + "Invalid function name; function: LIST_APPEND");
  const std::string used_this_way =
      std::string(kUpdate) +
      "The function is not allowed to be used this way in an expression; function: list_append";
  // Only if_not_exists may be nested in a call or in arithmetic.
  CHECK(update_error("SET a = list_append(list_append(:v1, :v2), :v3)") == used_this_way);
  CHECK(update_error("SET a = if_not_exists(a, list_append(a, :v))") == used_this_way);
  CHECK(update_error("SET a = list_append(a, :v) + :w") == used_this_way);
  CHECK(update_error("SET a = :w - (list_append(a, :v))") == used_this_way);
  CHECK(update_error("SET a = (list_append(a, :v)) + :w") == used_this_way);
  CHECK(update_error("SET a = size(b), c = list_append(list_append(:x, :y), :z)") ==
        std::string(kUpdate) +
            "The function is not allowed in an update expression; function: size");
  // The parser accepts any operand count; the resolver refuses it (expr_resolve_test.cpp).
  CHECK(show(parse_update("SET a = list_append(:v1)")) == "SET a (list_append :v1)");
}

TEST_CASE("projection expressions") {
  const Projection projection = parse_projection(" a , b.c[1] ,#n ");
  REQUIRE(projection.size() == 3);
  CHECK(show(projection[0]) == "a");
  CHECK(show(projection[1]) == "b.c[1]");
  CHECK(show(projection[2]) == "#n");
  CHECK(projection[2].elements[0].is_reference);
  const std::string prefix = "Invalid ProjectionExpression: ";
  CHECK(projection_error("a,") == prefix + "Syntax error; token: \"<EOF>\", near: \",\"");
  CHECK(projection_error(",a") == prefix + "Syntax error; token: \",\", near: \",a\"");
  CHECK(projection_error("a,,b") == prefix + "Syntax error; token: \",\", near: \",,b\"");
  CHECK(projection_error("size(a)") == prefix + "Syntax error; token: \"(\", near: \"size(a\"");
  // Overlap is a check after resolution (expr_checks_test.cpp), not a parse error.
  CHECK(parse_projection("a.b[0],a.b[0]").size() == 2);
}
