#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>

#include "protocol/expr/compare.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "protocol/expr/parse_state.h"

namespace protocol::expr {

ParseState::ParseState(std::string_view text, Source source) : text_(text), source_(source) {
  if (text.empty()) {
    throw invalid(source, "The expression can not be empty;");
  }
  // DynamoDB measures expressions as Java strings, in UTF-16 code units.
  if (const uint64_t size = utf16_length(text); size > kMaxExpressionBytes) {
    // Only the condition parser names the size (DynamoDB Local's DynamoDbParser does the same).
    std::string detail = "Expression size has exceeded the maximum allowed size;";
    if (source != Source::kUpdateExpression && source != Source::kProjectionExpression) {
      detail += " expression size: " + std::to_string(size);
    }
    throw invalid(source, detail);
  }
  tokens_ = tokenize(text);
}

const Token& ParseState::peek(size_t ahead) const {
  // The last token is always kEnd, and looking past it keeps returning it.
  return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
}

const Token& ParseState::advance() {
  const Token& token = tokens_[position_];
  if (position_ + 1 < tokens_.size()) {
    ++position_;
  }
  return token;
}

bool ParseState::accept(TokenKind kind) {
  if (peek().kind != kind) {
    return false;
  }
  advance();
  return true;
}

void ParseState::expect(TokenKind kind) {
  if (!accept(kind)) {
    syntax_error();
  }
}

// DynamoDB quotes the offending token and the source text from the token before it to the token
// after it, whitespace included (ExpressionErrorListener in DynamoDB Local): `ADD hits : incr`
// fails with token ":" near "hits : incr", `!!! INVALID !!!` with token "!" near "!!", and `foo`
// with token "<EOF>" near "foo". Leading whitespace counts when there is no token before, trailing
// whitespace when the end of input comes after.
void ParseState::syntax_error_at(size_t index) const {
  const Token& bad = tokens_[index];
  const size_t begin = index > 0 ? tokens_[index - 1].begin : 0;
  size_t end = text_.size();
  if (index + 1 < tokens_.size() && tokens_[index + 1].kind != TokenKind::kEnd) {
    end = tokens_[index + 1].end;
  }
  std::string detail = "Syntax error; token: \"";
  detail += text(bad);
  detail += "\", near: \"";
  detail += text_.substr(begin, end - begin);
  detail += "\"";
  throw invalid(source_, detail);
}

void ParseState::redundant_parentheses() const {
  throw invalid(source_, "The expression has redundant parentheses;");
}

void ParseState::enter_nesting() {
  if (++depth_ > kMaxNestingDepth) {
    nesting_overflow();
  }
}

// Nesting beyond the limit is always an error in DynamoDB too. This picks the error DynamoDB would
// give without recursing further, by scanning the parentheses left to right as its parser would
// meet them: a stray ')' is a syntax error, a doubled pair "((x))" is redundant parentheses, an
// unclosed '(' is a syntax error at the end; otherwise a problem already found on the way in (say
// the unknown f of f(f(f(...)))) is reported as if the rest had parsed, then too many operators
// (deep nesting needs operators), and failing all that, a syntax error at the token that went too
// deep.
void ParseState::nesting_overflow() const {
  std::vector<size_t> open;
  std::vector<size_t> close_of(tokens_.size(), 0);
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].kind == TokenKind::kLParen) {
      open.push_back(i);
    } else if (tokens_[i].kind == TokenKind::kRParen) {
      if (open.empty()) {
        syntax_error_at(i);
      }
      const size_t opening = open.back();
      open.pop_back();
      close_of[opening] = i;
      if (tokens_[opening + 1].kind == TokenKind::kLParen && close_of[opening + 1] + 1 == i) {
        redundant_parentheses();
      }
    }
  }
  if (!open.empty()) {
    syntax_error_at(tokens_.size() - 1);
  }
  if (deferred_) {
    throw invalid(source_, *deferred_);
  }
  if (operator_tokens() > kMaxOperators) {
    throw invalid(source_, "The expression contains too many operators; operator count: " +
                               std::to_string(kMaxOperators + 1));
  }
  syntax_error_at(position_);
}

