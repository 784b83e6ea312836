// Sources: [DL] dynalite test/putItem.js (checked against DynamoDB) for the type mismatch; the
// conformance suite's live captures (putItem, transactWriteItems) for empty values.

#include "protocol/items/index_key_rules.h"

#include <string>

namespace protocol {

ApiError index_key_error(const storage::IndexKeyProblem& problem, bool from_update) {
  using Kind = storage::IndexKeyProblem::Kind;
  if (problem.kind == Kind::kTypeMismatch) {
    return ApiError::validation(
        "One or more parameter values were invalid: Type mismatch for Index Key " +
        problem.attribute + " Expected: " + std::string(storage::type_name(problem.expected)) +
        " Actual: " + std::string(storage::type_name(problem.actual)) +
        " IndexName: " + problem.index_name);
  }
  const std::string empty =
      problem.actual == storage::ValueType::kBinary ? "empty binary value" : "empty string value";
  if (from_update) {
    return ApiError::validation(
        "One or more parameter values are not valid. The update expression attempted to update a "
        "secondary index key to a value that is not supported. The AttributeValue for a key "
        "attribute cannot contain an " +
        empty + ".");
  }
  return ApiError::validation(
      "One or more parameter values are not valid. A value specified for a secondary index key is "
      "not supported. The AttributeValue for a key attribute cannot contain an " +
      empty + ". IndexName: " + problem.index_name + ", IndexKey: " + problem.attribute);
}

void validate_index_keys(const storage::TableInfo& table, const storage::Item& item) {
  if (auto problem = storage::find_index_key_problem(table, item)) {
    throw index_key_error(*problem, false);
  }
}

}  // namespace protocol
