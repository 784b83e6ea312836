#include "auth/authorization_header.h"

#include <catch2/catch.hpp>

using auth::AuthorizationStatus;

TEST_CASE("a complete SigV4 header parses into its parts", "[auth]") {
  const auto parse = auth::parse_authorization_header(
      "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, "
      "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123abcd");
  REQUIRE(parse.status == AuthorizationStatus::ok);
  const auto& header = parse.header;
  CHECK(header.algorithm == "AWS4-HMAC-SHA256");
  CHECK(header.credential == "AKID/20250101/us-east-1/dynamodb/aws4_request");
  REQUIRE(header.scope);
  CHECK(header.scope->access_key_id == "AKID");
  CHECK(header.scope->date == "20250101");
  CHECK(header.scope->region == "us-east-1");
  CHECK(header.scope->service == "dynamodb");
  CHECK(header.scope->terminator == "aws4_request");
  CHECK(header.signed_headers_text == "host;x-amz-date;x-amz-target");
  CHECK(header.signed_headers == std::vector<std::string>{"host", "x-amz-date", "x-amz-target"});
  CHECK(header.signature == "0123abcd");
  CHECK_FALSE(auth::incomplete_signature_message(parse, true, "ignored"));
}

TEST_CASE("spaces between pairs are ignored and order does not matter", "[auth]") {
  const auto parse = auth::parse_authorization_header(
      "  AWS4-HMAC-SHA256   Signature=ff ,SignedHeaders=host,   Credential=a/b/c/d/e  ");
  REQUIRE(parse.status == AuthorizationStatus::ok);
  CHECK(parse.header.signature == "ff");
  CHECK(parse.header.signed_headers == std::vector<std::string>{"host"});
  CHECK(parse.header.credential == "a/b/c/d/e");
}

TEST_CASE("a header not starting with AWS4- counts as no header", "[auth]") {
  for (const char* value : {"", "AWS4", "Basic dXNlcjpwYXNz", "aws4-hmac-sha256 Credential=x"}) {
    CHECK(auth::parse_authorization_header(value).status == AuthorizationStatus::not_aws4);
  }
}

TEST_CASE("missing pieces give AWS's IncompleteSignature text", "[auth]") {
  const auto parse = auth::parse_authorization_header("AWS4-");
  REQUIRE(parse.status == AuthorizationStatus::missing_parts);
  // Byte for byte what DynamoDB answers (dynalite test/connection.js, CRC 1828866742).
  CHECK(auth::incomplete_signature_message(parse, false, "AWS4-") ==
        "Authorization header requires 'Credential' parameter. "
        "Authorization header requires 'Signature' parameter. "
        "Authorization header requires 'SignedHeaders' parameter. "
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=AWS4-");
}

TEST_CASE("only the missing pieces are named, and an empty value is missing", "[auth]") {
  const std::string value = "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=, Signature=1";
  const auto parse = auth::parse_authorization_header(value);
  REQUIRE(parse.status == AuthorizationStatus::missing_parts);
  CHECK_FALSE(parse.missing_credential);
  CHECK_FALSE(parse.missing_signature);
  CHECK(parse.missing_signed_headers);
  CHECK(auth::incomplete_signature_message(parse, true, value) ==
        "Authorization header requires 'SignedHeaders' parameter. Authorization=" + value);
}

TEST_CASE("a complete header without a date header is still incomplete", "[auth]") {
  const std::string value =
      "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=1";
  const auto parse = auth::parse_authorization_header(value);
  REQUIRE(parse.status == AuthorizationStatus::ok);
  CHECK(auth::incomplete_signature_message(parse, false, value) ==
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        "Authorization=" +
            value);
}

TEST_CASE("a piece without '=' is reported first, quoting the header", "[auth]") {
  // Recorded from DynamoDB in dynalite's index.js.
  const std::string value = "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders";
  const auto parse = auth::parse_authorization_header(value);
  REQUIRE(parse.status == AuthorizationStatus::malformed_pair);
  CHECK(parse.malformed_pair == "Credential");
  CHECK(auth::incomplete_signature_message(parse, true, value) ==
        "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: "
        "'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'.");
}

TEST_CASE("credential scopes need exactly five elements", "[auth]") {
  CHECK(auth::parse_credential_scope("a/b/c/d/e"));
  CHECK(auth::parse_credential_scope("a/b/c/d/e//"));  // trailing slashes are ignored
  CHECK_FALSE(auth::parse_credential_scope("a/b/c/d"));
  CHECK_FALSE(auth::parse_credential_scope("a/b/c/d/e/f"));
  CHECK_FALSE(auth::parse_credential_scope(""));
  CHECK(auth::credential_scope_message("a/b/c/d") ==
        "Credential must have exactly 5 slash-delimited elements, e.g. "
        "keyid/date/region/service/term, got 'a/b/c/d'");
  const auto parse = auth::parse_authorization_header(
      "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=1");
  CHECK(parse.status == AuthorizationStatus::ok);  // reported later, after the date checks
  CHECK_FALSE(parse.header.scope);
}
