#include <catch2/catch.hpp>

#include "protocol/error.h"
#include "protocol/transact/common.h"
#include "protocol/transact/get_request.h"
#include "protocol/transact/write_request.h"
#include "protocol/wire/error_body.h"
#include "protocol/wire/json.h"

using namespace protocol;
using namespace protocol::transact;

namespace {

TransactWriteRequest read_write(const std::string& json) {
  JsonDocument doc;
  parse_request(json, doc);
  return read_transact_write_request(doc);
}

TransactGetRequest read_get(const std::string& json) {
  JsonDocument doc;
  parse_request(json, doc);
  return read_transact_get_request(doc);
}

// "<type>: <message>" of what reading `json` throws, or "ok".
template <class Reader>
std::string failure(Reader reader, const std::string& json) {
  try {
    reader(json);
  } catch (const ApiError& e) {
    return e.type() + ": " + e.message();
  }
  return "ok";
}

std::string write_failure(const std::string& json) { return failure(read_write, json); }
std::string get_failure(const std::string& json) { return failure(read_get, json); }

}  // namespace

TEST_CASE("TransactWriteItems actions are read into typed actions") {
  TransactWriteRequest request = read_write(R"js({
    "TransactItems": [
      {"ConditionCheck": {"TableName": "tt1", "Key": {"pk": {"S": "a"}},
                          "ConditionExpression": "attribute_exists(#p)",
                          "ExpressionAttributeNames": {"#p": "pk"}}},
      {"Put": {"TableName": "tt1", "Item": {"pk": {"S": "b"}, "n": {"N": "1"}},
               "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
      {"Delete": {"TableName": "tt2", "Key": {"pk": {"S": "c"}}}},
      {"Update": {"TableName": "tt2", "Key": {"pk": {"S": "d"}}, "UpdateExpression": "SET a = :v",
                  "ExpressionAttributeValues": {":v": {"N": "2"}}}}],
    "ClientRequestToken": "tok", "ReturnConsumedCapacity": "INDEXES",
    "ReturnItemCollectionMetrics": "SIZE"})js");
  REQUIRE(request.actions.size() == 4);
  CHECK(request.actions[0].kind == ActionKind::kConditionCheck);
  CHECK(request.actions[0].condition.condition.has_value());
  CHECK(request.actions[1].kind == ActionKind::kPut);
  CHECK(request.actions[1].condition.return_old_on_failure);
  CHECK_FALSE(request.actions[1].condition.condition.has_value());
  CHECK(request.actions[1].attributes.size() == 2);
  CHECK(request.actions[2].kind == ActionKind::kDelete);
  CHECK(request.actions[2].table_name == "tt2");
  CHECK(request.actions[3].kind == ActionKind::kUpdate);
  CHECK(request.actions[3].update.actions.size() == 1);
  CHECK(request.token == "tok");
  CHECK(request.capacity == CapacityMode::kIndexes);
  CHECK(request.collection_metrics);
}

TEST_CASE("TransactWriteItems checks run in DynamoDB's order") {
  // Types before constraints.
  CHECK(write_failure(R"({"TransactItems": [{"Put": {"TableName": 5}}]})")
            .starts_with("SerializationException"));
  // Constraints (all of them) before an action's shape.
  CHECK(write_failure(R"({"TransactItems": [{}, {"Put": {"TableName": "ttt"}}]})") ==
        "ValidationException: 1 validation error detected: Value null at "
        "'transactItems.2.member.put.item' failed to satisfy constraint: Member must not be null");
  // Shapes (of every action) before any action's expressions.
  CHECK(
      write_failure(R"({"TransactItems": [
          {"Put": {"TableName": "ttt", "Item": {"pk": {"S": "a"}}, "ConditionExpression": "("}},
          {}]})") ==
      "ValidationException: Invalid Request: TransactWriteRequest should contain Delete or Put or "
      "Update request");
  CHECK(write_failure(R"({"TransactItems": [
          {"Put": {"TableName": "ttt", "Item": {"pk": {"S": "a"}}},
           "Delete": {"TableName": "ttt", "Key": {"pk": {"S": "b"}}}}]})")
            .ends_with("TransactItems can only contain one of Check, Put, Update or Delete"));
  // Expressions are checked per action, as the single-item operations check them.
  CHECK(
      write_failure(R"({"TransactItems": [{"Delete": {"TableName": "ttt",
          "Key": {"pk": {"S": "a"}}, "ExpressionAttributeNames": {"#n": "x"}}}]})") ==
      "ValidationException: ExpressionAttributeNames can only be specified when using expressions");
}

