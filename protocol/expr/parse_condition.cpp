#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "protocol/expr/parse_state.h"

// ConditionExpression, FilterExpression and KeyConditionExpression, after DynamoDB's grammar:
//
//   condition := operand comparator operand | operand BETWEEN operand AND operand
//              | operand IN '(' operand (',' operand)* ')' | function
//              | '(' condition ')' | NOT condition | condition AND condition | condition OR
//              condition
//   operand   := path | :value | function | '(' operand ')'
//
// NOT binds tighter than AND, AND tighter than OR; AND and OR group to the right. A group whose
// content is itself a group, "((x))", is refused as redundant parentheses.
namespace protocol::expr {

namespace {

// A function call before its place says whether it is a condition or an operand.
struct Call {
  std::string name;
  size_t position = 0;  // of the name token
  std::vector<Operand> args;
};

// What a primary or a parenthesised group turned out to be. Inside parentheses the parser cannot
// know yet whether `(a)` or `(size(a))` is an operand of a comparison that follows the ')', so
// such groups come back undecided (kOperand, kCall); everything else is a kCondition.
struct Node {
  enum class Kind : uint8_t { kCondition, kOperand, kCall };
  Kind kind = Kind::kCondition;
  bool outer_parens = false;  // the node is a parenthesised group
  Condition condition;
  std::unique_ptr<Operand> operand;
  std::unique_ptr<Call> call;
};

Node condition_node(Condition condition) {
  Node node;
  node.condition = std::move(condition);
  return node;
}

// The functions DynamoDB documents; its engine knows a few more (convert, contains_key,
// contains_value, list_delete) that the service does not offer.
bool is_known_function(std::string_view name) {
  return condition_function(name) || name == "size" || name == "if_not_exists" ||
         name == "list_append";
}

std::optional<Comparator> comparator_of(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
      return Comparator::kEq;
    case TokenKind::kNe:
      return Comparator::kNe;
    case TokenKind::kLt:
      return Comparator::kLt;
    case TokenKind::kLe:
      return Comparator::kLe;
    case TokenKind::kGt:
      return Comparator::kGt;
    case TokenKind::kGe:
      return Comparator::kGe;
    default:
      return std::nullopt;
  }
}

bool starts_comparison(TokenKind kind) {
  return comparator_of(kind) || kind == TokenKind::kBetween || kind == TokenKind::kIn;
}

// a AND b AND c -> a AND (b AND c), as DynamoDB's grammar groups them.
Condition fold_right(Condition::Kind kind, std::vector<Condition> terms) {
  Condition folded = std::move(terms.back());
  for (size_t i = terms.size() - 1; i-- > 0;) {
    Condition parent;
    parent.kind = kind;
    parent.children.push_back(std::move(terms[i]));
    parent.children.push_back(std::move(folded));
    folded = std::move(parent);
  }
  return folded;
}

// Wraps the node's condition in `times` NOTs (kept out of line: it sits on the nesting path).
[[gnu::noinline]] void negate(Node& node, size_t times) {
  for (; times > 0; --times) {
    Condition negated;
    negated.kind = Condition::Kind::kNot;
    negated.children.push_back(std::move(node.condition));
    node.condition = std::move(negated);
  }
  node.outer_parens = false;
}

class ConditionParser {
 public:
  explicit ConditionParser(ParseState& state) : s_(state) {}

  Condition parse() { return std::move(parse_or(false).condition); }

 private:
  // `allow_bare`: inside parentheses, where an operand (or call) may stand alone before ')'.
  // Nested parentheses recurse through parse_or, parse_term and parse_group only. Their frames
  // are kept small (the bulkier work is in functions kept out of line) so that the nesting limit
  // needs little stack.
  Node parse_or(bool allow_bare);
  [[gnu::noinline]] Node parse_more_terms(Condition first);
  Node parse_term(bool allow_bare);
  [[gnu::noinline]] Node parse_primary(bool allow_bare);
  [[gnu::noinline]] Node parse_group(bool allow_bare);
  [[gnu::noinline]] Node close_group(Node inner, bool allow_bare);
  Node after_call(Call call, bool allow_bare);
  Node after_operand(Operand operand, bool outer_parens, bool allow_bare);
  Node parse_in(Operand operand);
  Operand parse_operand();
  Operand parse_operand(bool& outer_parens);
  Call parse_call();
  Condition call_as_condition(Call call);
  Operand call_as_operand(Call call);
  bool check_call(const Call& call, bool as_operand);

