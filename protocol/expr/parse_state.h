#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/expr/ast.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/lexer.h"
#include "protocol/expr/nesting_guard.h"

// The state the hand-written parsers share (parser.cpp, parse_condition.cpp, parse_update.cpp):
// the token cursor, DynamoDB's syntax-error text, the nesting limit, and the problems DynamoDB
// reports only once the whole expression has parsed.
namespace protocol::expr {

// Parentheses and function calls nest by recursion, so nesting is bounded to keep the stack small
// (a few hundred bytes per level). No expression DynamoDB accepts comes near: every non-redundant
// level of a condition costs an operator (at most 300), and nested if_not_exists calls fit about
// 230 levels in 4 KB.
constexpr size_t kMaxNestingDepth = 400;

// DynamoDB refuses an expression with more than 300 operators (comparisons, BETWEEN, IN, AND, OR,
// NOT, + and -, function calls) once it has parsed; the Resolver counts them.
constexpr size_t kMaxOperators = 300;

class ParseState {
 public:
  // Refuses empty and oversized text (DynamoDB checks both before the syntax), then tokenizes.
  ParseState(std::string_view text, Source source);

  Source source() const { return source_; }
  std::string_view text(const Token& token) const { return token_text(text_, token); }
  size_t position() const { return position_; }
  const Token& peek(size_t ahead = 0) const;
  const Token& peek_at(size_t index) const { return tokens_[std::min(index, tokens_.size() - 1)]; }
  TokenKind kind(size_t ahead = 0) const { return peek(ahead).kind; }
  const Token& advance();
  bool accept(TokenKind kind);
  void expect(TokenKind kind);

  // `Invalid <source>: Syntax error; token: "<t>", near: "<one token before ... one after>"`.
  [[noreturn]] void syntax_error() const { syntax_error_at(position_); }
  [[noreturn]] void syntax_error_at(size_t index) const;
  // DynamoDB's grammar throws this as soon as it closes "((x))", before parsing on.
  [[noreturn]] void redundant_parentheses() const;

  void enter_nesting();
  void leave_nesting() { --depth_; }

  // DynamoDB checks reserved words, function names and places, list indexes and repeated update
  // clauses in a walk over the finished parse tree, so the first problem in the order of that walk
  // wins, and only if the whole expression parsed. `position` is the index of the token the walk
  // reaches it at (a function's name, an attribute name, the token after a clause).
  void defer(size_t position, std::string detail);

  // path: (identifier | #name) ( '.' (identifier | #name) | '[' index ']' )*
  Path parse_path();
  // atom: path | :value. Anything else is a syntax error. Kept out of line: the parsers' operand
  // functions recurse, and their frames stay small.
  [[gnu::noinline]] Operand parse_atom();
  // '(' operand ')', where `parse_operand(bool& outer_parens)` is the calling parser's own operand
  // rule (conditions and updates allow different calls); "((x))" is refused as redundant
  // parentheses. One return of one local, so the operand is built in place.
  template <typename ParseOperand>
  Operand parse_operand_group(const ParseOperand& parse_operand);

  // Requires the end of input, then throws the deferred problem, if any.
  void finish() const;

 private:
  void parse_name_element(Path& path);
  void parse_index_element(Path& path);
  [[noreturn]] void nesting_overflow() const;
  size_t operator_tokens() const;

  std::string_view text_;
  Source source_;
  std::vector<Token> tokens_;
  size_t position_ = 0;
  size_t depth_ = 0;
  size_t deferred_position_ = 0;
  std::optional<std::string> deferred_;
};

template <typename ParseOperand>
Operand ParseState::parse_operand_group(const ParseOperand& parse_operand) {
  advance();  // '('
  NestingGuard guard(*this);
  bool inner_parens = false;
  Operand operand = parse_operand(inner_parens);
  expect(TokenKind::kRParen);
  if (inner_parens) {
    redundant_parentheses();
  }
  return operand;
}

}  // namespace protocol::expr
