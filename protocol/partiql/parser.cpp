#include "protocol/partiql/parser.h"

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "protocol/error.h"
#include "protocol/expr/compare.h"
#include "protocol/partiql/syntax.h"

// The statements DynamoDB runs, read in two passes as DynamoDB reads them: the whole statement is
// parsed first (syntax errors, PartiQL's texts), then the problems its translation finds in the
// parsed tree are reported (aliases, index targets, RETURNING forms), then the `?` count is
// checked, and only then are values built (number ranges, set literals, nesting).
namespace protocol::partiql {

namespace {

constexpr const char* kAliasing = "Aliasing is not supported";

void check_length(std::string_view text) {
  // DynamoDB measures the Statement as a Java string, in UTF-16 code units.
  const uint64_t length = expr::utf16_length(text);
  if (length == 0 || length > kMaxStatementBytes) {
    throw ApiError::validation(
        "1 validation error detected: Value '" + std::string(text) +
        "' at 'statement' failed to satisfy constraint: Member must have length " +
        (length == 0 ? "greater than or equal to 1" : "less than or equal to 8192"));
  }
}

struct RawSelect {
  TableName from;
  bool star = false;
  std::vector<Node> projection;
  std::optional<Node> where;
  std::optional<Node> order_by;
  bool descending = false;
};

struct RawAction {
  bool remove = false;
  expr::Path target;
  Node value;
};

// A statement as parsed, before its values are built.
struct RawStatement {
  enum class Kind : uint8_t { kSelect, kInsert, kUpdate, kDelete, kExists };
  Kind kind = Kind::kSelect;
  RawSelect select;  // kSelect, kExists
  TableName table;   // kInsert, kUpdate, kDelete
  Node value;        // kInsert
  std::vector<RawAction> actions;
  std::optional<Node> where;  // kUpdate, kDelete
  Returning returning = Returning::kNone;
};

class StatementParser {
 public:
  explicit StatementParser(ParseState& state) : s_(state) {}
  RawStatement parse();

 private:
  RawSelect select();
  void projection(RawSelect& select);
  void skip_alias();
  void insert(RawStatement& statement);
  void update(RawStatement& statement);
  void actions(RawStatement& statement);
  void from_first(RawStatement& statement);
  std::optional<Node> where();
  Returning returning();

