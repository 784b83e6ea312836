#include <string>
#include <utility>

#include "protocol/partiql/syntax.h"

// Table names and the simple paths of DML targets. PartiQL reads a DML target (INSERT INTO, UPDATE,
// DELETE FROM, SET and REMOVE) as a "simple path" of names and literal indexes, and a SELECT's
// source as any expression; DynamoDB then takes one name, or a table and an index.
namespace protocol::partiql {

namespace {

bool is_name(TokenKind kind) {
  return kind == TokenKind::kIdentifier || kind == TokenKind::kQuotedIdentifier;
}

// What PartiQL's term parser says about a token that cannot start a SELECT's source.
[[noreturn]] void bad_source(const ParseState& state) {
  switch (state.kind()) {
    case TokenKind::kKeyword:
      malformed("Unexpected keyword");
    case TokenKind::kOperator:
      malformed("Unexpected operator");
    case TokenKind::kString:
    case TokenKind::kNumber:
    case TokenKind::kQuestion:
    case TokenKind::kLBracket:
    case TokenKind::kLBrace:
    case TokenKind::kLBag:
    case TokenKind::kLParen:
      invalid("Unexpected from source");  // an expression PartiQL parses and DynamoDB refuses
    default:
      malformed("Unexpected term");
  }
}

std::string component(ParseState& state) {
  std::string name = state.advance().text;
  if (name.empty()) {
    state.defer("Path component cannot be an empty string");
  }
  return name;
}

}  // namespace

expr::Path parse_simple_path(ParseState& state) {
  if (!is_name(state.kind())) {
    malformed("Expected identifier for simple path");
  }
  expr::Path path;
  expr::PathElement root;
  root.name = state.advance().text;
  path.elements.push_back(std::move(root));
  while (true) {
    if (state.kind() == TokenKind::kDot) {
      state.advance();
      if (state.kind() == TokenKind::kStar) {
        malformed("Invalid path dot component for simple path");
      }
      if (!is_name(state.kind())) {
        malformed("Invalid path dot component");
      }
      expr::PathElement element;
      element.name = state.advance().text;
      path.elements.push_back(std::move(element));
    } else if (state.kind() == TokenKind::kLBracket) {
      state.advance();
      NestingGuard guard(state);
      Node index = parse_expression(state);
      state.expect(TokenKind::kRBracket);
      if (index.kind != Node::Kind::kNumber && index.kind != Node::Kind::kString) {
        malformed("Invalid path component for simple path");
      }
      path.elements.push_back(path_step(state, index));
    } else {
      return path;
    }
  }
}

TableName parse_table_name(ParseState& state, bool simple) {
  if (!is_name(state.kind())) {
    if (simple) {
      malformed("Expected identifier for simple path");
    }
    bad_source(state);
  }
  TableName name;
  name.table = component(state);
  if (state.kind() != TokenKind::kDot) {
    return name;
  }
  state.advance();
  if (!is_name(state.kind())) {
    malformed("Invalid path dot component");
  }
  name.index = component(state);
  while (state.kind() == TokenKind::kDot) {
    state.advance();
    if (!is_name(state.kind())) {
      malformed("Invalid path dot component");
    }
    state.advance();
    state.defer("A path may contain at most 2 components in the FROM clause");
  }
  return name;
}

}  // namespace protocol::partiql
