#include <array>
#include <string>
#include <utility>

#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"
#include "protocol/expr/parse_state.h"

// UpdateExpression, after DynamoDB's grammar:
//
//   update     := (SET set (',' set)* | REMOVE path (',' path)*
//                  | ADD path :value (',' ...)* | DELETE path :value (',' ...)*)+
//   set        := path '=' (operand | arithmetic)
//   arithmetic := operand ('+' | '-') operand | '(' arithmetic ')'
//   operand    := path | :value | function | '(' operand ')'
//
// So `a + b + c` and `f(a + b)` are syntax errors, `(a) + b` is not, and "((x))" is redundant.
namespace protocol::expr {

namespace {

bool is_section(TokenKind kind) {
  return kind == TokenKind::kSet || kind == TokenKind::kRemove || kind == TokenKind::kAdd ||
         kind == TokenKind::kDelete;
}

UpdateAction::Kind action_kind(TokenKind section) {
  switch (section) {
    case TokenKind::kSet:
      return UpdateAction::Kind::kSet;
    case TokenKind::kRemove:
      return UpdateAction::Kind::kRemove;
    case TokenKind::kAdd:
      return UpdateAction::Kind::kAdd;
    default:
      return UpdateAction::Kind::kDelete;
  }
}

const char* section_name(UpdateAction::Kind kind) {
  switch (kind) {
    case UpdateAction::Kind::kSet:
      return "SET";
    case UpdateAction::Kind::kRemove:
      return "REMOVE";
    case UpdateAction::Kind::kAdd:
      return "ADD";
    case UpdateAction::Kind::kDelete:
      return "DELETE";
  }
  return "";
}

bool is_condition_only_function(std::string_view name) {
  return condition_function(name) || name == "size";
}

constexpr const char* kUsedThisWay =
    "The function is not allowed to be used this way in an expression; function: ";

// A SET value before we know whether '+' or '-' may follow it: an arithmetic group cannot be an
// operand of further arithmetic, a parenthesised operand can.
struct Value {
  Operand operand;
  bool arithmetic = false;
  bool outer_parens = false;
  size_t first_token = 0;  // where the operand starts, for judging a call once '+' shows up
};

class UpdateParser {
 public:
  explicit UpdateParser(ParseState& state) : s_(state) {}
  UpdateExpression parse();

 private:
  UpdateAction parse_action(UpdateAction::Kind kind);
  // Nested parentheses recurse through parse_value and parse_value_group (or parse_operand and
  // ParseState::parse_operand_group); the bulkier work stays out of line to keep those frames
  // small.
  Value parse_value();
  [[gnu::noinline]] void parse_arithmetic(Value& value, TokenKind op);
  Value parse_value_group();
  [[gnu::noinline]] Value parse_plain_value();
  Operand parse_operand(bool& outer_parens);
  Operand parse_call();
  void judge_call(Operand& call, const std::string& name, size_t position);