  ParseState& s_;
};

RawStatement StatementParser::parse() {
  RawStatement statement;
  const Token& first = s_.peek();
  if (first.kind == TokenKind::kOperator) {
    malformed("Unexpected operator");
  }
  if (first.kind != TokenKind::kKeyword) {
    // DynamoDB's PartiQL runs data manipulation only; a statement starting with a name or a
    // literal is an expression it refuses (`SLECT * FROM t` is recorded with this text).
    const bool term = first.kind == TokenKind::kIdentifier ||
                      first.kind == TokenKind::kQuotedIdentifier ||
                      first.kind == TokenKind::kString || first.kind == TokenKind::kNumber ||
                      first.kind == TokenKind::kQuestion;
    malformed(term ? "Expected data manipulation" : "Unexpected term");
  }
  const std::string word = first.text;
  if (word == "select") {
    statement.select = select();
  } else if (word == "insert") {
    statement.kind = RawStatement::Kind::kInsert;
    insert(statement);
  } else if (word == "update") {
    statement.kind = RawStatement::Kind::kUpdate;
    update(statement);
  } else if (word == "delete") {
    statement.kind = RawStatement::Kind::kDelete;
    s_.advance();
    if (!s_.accept_keyword("from")) {
      malformed("Expected FROM after DELETE");
    }
    statement.table = parse_table_name(s_, true);
    skip_alias();
    statement.where = where();
    statement.returning = returning();
    if (statement.returning != Returning::kNone && statement.returning != Returning::kAllOld) {
      const char* names[] = {"", "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW"};
      s_.defer(std::string("Invalid returning clause: RETURNING ") +
               names[static_cast<int>(statement.returning)] +
               " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
    }
  } else if (word == "exists" && s_.kind(1) == TokenKind::kLParen) {
    statement.kind = RawStatement::Kind::kExists;
    s_.advance();
    s_.advance();
    NestingGuard guard(s_);
    if (!s_.at_keyword("select")) {
      malformed("Unexpected term");
    }
    statement.select = select();
    s_.expect(TokenKind::kRParen);
  } else if (word == "from") {
    statement.kind = RawStatement::Kind::kUpdate;
    from_first(statement);
  } else {
    malformed("Unexpected keyword");
  }
  s_.finish();
  return statement;
}

RawSelect StatementParser::select() {
  s_.advance();  // SELECT
  RawSelect select;
  projection(select);
  if (!s_.accept_keyword("from")) {
    malformed("Expected FROM after SELECT list");
  }
  select.from = parse_table_name(s_, false);
  skip_alias();
  while (s_.kind() == TokenKind::kComma) {
    s_.advance();
    s_.defer("Only select from a single table or index is supported.");
    parse_table_name(s_, false);
    skip_alias();
  }
  select.where = where();
  if (s_.accept_keyword("order")) {
    s_.expect_keyword("by");
    select.order_by = parse_expression(s_);
    if (s_.accept_keyword("desc")) {
      select.descending = true;
    } else {
      s_.accept_keyword("asc");
    }
  }
  if (s_.accept_keyword("limit")) {
    parse_expression(s_);
    s_.defer("Unsupported clause: LIMIT");
  }
  return select;
}

void StatementParser::projection(RawSelect& select) {
  if (s_.accept_keyword("value")) {
    s_.defer("Select projection doesn't support value or pivot keywords");
  }
  size_t items = 0;
  do {
    if (items++ > 0) {
      s_.advance();  // ','
    }
    if (s_.kind() == TokenKind::kStar) {
      s_.advance();
      select.star = true;
      continue;
    }
    select.projection.push_back(parse_expression(s_));
    skip_alias();
  } while (s_.kind() == TokenKind::kComma);
  if (select.star && items > 1) {
    malformed(
        "Other expressions may not be present in the select list when '*' is used without dot "
        "notation.");
  }
}

// `name`, `AS name` after a table or a projection: parsed by PartiQL, refused by DynamoDB.
void StatementParser::skip_alias() {
  const bool as = s_.accept_keyword("as");
  const TokenKind kind = s_.kind();
  if (kind == TokenKind::kIdentifier || kind == TokenKind::kQuotedIdentifier) {
    s_.advance();
    s_.defer(kAliasing);
  } else if (as) {
    malformed("Expected identifier for AS-alias");
  }
}

void StatementParser::insert(RawStatement& statement) {
  s_.advance();  // INSERT
  if (!s_.accept_keyword("into")) {
    malformed("Unexpected keyword");
  }
  statement.table = parse_table_name(s_, true);
  if (!s_.accept_keyword("value")) {
    // INSERT INTO t <expression>: PartiQL's multi-row form, which DynamoDB refuses. A name there
    // (an alias, say) leaves VALUE behind as an unexpected token.
    parse_expression(s_);
    s_.defer(
        "Unsupported operation: Inserting multiple items in a single statement is not supported, "
        "use \"INSERT INTO tableName VALUE item\" instead");
    return;
  }
  statement.value = parse_expression(s_);
  if (s_.accept_keyword("at")) {
    parse_expression(s_);
    s_.defer("AT is not supported in insert statements.");
  }
  if (returning() != Returning::kNone) {
    s_.defer("RETURNING is not supported in INSERT");
  }
}

void StatementParser::update(RawStatement& statement) {
  s_.advance();  // UPDATE
  statement.table = parse_table_name(s_, true);
  skip_alias();
  actions(statement);
  statement.where = where();
  statement.returning = returning();
}

// SET a = v, ... and REMOVE p, ... clauses, repeated and interleaved.
void StatementParser::actions(RawStatement& statement) {
  while (s_.at_keyword("set") || s_.at_keyword("remove")) {
    const bool remove = s_.advance().text == "remove";
    do {
      if (s_.kind() == TokenKind::kComma) {
        s_.advance();
      }
      RawAction action;
      action.remove = remove;
      action.target = parse_simple_path(s_);
      if (!remove) {
        if (!s_.at_operator("=")) {
          malformed("Expected '='");
        }
        s_.advance();
        action.value = parse_expression(s_);
      }
      statement.actions.push_back(std::move(action));
    } while (s_.kind() == TokenKind::kComma);
  }
  if (statement.actions.empty()) {
    malformed("Expected data manipulation");
  }
}

// FROM "Table" [WHERE condition] SET ... | REMOVE ... [RETURNING ...]: PartiQL's other spelling of
// an update. AWS takes SET and REMOVE clauses in any number and order here, and RETURNING, as in
// UPDATE (dynamodb-conformance tier2 partiql/fromFirstUpdate, AWS-verified).
void StatementParser::from_first(RawStatement& statement) {
  s_.advance();  // FROM
  statement.table = parse_table_name(s_, false);
  skip_alias();
  statement.where = where();
  actions(statement);
  statement.returning = returning();
}

std::optional<Node> StatementParser::where() {
  if (!s_.accept_keyword("where")) {
    return std::nullopt;
  }
  return parse_expression(s_);
}

// RETURNING (ALL | MODIFIED) (OLD | NEW) *. OLD and NEW are no reserved words, so the words are
// matched by their text.
Returning StatementParser::returning() {
  auto word_is = [&](std::string_view word) {
    const Token& token = s_.peek();
    if (token.kind != TokenKind::kKeyword && token.kind != TokenKind::kIdentifier) {
      return false;
    }
    std::string lower = token.text;
    for (char& c : lower) {
      c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return lower == word;
  };
  if (!word_is("returning")) {
    return Returning::kNone;
  }
  s_.advance();
  const bool all = word_is("all");
  if (!all && !word_is("modified")) {
    invalid("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  }
  s_.advance();
  const bool old = word_is("old");
  if (!old && !word_is("new")) {
    invalid("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  }
  s_.advance();
  if (s_.kind() != TokenKind::kStar) {
    invalid("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  }
  s_.advance();
  if (s_.kind() == TokenKind::kComma) {
    invalid("Invalid syntax with multiple returning elements in RETURNING clause");
  }
  if (all) {
    return old ? Returning::kAllOld : Returning::kAllNew;
  }
  return old ? Returning::kModifiedOld : Returning::kModifiedNew;
}

// The name a projected path answers under: its last name and the indexes after it ("k[1]").
std::string projected_name(const expr::Path& path) {
  std::string name;
  for (const auto& element : path.elements) {
    if (element.kind == expr::PathElement::Kind::kName) {
      name = element.name;
    } else {
      name += "[" + std::to_string(element.index) + "]";
    }
  }
  return name;
}

SelectStatement build_select(const RawSelect& raw, const Converter& converter) {
  SelectStatement select;
  select.from = TableRef{raw.from.table, raw.from.index};
  if (!raw.star) {
    expr::Projection projection;
    std::set<std::string> names;
    for (const Node& node : raw.projection) {
      if (node.kind != Node::Kind::kPath) {
        invalid("Unexpected path component" + at(node.position));
      }
      if (!names.insert(projected_name(node.path)).second) {
        invalid("Duplicate identifiers in select clause: " + projected_name(node.path));
      }
      projection.push_back(node.path);
    }
    select.projection = std::move(projection);
  }
  if (raw.where) {
    select.where = converter.condition(*raw.where);
  }
  if (raw.order_by) {
    if (raw.order_by->kind != Node::Kind::kPath) {
      invalid("Unexpected path component");
    }
    select.order_by = OrderBy{raw.order_by->path, raw.descending};
  }
  return select;
}

Statement build(const RawStatement& raw, const Converter& converter) {
  std::optional<expr::Condition> where;
  if (raw.where) {
    where = converter.condition(*raw.where);
  }
  switch (raw.kind) {
    case RawStatement::Kind::kSelect:
      return build_select(raw.select, converter);
    case RawStatement::Kind::kExists:
      return ExistsStatement{build_select(raw.select, converter)};
    case RawStatement::Kind::kInsert:
      return InsertStatement{raw.table.table, converter.item(raw.value)};
    case RawStatement::Kind::kDelete:
      return DeleteStatement{raw.table.table, std::move(where), raw.returning};
    case RawStatement::Kind::kUpdate:
      break;
  }
  UpdateStatement update;
  update.table = raw.table.table;
  for (const RawAction& action : raw.actions) {
    if (action.remove) {
      expr::UpdateAction remove;
      remove.kind = expr::UpdateAction::Kind::kRemove;
      remove.path = action.target;
      update.actions.push_back(std::move(remove));
    } else {
      update.actions.push_back(converter.assignment(action.target, action.value));
    }
  }
  update.where = std::move(where);
  update.returning = raw.returning;
  return update;
}

}  // namespace

Statement parse_statement(std::string_view text,
                          const std::vector<storage::AttributeValue>& parameters) {
  check_length(text);
  ParseState state(tokenize(text));
  RawStatement raw = StatementParser(state).parse();
  if (raw.kind != RawStatement::Kind::kSelect && raw.kind != RawStatement::Kind::kExists &&
      raw.table.index) {
    state.defer("This operation is not supported on an index");
  }
  state.throw_deferred();
  if (state.parameters() != parameters.size()) {
    throw ApiError::validation("Number of parameters in request and statement don't match.");
  }
  return build(raw, Converter(parameters));
}

}  // namespace protocol::partiql