TEST_CASE("the TransactItems list: absent, empty, too long") {
  CHECK(write_failure("{}") ==
        "ValidationException: 1 validation error detected: Value null at 'transactItems' failed to "
        "satisfy constraint: Member must not be null");
  CHECK(get_failure(R"({"TransactItems": []})") ==
        "ValidationException: 1 validation error detected: Value '[]' at 'transactItems' failed to "
        "satisfy constraint: Member must have length greater than or equal to 1");
  std::string items;
  for (int i = 0; i < 101; ++i) {
    items += std::string(i > 0 ? "," : "") +
             R"({"Get": {"TableName": "ttt", "Key": {"pk": {"S": "a"}}}})";
  }
  std::string message = get_failure(R"({"TransactItems": [)" + items + "]}");
  CHECK(
      message.starts_with("ValidationException: 1 validation error detected: Value "
                          "'[TransactGetItem(get=Get(key={pk=com.amazonaws.dynamodb.v20120810."
                          "AttributeValue@"));
  CHECK(
      message.ends_with(", projectionExpression=null, expressionAttributeNames=null))]' at "
                        "'transactItems' failed to satisfy constraint: Member must have length "
                        "less than or equal to 100"));
}

TEST_CASE("the 4 MB payload limit counts items and expression values as they accumulate") {
  std::string big(1024 * 1024, 'x');
  std::string items;
  for (int i = 0; i < 4; ++i) {
    items += std::string(i > 0 ? "," : "") +
             R"({"Put": {"TableName": "ttt", "Item": {"pk": {"S": "k)" + std::to_string(i) +
             R"("}, "d": {"S": ")" + big + R"("}}}})";
  }
  // Each item is over 400 KB: the item limit comes first.
  CHECK(write_failure(R"({"TransactItems": [)" + items + "]}") ==
        "ValidationException: Item size has exceeded the maximum allowed size");
  std::string part(300 * 1024, 'y');
  items.clear();
  for (int i = 0; i < 14; ++i) {
    items += std::string(i > 0 ? "," : "") +
             R"({"Put": {"TableName": "ttt", "Item": {"pk": {"S": "k)" + std::to_string(i) +
             R"("}, "d": {"S": ")" + part + R"("}}}})";
  }
  std::string message = write_failure(R"({"TransactItems": [)" + items + "]}");
  const std::string head = "Transaction payload size cannot exceed 4MB. Payload Size: ";
  CHECK(message.starts_with("ValidationException: " + head + ": " + head));
}

TEST_CASE("TransactGetItems Gets are read with their projections") {
  TransactGetRequest request = read_get(R"({"TransactItems": [
      {"Get": {"TableName": "ttt", "Key": {"pk": {"S": "a"}}, "ProjectionExpression": "#a, b",
               "ExpressionAttributeNames": {"#a": "a"}}},
      {"Get": {"TableName": "uuu", "Key": {"pk": {"N": "1"}}}}],
    "ReturnConsumedCapacity": "TOTAL"})");
  REQUIRE(request.actions.size() == 2);
  CHECK(request.actions[0].projection.has_value());
  CHECK_FALSE(request.actions[1].projection.has_value());
  CHECK(request.actions[1].table_name == "uuu");
  CHECK(request.capacity == CapacityMode::kTotal);
  CHECK(
      get_failure(R"({"TransactItems": [{"Get": {"TableName": "ttt", "Key": {"pk": {"S": "a"}},
          "ExpressionAttributeNames": {"#a": "a"}}}]})") ==
      "ValidationException: ExpressionAttributeNames can only be specified when using expressions");
}

TEST_CASE("TransactionCanceledException lists every reason, with Message capitalised") {
  std::vector<CancellationReason> reasons(3);
  reasons[1] = CancellationReason::condition_failed(
      storage::Item{{"pk", storage::AttributeValue::string("a")}});
  reasons[2] = CancellationReason::validation_error("bad");
  try {
    throw_canceled(reasons);
    FAIL("no exception");
  } catch (const ApiError& e) {
    CHECK(e.type() == "TransactionCanceledException");
    CHECK(
        error_body(e) ==
        R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",)"
        R"("Message":"Transaction cancelled, please refer cancellation reasons for specific )"
        R"(reasons [None, ConditionalCheckFailed, ValidationError]","CancellationReasons":[)"
        R"({"Code":"None"},{"Item":{"pk":{"S":"a"}},"Code":"ConditionalCheckFailed",)"
        R"("Message":"The conditional request failed"},{"Code":"ValidationError","Message":"bad"}]})");
  }
}
