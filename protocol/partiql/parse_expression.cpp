#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "protocol/partiql/syntax.h"

// PartiQL's expression grammar as its reference parser (partiql-lang-kotlin's SqlParser) reads it:
// a Pratt parser over the infix operators, prefix NOT and signs, and terms (literals, paths,
// calls, parameters, collections, parenthesised groups). The error details are that parser's.
namespace protocol::partiql {

namespace {

// PartiQL's binding strengths, loosest first.
constexpr int kOr = 10;
constexpr int kAnd = 20;
constexpr int kNot = 30;
constexpr int kEquality = 40;  // = <> != IS IN LIKE BETWEEN
constexpr int kRelational = 50;
constexpr int kConcat = 60;
constexpr int kAdditive = 70;
constexpr int kMultiplicative = 80;

struct Infix {
  int precedence = 0;
  std::string op;  // keyword or operator text; "<>" for "!=" too
  bool negated = false;
  size_t tokens = 1;
};

std::optional<Infix> infix_at(const ParseState& s) {
  const Token& token = s.peek();
  if (token.kind == TokenKind::kStar) {
    return Infix{kMultiplicative, "*"};
  }
  if (token.kind == TokenKind::kOperator) {
    const std::string& op = token.text;
    if (op == "=" || op == "<>" || op == "!=") {
      return Infix{kEquality, op};
    }
    if (op == "<" || op == "<=" || op == ">" || op == ">=") {
      return Infix{kRelational, op};
    }
    if (op == "||") {
      return Infix{kConcat, op};
    }
    return Infix{op == "+" || op == "-" ? kAdditive : kMultiplicative, op};
  }
  if (token.kind != TokenKind::kKeyword) {
    return std::nullopt;
  }
  const std::string& word = token.text;
  if (word == "or") {
    return Infix{kOr, word};
  }
  if (word == "and") {
    return Infix{kAnd, word};
  }
  if (word == "in" || word == "like" || word == "between" || word == "is") {
    return Infix{kEquality, word};
  }
  if (word == "not" &&
      (s.at_keyword("in", 1) || s.at_keyword("like", 1) || s.at_keyword("between", 1))) {
    return Infix{kEquality, s.peek(1).text, true, 2};
  }
  return std::nullopt;
}

// Function names that are reserved words but may still be called.
bool is_function_keyword(const std::string& word) {
  return word == "size" || word == "exists" || word == "count" || word == "avg" || word == "min" ||
         word == "max" || word == "sum" || word == "upper" || word == "lower" ||
         word == "coalesce" || word == "nullif" || word == "char_length" ||
         word == "character_length" || word == "octet_length" || word == "bit_length" ||
         word == "substring" || word == "trim" || word == "extract" || word == "cast";
}

// PartiQL's type names after IS.
bool is_type_name(const std::string& word) {
  static constexpr std::string_view kTypes[] = {
      "missing", "null",   "boolean", "bool",    "smallint", "int",       "integer", "float",
      "real",    "double", "decimal", "numeric", "dec",      "timestamp", "char",    "character",
      "varchar", "string", "symbol",  "clob",    "blob",     "struct",    "tuple",   "list",
      "sexp",    "bag",    "any",     "date",    "time"};
  for (std::string_view type : kTypes) {
    if (word == type) {
      return true;
    }
  }
  return false;
}

std::string to_lower(std::string text) {
  for (char& c : text) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return text;
}

class ExpressionParser {
 public:
  explicit ExpressionParser(ParseState& state) : s_(state) {}
  Node expression(int min_precedence);

 private:
  Node unary();
  Node term();
  Node call(std::string name, Position position);
  Node path(std::string root, Position position);
  // Items separated by commas up to (not including) the closing token.
  std::vector<Node> items();
  Node collection(Node::Kind kind, TokenKind close);
  Node structure();
  Node infix(Node left, const Infix& op);

