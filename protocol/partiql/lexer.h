#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Tokens of DynamoDB's PartiQL, after the PartiQL reference lexer (partiql-lang-kotlin's SqlLexer,
// which DynamoDB runs): whitespace and comments (-- to the end of the line, /* ... */) are skipped;
// bare words are identifiers ([A-Za-z_$][A-Za-z0-9_$]*) unless they spell a keyword, in any case;
// "quoted identifiers" and 'strings' double their quote to escape it. The lexer reads the whole
// statement before the parser starts, so a character it cannot read (an unterminated quote, '#',
// a number whose exponent overflows a 32-bit int) fails the statement ahead of any syntax error,
// and DynamoDB then names nothing after "can't be processed: ".
namespace protocol::partiql {

enum class TokenKind : uint8_t {
  kEnd,
  kIdentifier,        // bare word that is no keyword; text as written
  kQuotedIdentifier,  // "..." with "" unescaped
  kKeyword,           // text lower-cased
  kString,            // '...' with '' unescaped
  kNumber,            // text canonical for storage::Number::parse: digits[.digits][e[-]digits]
  kQuestion,          // ? (a parameter)
  kOperator,          // = <> != < <= > >= + - / % || (text as written)
  kStar,              // * (SELECT *, RETURNING ... *, or multiplication)
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kLBag,  // <<
  kRBag,  // >>
  kComma,
  kDot,
  kColon,
  kSemicolon,
};

// Where a token stands in the statement, as DynamoDB reports it after some messages ("... at
// 1:27:7"): line and column from 1 and length, in characters. Line 0: no position.
struct Position {
  size_t line = 0;
  size_t column = 0;
  size_t length = 0;
};

// " at <line>:<column>:<length>", or nothing for no position.
std::string at(const Position& position);

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  Position position;
};

// Splits `text` into tokens, the last always kEnd. Throws ApiError (ValidationException,
// "Statement wasn't well formed, can't be processed: ") on input the lexer cannot read.
std::vector<Token> tokenize(std::string_view text);

// Whether `lower` (lower case) is one of PartiQL's reserved words, which cannot be bare
// identifiers: `WHERE pad = 1` fails and `WHERE "pad" = 1` works.
bool is_keyword(std::string_view lower);

}  // namespace protocol::partiql