  ParseState& s_;
};

// term ((AND | OR) term)*, grouped as NOT > AND > OR with AND and OR to the right.
Node ConditionParser::parse_or(bool allow_bare) {
  Node first = parse_term(allow_bare);
  if (first.kind != Node::Kind::kCondition ||
      (s_.kind() != TokenKind::kAnd && s_.kind() != TokenKind::kOr)) {
    return first;
  }
  return parse_more_terms(std::move(first.condition));
}

Node ConditionParser::parse_more_terms(Condition first) {
  std::vector<Condition> alternatives;
  std::vector<Condition> conjuncts;
  conjuncts.push_back(std::move(first));
  while (s_.kind() == TokenKind::kAnd || s_.kind() == TokenKind::kOr) {
    const bool is_or = s_.advance().kind == TokenKind::kOr;
    if (is_or) {
      alternatives.push_back(fold_right(Condition::Kind::kAnd, std::move(conjuncts)));
      conjuncts.clear();
    }
    conjuncts.push_back(std::move(parse_term(false).condition));
  }
  alternatives.push_back(fold_right(Condition::Kind::kAnd, std::move(conjuncts)));
  return condition_node(fold_right(Condition::Kind::kOr, std::move(alternatives)));
}

// NOT* primary, where a primary is a group, a function call or an operand.
Node ConditionParser::parse_term(bool allow_bare) {
  size_t nots = 0;
  while (s_.accept(TokenKind::kNot)) {
    ++nots;
  }
  const bool bare = allow_bare && nots == 0;  // NOT needs a condition
  Node node = s_.kind() == TokenKind::kLParen ? parse_group(bare) : parse_primary(bare);
  if (nots > 0) {
    negate(node, nots);
  }
  return node;
}

Node ConditionParser::parse_primary(bool allow_bare) {
  if (s_.kind() == TokenKind::kIdentifier && s_.kind(1) == TokenKind::kLParen) {
    return after_call(parse_call(), allow_bare);
  }
  return after_operand(s_.parse_atom(), false, allow_bare);
}

// The recursion of nested parentheses runs through parse_or, parse_term and parse_group only;
// they keep little on the stack (the exception path needs no unwinding of the nesting count: a
// failed parse discards its state).
Node ConditionParser::parse_group(bool allow_bare) {
  s_.advance();  // '('
  s_.enter_nesting();
  Node inner = parse_or(true);
  s_.expect(TokenKind::kRParen);
  s_.leave_nesting();
  if (inner.outer_parens) {
    s_.redundant_parentheses();
  }
  return close_group(std::move(inner), allow_bare);
}

// What "( inner )" is depends on what follows the ')'.
Node ConditionParser::close_group(Node inner, bool allow_bare) {
  switch (inner.kind) {
    case Node::Kind::kCondition:
      inner.outer_parens = true;
      return inner;
    case Node::Kind::kOperand:
      return after_operand(std::move(*inner.operand), true, allow_bare);
    case Node::Kind::kCall:
      break;
  }
  if (starts_comparison(s_.kind())) {
    return after_operand(call_as_operand(std::move(*inner.call)), true, allow_bare);
  }
  if (allow_bare && s_.kind() == TokenKind::kRParen) {
    inner.outer_parens = true;
    return inner;
  }
  Node node = condition_node(call_as_condition(std::move(*inner.call)));
  node.outer_parens = true;
  return node;
}

Node ConditionParser::after_call(Call call, bool allow_bare) {
  if (starts_comparison(s_.kind())) {
    return after_operand(call_as_operand(std::move(call)), false, allow_bare);
  }
  if (allow_bare && s_.kind() == TokenKind::kRParen) {
    Node node;
    node.kind = Node::Kind::kCall;
    node.call = std::make_unique<Call>(std::move(call));
    return node;
  }
  return condition_node(call_as_condition(std::move(call)));
}

Node ConditionParser::after_operand(Operand operand, bool outer_parens, bool allow_bare) {
  const TokenKind kind = s_.kind();
  if (auto comparator = comparator_of(kind)) {
    s_.advance();
    Condition condition;
    condition.comparator = *comparator;
    condition.operands.push_back(std::move(operand));
    condition.operands.push_back(parse_operand());
    return condition_node(std::move(condition));
  }
  if (kind == TokenKind::kBetween) {
    s_.advance();
    Condition condition;
    condition.kind = Condition::Kind::kBetween;
    condition.operands.push_back(std::move(operand));
    condition.operands.push_back(parse_operand());
    s_.expect(TokenKind::kAnd);
    condition.operands.push_back(parse_operand());
    return condition_node(std::move(condition));
  }
  if (kind == TokenKind::kIn) {
    return parse_in(std::move(operand));
  }
  if (allow_bare && kind == TokenKind::kRParen) {
    Node node;
    node.kind = Node::Kind::kOperand;
    node.outer_parens = outer_parens;
    node.operand = std::make_unique<Operand>(std::move(operand));
    return node;
  }
  s_.syntax_error();
}

// The number of candidates (at most 100) is checked with the operand types, after resolution.
Node ConditionParser::parse_in(Operand operand) {
  s_.advance();  // IN
  s_.expect(TokenKind::kLParen);
  Condition condition;
  condition.kind = Condition::Kind::kIn;
  condition.operands.push_back(std::move(operand));
  do {
    condition.operands.push_back(parse_operand());
  } while (s_.accept(TokenKind::kComma));
  s_.expect(TokenKind::kRParen);
  return condition_node(std::move(condition));
}

Operand ConditionParser::parse_operand() {
  bool outer_parens = false;
  return parse_operand(outer_parens);
}

Operand ConditionParser::parse_operand(bool& outer_parens) {
  outer_parens = s_.kind() == TokenKind::kLParen;
  if (outer_parens) {
    return s_.parse_operand_group(
        [this](bool& inner_parens) { return parse_operand(inner_parens); });
  }
  if (s_.kind() == TokenKind::kIdentifier && s_.kind(1) == TokenKind::kLParen) {
    return call_as_operand(parse_call());
  }
  return s_.parse_atom();
}

Call ConditionParser::parse_call() {
  Call call;
  call.position = s_.position();
  call.name = std::string(s_.text(s_.advance()));
  s_.advance();  // '('
  if (!is_known_function(call.name)) {
    // Judged here, on the way in, like DynamoDB's walk (and so known if nesting overflows).
    s_.defer(call.position, "Invalid function name; function: " + call.name);
  }
  NestingGuard guard(s_);
  do {
    call.args.push_back(parse_operand());
  } while (s_.accept(TokenKind::kComma));
  s_.expect(TokenKind::kRParen);
  return call;
}

// DynamoDB judges a call where its tree walk enters it: an unknown name first (function names are
// case-sensitive, so ATTRIBUTE_EXISTS is unknown), then an update function, then the place: outside
// any operator only a boolean function may stand, and inside one (a comparison, BETWEEN, IN or
// another call) only size().
bool ConditionParser::check_call(const Call& call, bool as_operand) {
  const bool known_condition = condition_function(call.name).has_value();
  const char* problem = nullptr;
  if (!is_known_function(call.name)) {
    problem = "Invalid function name; function: ";
  } else if (call.name == "if_not_exists" || call.name == "list_append") {
    problem = "The function is not allowed in a condition expression; function: ";
  } else if (as_operand == known_condition) {
    problem = "The function is not allowed to be used this way in an expression; function: ";
  }
  if (problem != nullptr) {
    s_.defer(call.position, problem + call.name);
  }
  return problem == nullptr;
}

Condition ConditionParser::call_as_condition(Call call) {
  Condition condition;
  condition.kind = Condition::Kind::kFunction;
  if (check_call(call, false)) {
    condition.function = *condition_function(call.name);
    condition.operands = std::move(call.args);
  }
  return condition;
}

Operand ConditionParser::call_as_operand(Call call) {
  Operand operand;
  operand.kind = Operand::Kind::kSize;
  if (check_call(call, true)) {
    operand.args = std::move(call.args);
  }
  return operand;
}

}  // namespace

Condition parse_condition(std::string_view text, Source source) {
  ParseState state(text, source);
  Condition condition = ConditionParser(state).parse();
  state.finish();
  return condition;
}

}  // namespace protocol::expr
