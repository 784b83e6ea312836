#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

// Tokens of DynamoDB's expression language. The rules follow DynamoDB's own ANTLR lexer (Tokens.g4
// as AWS ships it with its DAX clients; DynamoDB Local's DynamoDbGrammarLexer has the same tokens
// minus the quoted literal): whitespace is skipped; keywords are case-insensitive and win over
// identifiers of the same length; identifiers start with a letter; #names and :values take letters,
// digits and '_'; a list index is "0" or a number without leading zeros; any other single character
// is a token of its own (kUnknown). Syntax errors therefore name whole tokens: `SET _123` fails on
// "_" and `ADD a : v` on ":".
namespace protocol::expr {

enum class TokenKind : uint8_t {
  kEnd,         // end of input (DynamoDB prints it as <EOF>)
  kIdentifier,  // [a-zA-Z][a-zA-Z0-9_]*, not a keyword
  kNameRef,     // #[a-zA-Z0-9_]+
  kValueRef,    // :[a-zA-Z0-9_]+
  kIndex,       // 0 | [1-9][0-9]*
  kUnknown,     // any other character (one code point)
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kDot,
  kComma,
  kIn,
  kBetween,
  kNot,
  kAnd,
  kOr,
  kSet,
  kAdd,
  kDelete,
  kRemove,
};

// One token: its kind and its byte range in the expression text.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Splits `text` into tokens; the last one is always kEnd (at text.size()). Never fails: characters
// that start no token become kUnknown tokens, and the parser reports them.
std::vector<Token> tokenize(std::string_view text);

// The token's text as DynamoDB quotes it in "Syntax error; token: ...": the source characters,
// or "<EOF>" for the end.
std::string_view token_text(std::string_view text, const Token& token);

}  // namespace protocol::expr
