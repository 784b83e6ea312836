#include "protocol/access_targets.h"

#include <string>

#include "protocol/error.h"
#include "protocol/partiql/access.h"

namespace protocol {
namespace {

void add_table_name(std::string_view action, const JsonValue& holder,
                    std::vector<AccessTarget>& targets) {
  if (!holder.IsObject()) {
    return;
  }
  const auto name = holder.FindMember("TableName");
  if (name != holder.MemberEnd() && name->value.IsString()) {
    targets.push_back({action, view_of(name->value), {}});
  }
}

void add_request_items(std::string_view action, const JsonValue& body,
                       std::vector<AccessTarget>& targets) {
  const auto items = body.FindMember("RequestItems");
  if (items == body.MemberEnd() || !items->value.IsObject()) {
    return;
  }
  for (const auto& member : items->value.GetObject()) {
    targets.push_back({action, view_of(member.name), {}});
  }
}

void add_transact_items(const JsonValue& body, std::vector<AccessTarget>& targets) {
  static constexpr std::pair<std::string_view, std::string_view> kItemActions[] = {
      {"Put", "PutItem"},       {"Update", "UpdateItem"},
      {"Delete", "DeleteItem"}, {"ConditionCheck", "ConditionCheckItem"},
      {"Get", "GetItem"},
  };
  const auto items = body.FindMember("TransactItems");
  if (items == body.MemberEnd() || !items->value.IsArray()) {
    return;
  }
  for (const auto& item : items->value.GetArray()) {
    if (!item.IsObject()) {
      continue;
    }
    for (const auto& [member, action] : kItemActions) {
      const auto found =
          item.FindMember(JsonValue(rapidjson::StringRef(member.data(), member.size())));
      if (found != item.MemberEnd()) {
        add_table_name(action, found->value, targets);
      }
    }
  }
}

// The table and stream label of a stream ARN ("...:table/<table>/stream/<label>"), as views into
// it; an empty table when it is not of that shape (the operation then refuses it itself).
AccessTarget stream_target(std::string_view action, std::string_view arn) {
  const size_t table_at = arn.find(":table/");
  const size_t stream_at = arn.rfind("/stream/");
  if (table_at == std::string_view::npos || stream_at == std::string_view::npos ||
      stream_at < table_at + 7) {
    return {action, {}, {}};
  }
  return {action, arn.substr(table_at + 7, stream_at - table_at - 7), arn.substr(stream_at + 8)};
}

void add_stream(std::string_view action, const JsonValue& body, std::string_view member,
                std::vector<AccessTarget>& targets) {
  const auto value = body.FindMember(JsonValue(rapidjson::StringRef(member.data(), member.size())));
  if (value == body.MemberEnd() || !value->value.IsString()) {
    return;
  }
  std::string_view arn = view_of(value->value);
  arn = arn.substr(0, arn.find('|'));  // a ShardIterator starts with its StreamArn
  AccessTarget target = stream_target(action, arn);
  if (!target.table.empty()) {
    targets.push_back(target);
  }
}

// A PartiQL statement object's table and action (partiql/access.h).
void add_statement(const JsonValue& holder, std::vector<AccessTarget>& targets) {
  if (!holder.IsObject()) {
    return;
  }
  const auto statement = holder.FindMember("Statement");
  if (statement != holder.MemberEnd() && statement->value.IsString()) {
    if (auto access = partiql::statement_target(view_of(statement->value))) {
      targets.push_back({access->action, access->table, {}});
    }
  }
}

std::string deny_message(const ApiRequest& request, const AccessTarget& target,
                         const ApiOptions& options) {
  std::string resource = target.table.empty() ? "*" : std::string(target.table);
  if (!target.stream_label.empty()) {
    resource += "/stream/" + std::string(target.stream_label);
  }
  return "User: arn:aws:iam::" + options.account_id + ":user/" + request.principal +
         " is not authorized to perform: dynamodb:" + std::string(target.action) +
         " on resource: arn:aws:dynamodb:" + options.region + ":" + options.account_id + ":table/" +
         resource;
}

}  // namespace

std::vector<AccessTarget> access_targets(std::string_view operation, const JsonValue& body) {
  std::vector<AccessTarget> targets;
  if (operation == "ListTables") {
    targets.push_back({"ListTables", {}, {}});
  } else if (!body.IsObject()) {
    return targets;
  } else if (operation == "BatchGetItem" || operation == "BatchWriteItem") {
    add_request_items(operation, body, targets);
  } else if (operation == "TransactWriteItems" || operation == "TransactGetItems") {
    add_transact_items(body, targets);
  } else if (operation == "DescribeStream" || operation == "GetShardIterator") {
    add_stream(operation, body, "StreamArn", targets);
  } else if (operation == "GetRecords") {
    add_stream(operation, body, "ShardIterator", targets);
  } else if (operation == "ExecuteStatement") {
    add_statement(body, targets);
  } else if (operation == "BatchExecuteStatement" || operation == "ExecuteTransaction") {
    const auto list =
        body.FindMember(operation == "ExecuteTransaction" ? "TransactStatements" : "Statements");
    if (list != body.MemberEnd() && list->value.IsArray()) {
      for (const JsonValue& element : list->value.GetArray()) {
        add_statement(element, targets);
      }
    }
  } else if (operation == "ListStreams") {
    const auto name = body.FindMember("TableName");
    if (name != body.MemberEnd() && name->value.IsString()) {
      targets.push_back({operation, view_of(name->value), {}});
    } else {
      targets.push_back({operation, {}, {}});
    }
  } else {
    add_table_name(operation, body, targets);
  }
  return targets;
}

void check_access(const ApiRequest& request, std::string_view operation, const JsonValue& body,
                  const ApiOptions& options) {
  if (!request.access) {
    return;
  }
  for (const auto& target : access_targets(operation, body)) {
    if (!request.access(target.action, operation, target.table)) {
      throw ApiError::access_denied(deny_message(request, target, options));
    }
  }
}

}  // namespace protocol
