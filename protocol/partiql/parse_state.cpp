#include <algorithm>
#include <string>

#include "protocol/error.h"
#include "protocol/partiql/syntax.h"

namespace protocol::partiql {

namespace {

// PartiQL's token type names, as its "Expected <type>" errors print them.
std::string_view token_type_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kRParen:
      return "RIGHT_PAREN";
    case TokenKind::kRBracket:
      return "RIGHT_BRACKET";
    case TokenKind::kRBrace:
      return "RIGHT_CURLY";
    case TokenKind::kRBag:
      return "RIGHT_DOUBLE_ANGLE_BRACKET";
    case TokenKind::kColon:
      return "COLON";
    case TokenKind::kLParen:
      return "LEFT_PAREN";
    default:
      return "TOKEN";
  }
}

}  // namespace

void malformed(std::string_view detail) {
  throw ApiError::validation("Statement wasn't well formed, can't be processed: " +
                             std::string(detail));
}

void invalid(std::string message) { throw ApiError::validation(std::move(message)); }

const Token& ParseState::peek(size_t ahead) const {
  // The last token is always kEnd, and looking past it keeps returning it.
  return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
}

bool ParseState::at_keyword(std::string_view word, size_t ahead) const {
  const Token& token = peek(ahead);
  return token.kind == TokenKind::kKeyword && token.text == word;
}

bool ParseState::at_operator(std::string_view op) const {
  return kind() == TokenKind::kOperator && peek().text == op;
}

const Token& ParseState::advance() {
  const Token& token = peek();
  if (position_ + 1 < tokens_.size()) {
    ++position_;
  }
  return token;
}

bool ParseState::accept_keyword(std::string_view word) {
  if (!at_keyword(word)) {
    return false;
  }
  advance();
  return true;
}

void ParseState::expect(TokenKind expected) {
  if (kind() != expected) {
    malformed("Expected " + std::string(token_type_name(expected)));
  }
  advance();
}

void ParseState::expect_keyword(std::string_view word) {
  if (!accept_keyword(word)) {
    std::string upper(word);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    malformed("Expected " + upper + " keyword");
  }
}

// No statement DynamoDB runs comes near the bound; past it the statement is refused as malformed
// rather than risk the stack (DynamoDB's own recursive parser has a limit of its own, untested).
void ParseState::enter_nesting() {
  if (++depth_ > kMaxNestingDepth) {
    malformed("Statement nesting exceeds the supported depth");
  }
}

void ParseState::defer(std::string message) {
  if (!deferred_) {
    deferred_ = std::move(message);
  }
}

void ParseState::throw_deferred() const {
  if (deferred_) {
    invalid(*deferred_);
  }
}

void ParseState::finish() const {
  if (kind() == TokenKind::kEnd) {
    return;
  }
  if (kind() == TokenKind::kSemicolon) {
    if (kind(1) == TokenKind::kEnd) {
      return;
    }
    malformed("Unexpected token after semicolon. (Only one query is allowed.)");
  }
  malformed("Unexpected token after expression");
}

}  // namespace protocol::partiql
