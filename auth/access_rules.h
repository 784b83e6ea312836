#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace auth {

// Whether `text` matches a glob `pattern` where '*' stands for any run of characters (empty
// included) and '?' for one character; everything else matches itself.
bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case = false);

// What one access key may do: IAM action names ("GetItem", "Describe*", "*") and table name
// globs ("users-*", "orders", "*"). Built from the credentials file; empty lists allow nothing.
struct AccessRules {
  std::vector<std::string> actions{"*"};
  std::vector<std::string> tables{"*"};

  // Whether `action` (an IAM action name without the "dynamodb:" prefix, e.g. "PutItem") is
  // allowed on `table` (empty for actions without a table, such as ListTables). IAM action names
  // are case-insensitive, table names are not. `operation` is the API call the action is part of
  // (TransactWriteItems for its PutItem...); a rule naming the operation allows its actions too.
  bool allows(std::string_view action, std::string_view operation, std::string_view table) const;

  // True when every action on every table is allowed, so per-table checks can be skipped.
  bool allows_everything() const;
};

}  // namespace auth
