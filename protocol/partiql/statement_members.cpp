#include "protocol/partiql/statement_members.h"

#include "protocol/items/write_condition.h"
#include "protocol/partiql/parser.h"
#include "protocol/wire/value_json.h"

namespace protocol::partiql {

StatementMembers read_statement_members(const Fields& f, const std::string& prefix, Violations& v) {
  StatementMembers members;
  std::optional<std::string_view> statement = f.string("Statement");
  if (!statement) {
    v.add(std::nullopt, prefix + "statement", "Member must not be null");
  } else if (statement->empty()) {
    v.add(*statement, prefix + "statement", "Member must have length greater than or equal to 1");
  } else if (statement->size() > kMaxStatementBytes) {
    v.add(*statement, prefix + "statement",
          "Member must have length less than or equal to " + std::to_string(kMaxStatementBytes));
  }
  members.return_old_on_failure =
      read_return_old_on_failure(f, v, prefix + "returnValuesOnConditionCheckFailure");
  const JsonValue* parameters = f.list("Parameters");
  if (parameters != nullptr && parameters->Empty()) {
    v.add("[]", prefix + "parameters", "Member must have length greater than or equal to 1");
  }
  members.consistent = f.boolean("ConsistentRead").value_or(false);
  if (v.empty()) {
    members.statement = std::string(*statement);
    if (parameters != nullptr) {
      for (const JsonValue& parameter : parameters->GetArray()) {
        members.parameters.push_back(parse_attribute_value(parameter));
      }
    }
  }
  return members;
}

}  // namespace protocol::partiql