  ParseState& s_;
};

Node ExpressionParser::expression(int min_precedence) {
  Node left = unary();
  for (auto op = infix_at(s_); op && op->precedence > min_precedence; op = infix_at(s_)) {
    for (size_t i = 0; i < op->tokens; ++i) {
      s_.advance();
    }
    left = infix(std::move(left), *op);
  }
  return left;
}

Node ExpressionParser::infix(Node left, const Infix& op) {
  Node node;
  node.negated = op.negated;
  if (op.op == "is") {
    node.kind = Node::Kind::kIs;
    node.negated = s_.accept_keyword("not");
    const Token& type = s_.peek();
    if (type.kind != TokenKind::kKeyword || !is_type_name(type.text)) {
      malformed("Expected type name");
    }
    node.text = s_.advance().text;
    node.children.push_back(std::move(left));
    return node;
  }
  node.kind = op.op == "between" ? Node::Kind::kBetween : Node::Kind::kBinary;
  node.text = op.op;
  node.children.push_back(std::move(left));
  if (op.op == "in" && s_.kind() == TokenKind::kLParen && !s_.at_keyword("select", 1) &&
      !s_.at_keyword("values", 1)) {
    // `x IN (a, b)` is a list, even of one member.
    s_.advance();
    NestingGuard guard(s_);
    Node list;
    list.kind = Node::Kind::kList;
    list.children = items();
    s_.expect(TokenKind::kRParen);
    node.children.push_back(std::move(list));
    return node;
  }
  if (s_.kind() == TokenKind::kEnd) {
    malformed("Missing right-hand side expression of infix operator");
  }
  node.children.push_back(expression(op.precedence));
  if (node.kind == Node::Kind::kBetween) {
    s_.expect_keyword("and");
    if (s_.kind() == TokenKind::kEnd) {
      malformed("Expected expression after AND");
    }
    node.children.push_back(expression(op.precedence));
  }
  return node;
}

Node ExpressionParser::unary() {
  const Token& token = s_.peek();
  const bool is_not = token.kind == TokenKind::kKeyword && token.text == "not";
  const bool is_sign =
      token.kind == TokenKind::kOperator && (token.text == "+" || token.text == "-");
  if (!is_not && !is_sign) {
    return term();
  }
  Node node;
  node.kind = Node::Kind::kUnary;
  node.text = s_.advance().text;
  NestingGuard guard(s_);
  Node operand = is_not ? expression(kNot) : unary();
  if (is_sign && operand.kind == Node::Kind::kNumber) {
    // Signs fold into number literals, as PartiQL folds them.
    if (node.text == "-") {
      operand.text = operand.text[0] == '-' ? operand.text.substr(1) : "-" + operand.text;
    }
    return operand;
  }
  node.children.push_back(std::move(operand));
  return node;
}

Node ExpressionParser::term() {
  const Token& token = s_.peek();
  Node node;
  switch (token.kind) {
    case TokenKind::kOperator:
      malformed("Unexpected operator");
    case TokenKind::kKeyword:
      if (token.text == "true" || token.text == "false") {
        node.kind = Node::Kind::kBool;
        node.boolean = s_.advance().text == "true";
        return node;
      }
      if (token.text == "null" || token.text == "missing") {
        node.kind = s_.advance().text == "null" ? Node::Kind::kNull : Node::Kind::kMissing;
        return node;
      }
      if (is_function_keyword(token.text) && s_.kind(1) == TokenKind::kLParen) {
        const Token& name = s_.advance();
        return call(name.text, name.position);
      }
      malformed("Unexpected keyword");
    case TokenKind::kLParen: {
      s_.advance();
      NestingGuard guard(s_);
      std::vector<Node> group = items();
      s_.expect(TokenKind::kRParen);
      if (group.size() == 1) {
        return std::move(group[0]);
      }
      node.kind = Node::Kind::kList;  // a row value constructor is a list in PartiQL
      node.children = std::move(group);
      return node;
    }
    case TokenKind::kLBracket:
      return collection(Node::Kind::kList, TokenKind::kRBracket);
    case TokenKind::kLBag:
      return collection(Node::Kind::kBag, TokenKind::kRBag);
    case TokenKind::kLBrace:
      return structure();
    case TokenKind::kIdentifier:
    case TokenKind::kQuotedIdentifier: {
      const Position position = s_.peek().position;
      std::string name = s_.advance().text;
      if (s_.kind() == TokenKind::kLParen) {
        return call(to_lower(std::move(name)), position);
      }
      return path(std::move(name), position);
    }
    case TokenKind::kQuestion:
      s_.advance();
      node.kind = Node::Kind::kParameter;
      node.parameter = s_.take_parameter();
      return node;
    case TokenKind::kString:
    case TokenKind::kNumber:
      node.kind = token.kind == TokenKind::kString ? Node::Kind::kString : Node::Kind::kNumber;
      node.text = s_.advance().text;
      return node;
    default:
      malformed("Unexpected term");
  }
}

Node ExpressionParser::call(std::string name, Position position) {
  s_.advance();  // '('
  NestingGuard guard(s_);
  Node node;
  node.kind = Node::Kind::kCall;
  node.text = std::move(name);
  node.position = position;
  if (s_.kind() != TokenKind::kRParen) {
    node.children = items();
  }
  s_.expect(TokenKind::kRParen);
  return node;
}

Node ExpressionParser::path(std::string root, Position position) {
  Node node;
  node.kind = Node::Kind::kPath;
  node.position = position;
  expr::PathElement first;
  first.name = std::move(root);
  node.path.elements.push_back(std::move(first));
  while (true) {
    if (s_.kind() == TokenKind::kDot) {
      s_.advance();
      const TokenKind next = s_.kind();
      if (next == TokenKind::kStar) {
        s_.advance();
        s_.defer("Unpivot path component like a.*.b are not supported");
        continue;
      }
      if (next != TokenKind::kIdentifier && next != TokenKind::kQuotedIdentifier) {
        malformed("Invalid path dot component");
      }
      expr::PathElement element;
      element.name = s_.advance().text;
      node.path.elements.push_back(std::move(element));
    } else if (s_.kind() == TokenKind::kLBracket) {
      s_.advance();
      NestingGuard guard(s_);
      if (s_.kind() == TokenKind::kStar) {
        s_.advance();
        s_.defer("Wildcard path component like a[*].b are not supported");
        s_.expect(TokenKind::kRBracket);
        continue;
      }
      Node index = expression(-1);
      s_.expect(TokenKind::kRBracket);
      node.path.elements.push_back(path_step(s_, index));
    } else {
      return node;
    }
  }
}

std::vector<Node> ExpressionParser::items() {
  std::vector<Node> list;
  list.push_back(expression(-1));
  while (s_.kind() == TokenKind::kComma) {
    s_.advance();
    list.push_back(expression(-1));
  }
  return list;
}

Node ExpressionParser::collection(Node::Kind kind, TokenKind close) {
  s_.advance();
  NestingGuard guard(s_);
  Node node;
  node.kind = kind;
  if (s_.kind() != close) {
    node.children = items();
  }
  s_.expect(close);
  return node;
}

Node ExpressionParser::structure() {
  s_.advance();
  NestingGuard guard(s_);
  Node node;
  node.kind = Node::Kind::kStruct;
  if (s_.kind() == TokenKind::kRBrace) {
    s_.advance();
    return node;
  }
  while (true) {
    node.children.push_back(expression(-1));
    s_.expect(TokenKind::kColon);
    node.children.push_back(expression(-1));
    if (s_.kind() != TokenKind::kComma) {
      break;
    }
    s_.advance();
  }
  s_.expect(TokenKind::kRBrace);
  return node;
}

}  // namespace

expr::PathElement path_step(ParseState& state, const Node& index) {
  expr::PathElement element;
  if (index.kind == Node::Kind::kString) {
    element.name = index.text;  // a['b'] is a.b
    return element;
  }
  element.kind = expr::PathElement::Kind::kIndex;
  const std::string& digits = index.text;
  const bool integer =
      index.kind == Node::Kind::kNumber && digits.find_first_of(".e") == std::string::npos;
  if (!integer) {
    state.defer("Unexpected path component");
  } else if (digits[0] == '-' || digits.size() > 10 || std::stoll(digits) > INT32_MAX) {
    state.defer("List index is not within the allowable range; index: [" + digits + "]");
  } else {
    element.index = static_cast<uint32_t>(std::stoul(digits));
  }
  return element;
}

Node parse_expression(ParseState& state, int min_precedence) {
  return ExpressionParser(state).expression(min_precedence);
}

}  // namespace protocol::partiql
