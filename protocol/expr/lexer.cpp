#include "protocol/expr/lexer.h"

#include <array>
#include <cstddef>
#include <utility>

namespace protocol::expr {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool equals_ignoring_case(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) {
    return false;
  }
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
    if (c != upper[i]) {
      return false;
    }
  }
  return true;
}

// A whole identifier-shaped word is a keyword only if it spells one exactly (ANTLR picks the
// longest match, and keywords come before ID in Tokens.g4, so "and" is AND but "andy" is an ID).
TokenKind word_kind(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, TokenKind>, 9> kKeywords{{
      {"IN", TokenKind::kIn},
      {"BETWEEN", TokenKind::kBetween},
      {"NOT", TokenKind::kNot},
      {"AND", TokenKind::kAnd},
      {"OR", TokenKind::kOr},
      {"SET", TokenKind::kSet},
      {"ADD", TokenKind::kAdd},
      {"DELETE", TokenKind::kDelete},
      {"REMOVE", TokenKind::kRemove},
  }};
  for (const auto& [spelling, kind] : kKeywords) {
    if (equals_ignoring_case(word, spelling)) {
      return kind;
    }
  }
  return TokenKind::kIdentifier;
}

// One code point of possibly non-ASCII text, so that an unknown character is reported whole.
size_t code_point_end(std::string_view text, size_t begin) {
  size_t i = begin + 1;
  if (static_cast<unsigned char>(text[begin]) >= 0xC0) {
    while (i < text.size() && i < begin + 4 &&
           (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return i;
}

size_t skip_while(std::string_view text, size_t i, bool (*pred)(char)) {
  while (i < text.size() && pred(text[i])) {
    ++i;
  }
  return i;
}

// Operators and punctuation; returns the kind and sets `end`, or kEnd when `c` is none of them.
TokenKind punctuation(std::string_view text, size_t begin, size_t& end) {
  const char c = text[begin];
  const char next = begin + 1 < text.size() ? text[begin + 1] : '\0';
  end = begin + 1;
  switch (c) {
    case '=':
      return TokenKind::kEq;
    case '+':
      return TokenKind::kPlus;
    case '-':
      return TokenKind::kMinus;
    case '(':
      return TokenKind::kLParen;
    case ')':
      return TokenKind::kRParen;
    case '[':
      return TokenKind::kLBracket;
    case ']':
      return TokenKind::kRBracket;
    case '.':
      return TokenKind::kDot;
    case ',':
      return TokenKind::kComma;
    case '<':
      if (next == '>' || next == '=') {
        end = begin + 2;
        return next == '>' ? TokenKind::kNe : TokenKind::kLe;
      }
      return TokenKind::kLt;
    case '>':
      if (next == '=') {
        end = begin + 2;
        return TokenKind::kGe;
      }
      return TokenKind::kGt;
    default:
      return TokenKind::kEnd;
  }
}

// The token starting at `begin` (not whitespace).
Token next_token(std::string_view text, size_t begin) {
  const char c = text[begin];
  size_t end = begin + 1;
  TokenKind kind = TokenKind::kUnknown;
  if (is_letter(c)) {
    end = skip_while(text, begin, is_name_char);
    kind = word_kind(text.substr(begin, end - begin));
  } else if ((c == '#' || c == ':') && begin + 1 < text.size() && is_name_char(text[begin + 1])) {
    end = skip_while(text, begin + 1, is_name_char);
    kind = c == '#' ? TokenKind::kNameRef : TokenKind::kValueRef;
  } else if (c == '0') {
    kind = TokenKind::kIndex;  // "0" alone: "007" is three indexes, as in DynamoDB's lexer
  } else if (is_digit(c)) {
    end = skip_while(text, begin, is_digit);
    kind = TokenKind::kIndex;
  } else if (TokenKind p = punctuation(text, begin, end); p != TokenKind::kEnd) {
    kind = p;
  } else {
    end = code_point_end(text, begin);
  }
  return Token{kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    i = skip_while(text, i, is_space);
    if (i >= text.size()) {
      break;
    }
    tokens.push_back(next_token(text, i));
    i = tokens.back().end;
  }
  const auto size = static_cast<uint32_t>(text.size());
  tokens.push_back(Token{TokenKind::kEnd, size, size});
  return tokens;
}

std::string_view token_text(std::string_view text, const Token& token) {
  if (token.kind == TokenKind::kEnd) {
    return "<EOF>";
  }
  return text.substr(token.begin, token.end - token.begin);
}

}  // namespace protocol::expr