  ParseState& s_;
  size_t nesting_ = 0;  // inside a call's arguments or the right operand of '+'/'-'
};

UpdateExpression UpdateParser::parse() {
  if (!is_section(s_.kind())) {
    s_.syntax_error();
  }
  UpdateExpression update;
  std::array<bool, 4> seen{};
  while (is_section(s_.kind())) {
    const UpdateAction::Kind kind = action_kind(s_.advance().kind);
    do {
      update.actions.push_back(parse_action(kind));
    } while (s_.accept(TokenKind::kComma));
    // DynamoDB notices a repeated clause when its walk leaves the clause.
    bool& was_seen = seen[static_cast<size_t>(kind)];
    if (was_seen) {
      s_.defer(s_.position(), std::string("The \"") + section_name(kind) +
                                  "\" section can only be used once in an update expression;");
    }
    was_seen = true;
  }
  return update;
}

UpdateAction UpdateParser::parse_action(UpdateAction::Kind kind) {
  UpdateAction action;
  action.kind = kind;
  action.path = s_.parse_path();
  switch (kind) {
    case UpdateAction::Kind::kSet:
      s_.expect(TokenKind::kEq);
      action.value = std::move(parse_value().operand);
      break;
    case UpdateAction::Kind::kAdd:
    case UpdateAction::Kind::kDelete:
      if (s_.kind() != TokenKind::kValueRef) {
        s_.syntax_error();
      }
      action.value.kind = Operand::Kind::kValue;
      action.value.value_ref = std::string(s_.text(s_.advance()));
      break;
    case UpdateAction::Kind::kRemove:
      break;
  }
  return action;
}

Value UpdateParser::parse_value() {
  Value value = s_.kind() == TokenKind::kLParen ? parse_value_group() : parse_plain_value();
  const TokenKind kind = s_.kind();
  if (!value.arithmetic && (kind == TokenKind::kPlus || kind == TokenKind::kMinus)) {
    parse_arithmetic(value, kind);
  }
  return value;
}

// Turns `value` (the left operand) into the sum or difference. Both operands count as nested:
// list_append may not be added to.
void UpdateParser::parse_arithmetic(Value& value, TokenKind op) {
  if (value.operand.kind == Operand::Kind::kListAppend) {
    size_t name = value.first_token;
    while (s_.peek_at(name).kind == TokenKind::kLParen) {
      ++name;
    }
    s_.defer(name, std::string(kUsedThisWay) + "list_append");
  }
  s_.advance();
  Operand sum;
  sum.kind = op == TokenKind::kPlus ? Operand::Kind::kPlus : Operand::Kind::kMinus;
  sum.args.push_back(std::move(value.operand));
  bool unused = false;
  ++nesting_;
  sum.args.push_back(parse_operand(unused));
  --nesting_;
  value.operand = std::move(sum);
  value.arithmetic = true;
  value.outer_parens = false;
}

// '(' value ')': an arithmetic group stays arithmetic (nothing may be added to it); a group around
// an operand is still an operand. Nested parentheses recurse through here and parse_value only.
Value UpdateParser::parse_value_group() {
  const size_t first = s_.position();
  s_.advance();  // '('
  s_.enter_nesting();
  Value inner = parse_value();
  s_.expect(TokenKind::kRParen);
  s_.leave_nesting();
  if (inner.outer_parens) {
    s_.redundant_parentheses();
  }
  inner.outer_parens = true;
  inner.first_token = first;
  return inner;
}

Value UpdateParser::parse_plain_value() {
  Value value;
  value.first_token = s_.position();
  bool unused = false;
  value.operand = parse_operand(unused);
  return value;
}

Operand UpdateParser::parse_operand(bool& outer_parens) {
  outer_parens = s_.kind() == TokenKind::kLParen;
  if (outer_parens) {
    return s_.parse_operand_group(
        [this](bool& inner_parens) { return parse_operand(inner_parens); });
  }
  if (s_.kind() == TokenKind::kIdentifier && s_.kind(1) == TokenKind::kLParen) {
    return parse_call();
  }
  return s_.parse_atom();
}

// Any identifier followed by '(' parses as a call; the name is judged where DynamoDB's tree walk
// enters the call. Calls may nest (list_append(if_not_exists(a, :e), :v) is the usual idiom).
Operand UpdateParser::parse_call() {
  const size_t position = s_.position();
  const std::string name(s_.text(s_.advance()));
  s_.advance();  // '('
  Operand call;
  judge_call(call, name, position);
  NestingGuard guard(s_);
  ++nesting_;
  bool unused = false;
  do {
    call.args.push_back(parse_operand(unused));
  } while (s_.accept(TokenKind::kComma));
  s_.expect(TokenKind::kRParen);
  --nesting_;
  return call;
}

// An unknown name first, then a condition function, then the place: nested inside another call
// or in arithmetic only if_not_exists may stand.
void UpdateParser::judge_call(Operand& call, const std::string& name, size_t position) {
  if (name == "if_not_exists") {
    call.kind = Operand::Kind::kIfNotExists;
  } else if (name == "list_append") {
    call.kind = Operand::Kind::kListAppend;
    if (nesting_ > 0) {
      s_.defer(position, std::string(kUsedThisWay) + name);
    }
  } else if (is_condition_only_function(name)) {
    s_.defer(position, "The function is not allowed in an update expression; function: " + name);
  } else {
    s_.defer(position, "Invalid function name; function: " + name);
  }
}

}  // namespace

UpdateExpression parse_update(std::string_view text) {
  ParseState state(text, Source::kUpdateExpression);
  UpdateExpression update = UpdateParser(state).parse();
  state.finish();
  return update;
}

}  // namespace protocol::expr
