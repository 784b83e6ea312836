#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/expr/ast.h"
#include "protocol/expr/nesting_guard.h"
#include "protocol/partiql/lexer.h"
#include "storage/value.h"

// Internals of the PartiQL parser (parser.cpp, parse_expression.cpp, convert.cpp). DynamoDB parses
// a statement with PartiQL's general expression grammar first and only then translates the tree
// into its operations, refusing what it does not support. So do we: parse_expression() builds a
// Node tree with PartiQL's syntax errors, and convert.cpp turns Nodes into the expression
// language's conditions, operands and values with DynamoDB's translation errors.
namespace protocol::partiql {

// Parentheses, NOT, unary signs, calls and collection literals nest by recursion; the depth is
// bounded to keep the stack small. The bound is above the 32 levels a document value may nest, so
// that too-deep literals get DynamoDB's nesting message rather than this one.
constexpr size_t kMaxNestingDepth = 100;

// DynamoDB's document nesting limit: a value with 32 lists or maps around it is refused.
constexpr size_t kMaxDocumentNesting = 32;

// "Statement wasn't well formed, can't be processed: <detail>" (PartiQL's syntax errors).
[[noreturn]] void malformed(std::string_view detail);
// Any other ValidationException (DynamoDB's translation errors), message as given.
[[noreturn]] void invalid(std::string message);

// A PartiQL expression as parsed, before translation.
struct Node {
  enum class Kind : uint8_t {
    kPath,       // path
    kString,     // text
    kNumber,     // text (lexer-canonical)
    kBool,       // boolean
    kNull,       // NULL
    kMissing,    // MISSING
    kParameter,  // parameter (the n-th `?`, from 0)
    kList,       // [children] or (a, b, ...)
    kStruct,     // {children[0]: children[1], ...}
    kBag,        // <<children>>
    kCall,       // text(children), text lower-cased
    kBinary,     // children[0] text children[1]: and or = <> != < <= > >= + - * / % || like in
    kUnary,      // text children[0]: not, + or - on a non-number
    kBetween,    // children[0] BETWEEN children[1] AND children[2] (negated: NOT BETWEEN)
    kIs,         // children[0] IS [NOT] text, text the type name lower-cased
  };
  Kind kind = Kind::kNull;
  std::string text;
  expr::Path path;
  bool boolean = false;
  bool negated = false;  // NOT IN, NOT BETWEEN, NOT LIKE, IS NOT
  size_t parameter = 0;
  std::vector<Node> children;
  Position position;  // kCall: the function name's; kPath: its first name's
};

// The token cursor, the parameter counter, and the first translation problem met while parsing,
// which DynamoDB reports only once the whole statement has parsed.
class ParseState {
 public:
  explicit ParseState(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  const Token& peek(size_t ahead = 0) const;
  TokenKind kind(size_t ahead = 0) const { return peek(ahead).kind; }
  bool at_keyword(std::string_view word, size_t ahead = 0) const;
  bool at_operator(std::string_view op) const;
  const Token& advance();
  bool accept_keyword(std::string_view word);
  // PartiQL's "Expected <TOKEN_TYPE>" (RIGHT_PAREN, RIGHT_BRACKET, COLON, ...).
  void expect(TokenKind kind);
  // PartiQL's "Expected <WORD> keyword".
  void expect_keyword(std::string_view word);

  size_t take_parameter() { return parameters_++; }
  size_t parameters() const { return parameters_; }

  void enter_nesting();
  void leave_nesting() { --depth_; }

  void defer(std::string message);
  void throw_deferred() const;

  // The statement must end here, optionally after one ';'.
  void finish() const;

 private:
  std::vector<Token> tokens_;
  size_t position_ = 0;
  size_t parameters_ = 0;
  size_t depth_ = 0;
  std::optional<std::string> deferred_;
};

using expr::NestingGuard;

// PartiQL's expression grammar (Pratt, PartiQL's precedences). `min_precedence` -1 parses a whole
// expression. Implemented in parse_expression.cpp.
Node parse_expression(ParseState& state, int min_precedence = -1);
// One [index] step of a path: a non-negative integer literal is a list index, a string literal a
// name (a['b'] is a.b); anything else is refused once the statement has parsed.
expr::PathElement path_step(ParseState& state, const Node& index);
// A simple path: identifier or "quoted" first, then .name, ."name" and [literal] steps (UPDATE's
// SET and REMOVE targets, DML table names).
expr::Path parse_simple_path(ParseState& state);
// name [. name] after FROM, INTO, UPDATE or DELETE FROM; `simple` picks PartiQL's error for a
// missing name ("Expected identifier for simple path" in DML, "Unexpected term/keyword" in SELECT).
struct TableName {
  std::string table;
  std::optional<std::string> index;
};
TableName parse_table_name(ParseState& state, bool simple);

// Translation (convert.cpp). `parameters` were checked to match the statement's `?` count.
class Converter {
 public:
  explicit Converter(const std::vector<storage::AttributeValue>& parameters)
      : parameters_(parameters) {}
  expr::Condition condition(const Node& node, bool top = true) const;
  expr::Operand operand(const Node& node) const;
  // A document value (literal, collection, parameter); `where` names it in messages ("root").
  storage::AttributeValue value(const Node& node, const std::string& where = "root",
                                size_t depth = 0) const;
  // An INSERT's item: a struct literal or an M parameter.
  storage::Item item(const Node& node) const;
  // One SET assignment's action.
  expr::UpdateAction assignment(expr::Path target, const Node& node) const;

 private:
  storage::AttributeValue bag(const Node& node) const;
  storage::AttributeMap tuple(const Node& node, const std::string& where, size_t depth) const;
  expr::Operand update_operand(const Node& node) const;
  expr::Condition function(const Node& node) const;
  expr::Condition is_test(const Node& node) const;

  const std::vector<storage::AttributeValue>& parameters_;
};

bool is_value_node(const Node& node);

}  // namespace protocol::partiql
