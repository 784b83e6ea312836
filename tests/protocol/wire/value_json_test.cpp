#include <catch2/catch.hpp>

#include "protocol/error.h"
#include "protocol/wire/json.h"
#include "protocol/wire/value_json.h"

using namespace protocol;
using storage::ValueType;

namespace {

storage::AttributeValue parse(const std::string& text) {
  JsonDocument doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return parse_attribute_value(doc);
}

std::string write(const storage::AttributeValue& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write_attribute_value(w, value);
  return buffer.GetString();
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ApiError& e) {
    return e.type() + ": " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("attribute values round trip through JSON") {
  for (const char* text :
       {R"({"S":"hi"})", R"({"N":"1000"})", R"({"B":"AAE="})", R"({"BOOL":false})",
        R"({"NULL":true})", R"({"SS":["a","b"]})", R"({"NS":["1","2.5"]})", R"({"BS":["AA=="]})",
        R"({"L":[{"S":""},{"M":{"k":{"N":"-0.5"}}}]})"}) {
    CHECK(write(parse(text)) == text);
  }
}

TEST_CASE("numbers are normalised on the way in") {
  CHECK(write(parse(R"({"N":"1e3"})")) == R"({"N":"1000"})");
  CHECK(write(parse(R"({"N":"+001000.000"})")) == R"({"N":"1000"})");
  CHECK(write(parse(R"({"NS":["1e-2"]})")) == R"({"NS":["0.01"]})");
}

TEST_CASE("invalid attribute values get DynamoDB's messages") {
  CHECK(error_of(R"({})") ==
        "ValidationException: Supplied AttributeValue is empty, must contain exactly one of the "
        "supported datatypes");
  CHECK(error_of(R"({"S":"a","N":"1"})") ==
        "ValidationException: Supplied AttributeValue has more than one datatypes set, must "
        "contain exactly one of the supported datatypes");
  CHECK(error_of(R"({"SS":[]})") ==
        "ValidationException: One or more parameter values were invalid: An string set  may not "
        "be empty");
  CHECK(error_of(R"({"SS":["a","a"]})") ==
        "ValidationException: One or more parameter values were invalid: Input collection [a, a] "
        "contains duplicates.");
  CHECK(error_of(R"({"NS":["1","1.0"]})") ==
        "ValidationException: Input collection contains duplicates");
  CHECK(error_of(R"({"NULL":false})") ==
        "ValidationException: One or more parameter values were invalid: Null attribute value "
        "types must have the value of true");
  CHECK(error_of(R"({"N":"abc"})") ==
        "ValidationException: The parameter cannot be converted to a numeric value: abc");
  CHECK(error_of(R"({"S":5})") ==
        "SerializationException: class com.amazon.coral.value.json.numbers.TruncatingBigNumber "
        "can not be converted to an String");
  CHECK(error_of(R"({"B":"abc"})") ==
        "SerializationException: 'abc' can not be converted to a Blob: Base64 encoded length is "
        "expected a multiple of 4 bytes but found: 3");
}

TEST_CASE("nesting deeper than DynamoDB allows is refused, not recursed into") {
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += R"({"L":[)";
  }
  deep += R"({"S":"x"})";
  for (int i = 0; i < 40; ++i) {
    deep += "]}";
  }
  CHECK(error_of(deep).find("ValidationException") == 0);
}
