#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/expr/internal.h"
#include "protocol/expr/lexer.h"

using namespace protocol::expr;

namespace {

std::vector<TokenKind> kinds(const std::string& text) {
  std::vector<TokenKind> out;
  for (const Token& token : tokenize(text)) {
    out.push_back(token.kind);
  }
  return out;
}

std::vector<std::string> texts(const std::string& text) {
  std::vector<std::string> out;
  for (const Token& token : tokenize(text)) {
    out.emplace_back(token_text(text, token));
  }
  return out;
}

}  // namespace

TEST_CASE("the lexer follows DynamoDB's token rules") {
  using K = TokenKind;
  CHECK(kinds("a.b[10] <> #n_1 :v") == std::vector<K>{K::kIdentifier, K::kDot, K::kIdentifier,
                                                      K::kLBracket, K::kIndex, K::kRBracket, K::kNe,
                                                      K::kNameRef, K::kValueRef, K::kEnd});
  CHECK(kinds("< <= > >= = + - ( ) ,") == std::vector<K>{K::kLt, K::kLe, K::kGt, K::kGe, K::kEq,
                                                         K::kPlus, K::kMinus, K::kLParen,
                                                         K::kRParen, K::kComma, K::kEnd});
  // Keywords in any case, but only as whole words.
  CHECK(kinds("and Or NOT between In set ADD delete ReMoVe") ==
        std::vector<K>{K::kAnd, K::kOr, K::kNot, K::kBetween, K::kIn, K::kSet, K::kAdd, K::kDelete,
                       K::kRemove, K::kEnd});
  CHECK(kinds("andy setting in_stock") ==
        std::vector<K>{K::kIdentifier, K::kIdentifier, K::kIdentifier, K::kEnd});
  // Identifiers start with a letter; '_' and digits cannot start one.
  CHECK(texts("_123 123a 007") ==
        std::vector<std::string>{"_", "123", "123", "a", "0", "0", "7", "<EOF>"});
  CHECK(kinds("#1a :_ # :") ==
        std::vector<K>{K::kNameRef, K::kValueRef, K::kUnknown, K::kUnknown, K::kEnd});
  // No quoted literals: a quote is an unknown character like any other.
  CHECK(texts("\"q\" 'x'") == std::vector<std::string>{"\"", "q", "\"", "'", "x", "'", "<EOF>"});
  // An unknown character is one token, even when it is several UTF-8 bytes.
  CHECK(texts("a\xC3\xA9z") == std::vector<std::string>{"a", "\xC3\xA9", "z", "<EOF>"});
  CHECK(tokenize(" \t\r\n").size() == 1);
}

TEST_CASE("reserved words are DynamoDB's, in any case") {
  CHECK(is_reserved_word("ABORT"));
  CHECK(is_reserved_word("zone"));
  CHECK(is_reserved_word("Status"));
  CHECK(is_reserved_word("CONNECTION"));
  CHECK(is_reserved_word("LOCALTIMESTAMP"));
  CHECK_FALSE(is_reserved_word("size"));
  CHECK_FALSE(is_reserved_word("pk"));
  CHECK_FALSE(is_reserved_word("statuss"));
  CHECK_FALSE(is_reserved_word(""));
  CHECK_FALSE(is_reserved_word("localtimestamps"));
}
