#include <catch2/catch.hpp>

#include "protocol/wire/error_body.h"
#include "protocol/wire/json.h"

using namespace protocol;

namespace {
std::string parse_error(const std::string& body) {
  JsonDocument doc;
  try {
    parse_request(body, doc);
  } catch (const ApiError& e) {
    return e.type();
  }
  return "ok";
}
}  // namespace

TEST_CASE("request bodies must be one JSON object") {
  CHECK(parse_error("{}") == "ok");
  CHECK(parse_error(R"({"TableName":"x"})") == "ok");
  CHECK(parse_error("{") == "SerializationException");
  CHECK(parse_error("[]") == "SerializationException");
  CHECK(parse_error("{} {}") == "SerializationException");
  CHECK(parse_error(std::string("{\"a\":\"\xff\"}")) == "SerializationException");
}

TEST_CASE("deep nesting is refused before anything recurses") {
  std::string deep(100000, '[');
  CHECK(parse_error(deep) == "SerializationException");
  std::string ok = "{\"a\":" + std::string(50, '[') + std::string(50, ']') + "}";
  CHECK(parse_error(ok) == "ok");
}

TEST_CASE("errors are written as DynamoDB writes them") {
  CHECK(error_body(ApiError::resource_not_found()) ==
        R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
        R"("message":"Requested resource not found"})");
  CHECK(error_body(ApiError::serialization("")) ==
        R"({"__type":"com.amazon.coral.service#SerializationException"})");
}

TEST_CASE("JsonWriter escapes strings exactly as RapidJSON's writer does", "[json]") {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) {
    every_byte.push_back(static_cast<char>(c));
  }
  for (const std::string& text :
       {every_byte, std::string("plain"), std::string(""), std::string("\"quoted\\\"\x1a\x1f\x7f"),
        std::string("caf\xc3\xa9 \xf0\x9f\x98\x80")}) {
    rapidjson::StringBuffer ours;
    protocol::JsonWriter ours_writer(ours);
    ours_writer.StartObject();
    ours_writer.Key(text);
    ours_writer.String(text);
    ours_writer.EndObject();
    rapidjson::StringBuffer theirs;
    rapidjson::Writer<rapidjson::StringBuffer> theirs_writer(theirs);
    theirs_writer.StartObject();
    theirs_writer.Key(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    theirs_writer.String(text);
    theirs_writer.EndObject();
    REQUIRE(std::string(ours.GetString(), ours.GetSize()) ==
            std::string(theirs.GetString(), theirs.GetSize()));
  }
}
