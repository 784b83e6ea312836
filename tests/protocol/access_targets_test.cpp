#include "protocol/access_targets.h"

#include <catch2/catch.hpp>

namespace {

std::vector<std::pair<std::string, std::string>> targets(std::string_view operation,
                                                         const std::string& body) {
  protocol::JsonDocument doc;
  protocol::parse_request(body, doc);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& target : protocol::access_targets(operation, doc)) {
    out.emplace_back(target.action, target.table);
  }
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("access targets of single-table operations and ListTables", "[protocol][access]") {
  CHECK(targets("PutItem", R"({"TableName":"t","Item":{}})") == Pairs{{"PutItem", "t"}});
  CHECK(targets("DescribeTable", R"({"TableName":"t"})") == Pairs{{"DescribeTable", "t"}});
  CHECK(targets("ListTables", "{}") == Pairs{{"ListTables", ""}});
  CHECK(targets("GetItem", R"({"TableName":5})").empty());  // left to validation
}

TEST_CASE("access targets of batches and transactions", "[protocol][access]") {
  CHECK(targets("BatchWriteItem", R"({"RequestItems":{"a":[],"b":[]}})") ==
        Pairs{{"BatchWriteItem", "a"}, {"BatchWriteItem", "b"}});
  CHECK(targets("BatchGetItem", R"({"RequestItems":{"a":{}}})") == Pairs{{"BatchGetItem", "a"}});
  CHECK(
      targets("TransactWriteItems",
              R"({"TransactItems":[{"Put":{"TableName":"a"}},{"Update":{"TableName":"b"}},)"
              R"({"Delete":{"TableName":"c"}},{"ConditionCheck":{"TableName":"d"}},7]})") ==
      Pairs{
          {"PutItem", "a"}, {"UpdateItem", "b"}, {"DeleteItem", "c"}, {"ConditionCheckItem", "d"}});
  CHECK(targets("TransactGetItems", R"({"TransactItems":[{"Get":{"TableName":"a"}}]})") ==
        Pairs{{"GetItem", "a"}});
}

TEST_CASE("check_access names the principal and the table ARN", "[protocol][access]") {
  protocol::ApiRequest request;
  request.principal = "AKIDREADER";
  request.access = [](std::string_view action, std::string_view, std::string_view) {
    return action == "GetItem";
  };
  protocol::ApiOptions options;
  options.region = "eu-west-1";
  options.account_id = "123456789012";
  protocol::JsonDocument doc;
  protocol::parse_request(R"({"TableName":"users"})", doc);
  CHECK_NOTHROW(protocol::check_access(request, "GetItem", doc, options));
  try {
    protocol::check_access(request, "PutItem", doc, options);
    FAIL("not denied");
  } catch (const protocol::ApiError& error) {
    CHECK(error.type() == "AccessDeniedException");
    CHECK(error.status() == 400);
    CHECK(error.message() ==
          "User: arn:aws:iam::123456789012:user/AKIDREADER is not authorized to perform: "
          "dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/users");
  }
}
