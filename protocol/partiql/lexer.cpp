#include "protocol/partiql/lexer.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "protocol/error.h"

namespace protocol::partiql {

namespace {

// Everything the lexer cannot read fails the same way: DynamoDB prints no detail for it.
[[noreturn]] void unreadable() {
  throw ApiError::validation("Statement wasn't well formed, can't be processed: ");
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool starts_word(char c) { return is_letter(c) || c == '_' || c == '$'; }
bool continues_word(char c) { return starts_word(c) || is_digit(c); }
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string lower(std::string_view word) {
  std::string out(word);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}
  std::vector<Token> run();

 private:
  char at(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  void skip_blank();
  Token word();
  Token quoted(char quote, TokenKind kind);
  Token number();
  Token punctuation();

  // Counts lines and characters (UTF-8 lead bytes) up to byte `to`, from where it last stopped.
  void count_to(size_t to);

  std::string_view text_;
  size_t pos_ = 0;
  size_t counted_ = 0;  // the byte count_to reached
  size_t line_ = 1;
  size_t column_ = 1;  // of byte counted_
};

void Lexer::count_to(size_t to) {
  for (; counted_ < to && counted_ < text_.size(); ++counted_) {
    const auto byte = static_cast<unsigned char>(text_[counted_]);
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0) != 0x80) {
      ++column_;
    }
  }
}

std::vector<Token> Lexer::run() {
  std::vector<Token> tokens;
  while (true) {
    skip_blank();
    if (pos_ >= text_.size()) {
      break;
    }
    const char c = text_[pos_];
    count_to(pos_);
    const Position start{line_, column_, 0};
    if (starts_word(c)) {
      tokens.push_back(word());
    } else if (c == '"') {
      tokens.push_back(quoted('"', TokenKind::kQuotedIdentifier));
    } else if (c == '\'') {
      tokens.push_back(quoted('\'', TokenKind::kString));
    } else if (is_digit(c) || (c == '.' && is_digit(at(pos_ + 1)))) {
      tokens.push_back(number());
    } else {
      tokens.push_back(punctuation());
    }
    count_to(pos_);
    tokens.back().position = start;
    tokens.back().position.length =
        line_ == start.line ? column_ - start.column : 0;  // one spanning lines: no length
  }
  tokens.push_back(Token{TokenKind::kEnd, ""});
  return tokens;
}

void Lexer::skip_blank() {
  while (pos_ < text_.size()) {
    if (is_space(text_[pos_])) {
      ++pos_;
    } else if (text_[pos_] == '-' && at(pos_ + 1) == '-') {
      while (pos_ < text_.size() && text_[pos_] != '\n') {
        ++pos_;
      }
    } else if (text_[pos_] == '/' && at(pos_ + 1) == '*') {
      const size_t close = text_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        unreadable();
      }
      pos_ = close + 2;
    } else {
      return;
    }
  }
}

Token Lexer::word() {
  const size_t begin = pos_;
  while (pos_ < text_.size() && continues_word(text_[pos_])) {
    ++pos_;
  }
  std::string_view written = text_.substr(begin, pos_ - begin);
  std::string folded = lower(written);
  if (is_keyword(folded)) {
    return Token{TokenKind::kKeyword, std::move(folded)};
  }
  return Token{TokenKind::kIdentifier, std::string(written)};
}

Token Lexer::quoted(char quote, TokenKind kind) {
  std::string out;
  ++pos_;
  while (true) {
    if (pos_ >= text_.size()) {
      unreadable();
    }
    const char c = text_[pos_++];
    if (c != quote) {
      out.push_back(c);
    } else if (at(pos_) == quote) {
      out.push_back(quote);
      ++pos_;
    } else {
      return Token{kind, std::move(out)};
    }
  }
}

// Digits, an optional fraction and an optional exponent, read as an Ion decimal: its exponent and
// its scale (fraction digits less the exponent) must each fit a 32-bit int, or the lexer fails.
Token Lexer::number() {
  std::string whole;
  std::string fraction;
  while (is_digit(at(pos_))) {
    whole.push_back(text_[pos_++]);
  }
  if (at(pos_) == '.') {
    ++pos_;
    while (is_digit(at(pos_))) {
      fraction.push_back(text_[pos_++]);
    }
  }
  std::string text = whole.empty() ? "0" : whole;
  if (!fraction.empty()) {
    text += "." + fraction;
  }
  if (at(pos_) != 'e' && at(pos_) != 'E') {
    return Token{TokenKind::kNumber, std::move(text)};
  }
  ++pos_;
  const bool negative = at(pos_) == '-';
  if (at(pos_) == '-' || at(pos_) == '+') {
    ++pos_;
  }
  if (!is_digit(at(pos_))) {
    unreadable();
  }
  int64_t exponent = 0;
  while (is_digit(at(pos_))) {
    exponent = exponent * 10 + (text_[pos_++] - '0');
    if (exponent > INT32_MAX + int64_t{1}) {
      unreadable();  // keeps reading bounded; far past any int
    }
  }
  exponent = negative ? -exponent : exponent;
  const int64_t scale = static_cast<int64_t>(fraction.size()) - exponent;
  if (exponent > INT32_MAX || exponent < INT32_MIN || scale > INT32_MAX || scale < INT32_MIN) {
    unreadable();
  }
  text += "e" + std::to_string(exponent);
  return Token{TokenKind::kNumber, std::move(text)};
}

Token Lexer::punctuation() {
  const char c = text_[pos_];
  const char next = at(pos_ + 1);
  auto two = [&](TokenKind kind) {
    Token token{kind, std::string(text_.substr(pos_, 2))};
    pos_ += 2;
    return token;
  };
  auto one = [&](TokenKind kind) {
    Token token{kind, std::string(1, c)};
    ++pos_;
    return token;
  };
  switch (c) {
    case '(':
      return one(TokenKind::kLParen);
    case ')':
      return one(TokenKind::kRParen);
    case '[':
      return one(TokenKind::kLBracket);
    case ']':
      return one(TokenKind::kRBracket);
    case '{':
      return one(TokenKind::kLBrace);
    case '}':
      return one(TokenKind::kRBrace);
    case ',':
      return one(TokenKind::kComma);
    case '.':
      return one(TokenKind::kDot);
    case ':':
      return one(TokenKind::kColon);
    case ';':
      return one(TokenKind::kSemicolon);
    case '?':
      return one(TokenKind::kQuestion);
    case '*':
      return one(TokenKind::kStar);
    case '=':
    case '+':
    case '-':
    case '/':
    case '%':
      return one(TokenKind::kOperator);
    case '<':
      if (next == '<') return two(TokenKind::kLBag);
      if (next == '>' || next == '=') return two(TokenKind::kOperator);
      return one(TokenKind::kOperator);
    case '>':
      if (next == '>') return two(TokenKind::kRBag);
      if (next == '=') return two(TokenKind::kOperator);
      return one(TokenKind::kOperator);
    case '!':
      if (next == '=') return two(TokenKind::kOperator);
      break;
    case '|':
      if (next == '|') return two(TokenKind::kOperator);
      break;
    default:
      break;
  }
  unreadable();
}

}  // namespace

std::string at(const Position& position) {
  if (position.line == 0) {
    return "";
  }
  return " at " + std::to_string(position.line) + ":" + std::to_string(position.column) + ":" +
         std::to_string(position.length);
}

std::vector<Token> tokenize(std::string_view text) { return Lexer(text).run(); }

}  // namespace protocol::partiql