// The operators the whole expression would have once parsed: comparisons, IN, AND, OR, NOT, + and -
// and calls. BETWEEN needs no term of its own: its AND is counted in its place. An update's '='
// belongs to its SET actions, which are no operators.
size_t ParseState::operator_tokens() const {
  size_t count = 0;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    switch (tokens_[i].kind) {
      case TokenKind::kEq:
        count += source_ == Source::kUpdateExpression ? 0 : 1;
        break;
      case TokenKind::kNe:
      case TokenKind::kLt:
      case TokenKind::kLe:
      case TokenKind::kGt:
      case TokenKind::kGe:
      case TokenKind::kIn:
      case TokenKind::kAnd:
      case TokenKind::kOr:
      case TokenKind::kNot:
      case TokenKind::kPlus:
      case TokenKind::kMinus:
        ++count;
        break;
      case TokenKind::kIdentifier:
        count += tokens_[i + 1].kind == TokenKind::kLParen ? 1 : 0;
        break;
      default:
        break;
    }
  }
  return count;
}

void ParseState::defer(size_t position, std::string detail) {
  if (!deferred_ || position < deferred_position_) {
    deferred_position_ = position;
    deferred_ = std::move(detail);
  }
}

void ParseState::finish() const {
  if (peek().kind != TokenKind::kEnd) {
    syntax_error();
  }
  if (deferred_) {
    throw invalid(source_, *deferred_);
  }
}

Path ParseState::parse_path() {
  Path path;
  parse_name_element(path);
  while (true) {
    if (accept(TokenKind::kDot)) {
      parse_name_element(path);
    } else if (accept(TokenKind::kLBracket)) {
      parse_index_element(path);
      expect(TokenKind::kRBracket);
    } else {
      break;
    }
  }
  return path;  // its depth is checked with its #names (Resolver), as DynamoDB does
}

void ParseState::parse_name_element(Path& path) {
  const Token& token = peek();
  if (token.kind != TokenKind::kIdentifier && token.kind != TokenKind::kNameRef) {
    syntax_error();
  }
  PathElement element;
  element.name = std::string(text(token));
  element.is_reference = token.kind == TokenKind::kNameRef;
  if (!element.is_reference && is_reserved_word(element.name)) {
    defer(position_, "Attribute name is a reserved keyword; reserved keyword: " + element.name);
  }
  path.elements.push_back(std::move(element));
  advance();
}

void ParseState::parse_index_element(Path& path) {
  const Token& token = peek();
  if (token.kind != TokenKind::kIndex) {
    syntax_error();
  }
  // DynamoDB's list indexes are Java ints; the lexer guarantees digits without a leading zero.
  const std::string digits(text(token));
  PathElement element;
  element.kind = PathElement::Kind::kIndex;
  if (digits.size() > 10 || std::stoull(digits) > INT32_MAX) {
    defer(position_, "List index is not within the allowable range; index: [" + digits + "]");
  } else {
    element.index = static_cast<uint32_t>(std::stoul(digits));
  }
  path.elements.push_back(std::move(element));
  advance();
}

Operand ParseState::parse_atom() {
  const TokenKind token = kind();
  Operand operand;
  if (token == TokenKind::kIdentifier || token == TokenKind::kNameRef) {
    operand.path = parse_path();
  } else if (token == TokenKind::kValueRef) {
    operand.kind = Operand::Kind::kValue;
    operand.value_ref = std::string(text(advance()));
  } else {
    syntax_error();
  }
  return operand;
}

Projection parse_projection(std::string_view text) {
  ParseState state(text, Source::kProjectionExpression);
  Projection projection;
  projection.push_back(state.parse_path());
  while (state.accept(TokenKind::kComma)) {
    projection.push_back(state.parse_path());
  }
  state.finish();
  return projection;
}

}  // namespace protocol::expr
