// SigV4 verification: a request signed by auth::Signer (checked against the AWS suite in
// sigv4_test.cpp) passes; every way of getting it wrong gets AWS's error and message.
#include "auth/verifier.h"

#include <random>

#include <catch2/catch.hpp>

#include "auth/sigv4.h"

using auth::FailureKind;
using Catch::Matchers::StartsWith;

namespace {

constexpr std::string_view kDate = "20150830T123600Z";
const auto kSignedAt = std::chrono::system_clock::from_time_t(1440938160);  // kDate
constexpr std::string_view kBody = R"({"TableName":"Music"})";

auth::CredentialStore test_store() {
  auto parse = auth::parse_credentials(
      "[AKIDEXAMPLE]\nsecret = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n", "test");
  REQUIRE(parse.store);
  return std::move(*parse.store);
}

// Owns the header text a SignedRequest views.
struct TestRequest {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body{kBody};
  std::string query;

  auth::SignedRequest view() const {
    auth::SignedRequest request{"POST", "/", query, {}, body};
    for (const auto& [name, value] : headers) {
      request.headers.push_back({name, value});
    }
    return request;
  }
  void set(const std::string& name, const std::string& value) {
    for (auto& header : headers) {
      if (header.first == name) {
        header.second = value;
        return;
      }
    }
    headers.emplace_back(name, value);
  }
};

// Adds the Authorization header botocore would send for the request's headers and body.
void sign(TestRequest& request, std::string_view date, const auth::Credentials& credentials) {
  const std::string body_hash = auth::hex(auth::sha256(request.body));
  auth::RequestToSign to_sign{"POST", "/", "", {}, body_hash};
  for (const auto& [name, value] : request.headers) {
    to_sign.headers.push_back({name, value});
  }
  auth::Signer signer(credentials);
  request.headers.emplace_back("Authorization", signer.authorization(to_sign, date));
}

// A request signed the way botocore signs a DynamoDB call.
TestRequest signed_request(const std::string& secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                           const std::string& region = "us-east-1",
                           const std::string& service = "dynamodb", std::string_view date = kDate,
                           const std::string& key = "AKIDEXAMPLE") {
  TestRequest request;
  request.headers = {{"Host", "127.0.0.1:8000"},
                     {"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Date", std::string(date)},
                     {"X-Amz-Target", "DynamoDB_20120810.DescribeTable"}};
  sign(request, date, {key, secret, region, service});
  return request;
}

struct Fixture {
  auth::CredentialStore store = test_store();
  std::chrono::system_clock::time_point now = kSignedAt;
  auth::Verifier verifier{store,
                          auth::VerifierOptions{"us-east-1", "dynamodb", [this] { return now; }}};

  std::variant<auth::Principal, auth::AuthFailure> verify(const TestRequest& request) {
    return verifier.verify(request.view());
  }
  auth::Principal principal(const TestRequest& request) {
    auto result = verify(request);
    if (const auto* failed = std::get_if<auth::AuthFailure>(&result)) {
      FAIL(failed->message);
    }
    return std::get<auth::Principal>(std::move(result));
  }
  auth::AuthFailure failure(const TestRequest& request) {
    auto result = verify(request);
    REQUIRE(std::holds_alternative<auth::AuthFailure>(result));
    return std::get<auth::AuthFailure>(result);
  }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "a correctly signed request is verified", "[auth][verifier]") {
  const auto verified = principal(signed_request());
  CHECK(verified.access_key_id == "AKIDEXAMPLE");
  CHECK(verified.rules != nullptr);
}

TEST_CASE_METHOD(Fixture, "folded header values still verify", "[auth][verifier]") {
  auto request = signed_request();
  // Signed as "application/x-amz-json-1.0"; extra blanks around and inside fold away.
  request.set("X-Amz-Target", "  DynamoDB_20120810.DescribeTable  ");
  CHECK(std::holds_alternative<auth::Principal>(verify(request)));
  request.set("Content-Type", "application/x-amz-json-1.0 ; charset=x");
  CHECK(failure(request).kind == FailureKind::invalid_signature);
}

TEST_CASE_METHOD(Fixture, "a wrong secret is a signature mismatch with the canonical request",
                 "[auth][verifier]") {
  const auto failed = failure(signed_request("not-the-secret"));
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK_THAT(failed.message,
             StartsWith(std::string(auth::kSignatureMismatch) +
                        "\n\nThe Canonical String for this request should have "
                        "been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.0\n"));
  CHECK_THAT(failed.message,
             Catch::Matchers::Contains("The String-to-Sign should have been\n"
                                       "'AWS4-HMAC-SHA256\n20150830T123600Z\n"
                                       "20150830/us-east-1/dynamodb/aws4_request\n"));
}

TEST_CASE_METHOD(Fixture, "a tampered body or signed header fails", "[auth][verifier]") {
  auto request = signed_request();
  request.body = R"({"TableName":"Other"})";
  CHECK(failure(request).kind == FailureKind::invalid_signature);
  request = signed_request();
  request.set("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
  CHECK(failure(request).kind == FailureKind::invalid_signature);
}

TEST_CASE_METHOD(Fixture, "x-amz-content-sha256 must be the body's hash", "[auth][verifier]") {
  auto request = signed_request();
  request.set("x-amz-content-sha256", auth::hex(auth::sha256("something else")));
  CHECK(failure(request).kind == FailureKind::invalid_signature);
}

TEST_CASE_METHOD(Fixture, "duplicate headers are joined before verifying", "[auth][verifier]") {
  auto request = signed_request();
  request.headers.emplace_back("X-Amz-Target", "second");  // signed header, now two values
  CHECK(failure(request).kind == FailureKind::invalid_signature);
  auto unsigned_extra = signed_request();
  unsigned_extra.headers.emplace_back("X-Unsigned", "anything");  // not signed: ignored
  CHECK(std::holds_alternative<auth::Principal>(verify(unsigned_extra)));
}

TEST_CASE_METHOD(Fixture, "an unknown access key is UnrecognizedClient", "[auth][verifier]") {
  const auto failed = failure(signed_request("x", "us-east-1", "dynamodb", kDate, "AKIDUNKNOWN"));
  CHECK(failed.kind == FailureKind::unrecognized_client);
  CHECK(failed.message == "The security token included in the request is invalid.");
}

TEST_CASE_METHOD(Fixture, "wrong region or service is scoped wrongly", "[auth][verifier]") {
  auto failed = failure(signed_request("s", "eu-west-1"));
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message == "Credential should be scoped to a valid region, not 'eu-west-1'. ");
  failed = failure(signed_request("s", "us-east-1", "s3"));
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message == "Credential should be scoped to correct service: 'dynamodb'. ");
}

TEST_CASE_METHOD(Fixture, "a date beyond 15 minutes either way is rejected", "[auth][verifier]") {
  now = kSignedAt + std::chrono::minutes(15);
  CHECK(std::holds_alternative<auth::Principal>(verify(signed_request())));
  now = kSignedAt + std::chrono::minutes(15) + std::chrono::seconds(1);
  auto failed = failure(signed_request());
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message ==
        "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z "
        "(20150830T125101Z - 15 min.)");
  now = kSignedAt - std::chrono::minutes(16);
  failed = failure(signed_request());
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message ==
        "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
        "(20150830T122000Z + 15 min.)");
}

TEST_CASE_METHOD(Fixture, "host and the date header must be signed", "[auth][verifier]") {
  auto request = signed_request();
  auto& authorization = request.headers.back().second;
  authorization.replace(authorization.find("host;"), 5, "");
  auto failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK(failed.message ==
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  request = signed_request();
  auto& second = request.headers.back().second;
  second.replace(second.find(";x-amz-date"), 11, "");
  failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK(failed.message == "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST_CASE_METHOD(Fixture, "missing pieces and a bad scope are incomplete", "[auth][verifier]") {
  TestRequest request;
  request.headers = {{"Host", "h"}, {"Authorization", "AWS4-HMAC-SHA256 Signature=1"}};
  auto failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK_THAT(failed.message, StartsWith("Authorization header requires 'Credential' parameter."));
  request.headers = {{"Host", "h"},
                     {"X-Amz-Date", std::string(kDate)},
                     {"Authorization",
                      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb, "
                      "SignedHeaders=host;x-amz-date, Signature=00"}};
  failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK_THAT(failed.message, StartsWith("Credential must have exactly 5 slash-delimited"));
  request.headers = {{"Host", "h"}};
  CHECK(failure(request).kind == FailureKind::missing_authentication_token);
}

TEST_CASE_METHOD(Fixture, "a scope date other than the request's is rejected", "[auth][verifier]") {
  auto request = signed_request();
  request.set("X-Amz-Date", "20150831T000000Z");
  now = std::chrono::system_clock::from_time_t(1440979200);
  const auto failed = failure(request);
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message ==
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '20150830' != '20150831', from '20150831T000000Z'.");
}

TEST_CASE_METHOD(Fixture, "presigned query-string authentication", "[auth][verifier]") {
  // Signed as botocore's SigV4QueryAuth does: every X-Amz-* parameter but the signature is part
  // of the canonical query; host is the one signed header.
  TestRequest request;
  request.headers = {{"Host", "127.0.0.1:8000"}};
  const std::string query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2F"
      "dynamodb%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&"
      "X-Amz-SignedHeaders=host";
  const std::string body_hash = auth::hex(auth::sha256(request.body));
  const auth::RequestToSign to_sign{"POST", "/", query, {{"host", "127.0.0.1:8000"}}, body_hash};
  const auto canonical = auth::canonical_request(to_sign);
  const auto key = auth::signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830",
                                     "us-east-1", "dynamodb");
  const auto signature = auth::hex(auth::hmac_sha256(
      key,
      auth::string_to_sign(kDate, "20150830/us-east-1/dynamodb/aws4_request", canonical.text)));
  request.query = query + "&X-Amz-Signature=" + signature;
  CHECK(std::holds_alternative<auth::Principal>(verify(request)));

  now = kSignedAt + std::chrono::seconds(301);
  CHECK(failure(request).kind == FailureKind::invalid_signature);
  now = kSignedAt;
  request.query = query + "&X-Amz-Signature=" + std::string(64, '0');
  CHECK(failure(request).kind == FailureKind::invalid_signature);
  request.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256";
  const auto failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK(failed.message ==
        "AWS query-string parameters must include 'X-Amz-Credential', 'X-Amz-Signature', "
        "'X-Amz-SignedHeaders', 'X-Amz-Date'. Re-examine the query-string parameters.");

  // AWS's 15 minutes bound a presigned request too, whatever X-Amz-Expires allows.
  request.query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2F"
      "us-east-1%2Fdynamodb%2Faws4_request&X-Amz-Date=20150830T123600Z&"
      "X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
  now = kSignedAt + std::chrono::hours(1);
  CHECK(failure(request).message ==
        "Signature expired: 20150830T123600Z is now earlier than 20150830T132100Z "
        "(20150830T133600Z - 15 min.)");
}

TEST_CASE_METHOD(Fixture, "a Date header is signed as its ISO-8601 form", "[auth][verifier]") {
  // As the original AWS4 test suite does: Date: Sun, 30 Aug 2015 12:36:00 GMT, and the string to
  // sign (and the scope) carry 20150830T123600Z.
  TestRequest request;
  request.headers = {{"Host", "127.0.0.1:8000"}, {"Date", "Sun, 30 Aug 2015 12:36:00 GMT"}};
  sign(request, kDate,
       {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "dynamodb"});
  CHECK(principal(request).access_key_id == "AKIDEXAMPLE");
}

TEST_CASE_METHOD(Fixture, "two X-Amz-Date headers are no date", "[auth][verifier]") {
  auto request = signed_request();
  request.headers.emplace_back("x-amz-date", std::string(kDate));
  const auto failed = failure(request);
  CHECK(failed.kind == FailureKind::incomplete_signature);
  CHECK(failed.message ==
        "Date must be in ISO-8601 'basic format'. Got '20150830T123600Z,20150830T123600Z'. See "
        "http://en.wikipedia.org/wiki/ISO_8601");
}

TEST_CASE_METHOD(Fixture, "a date no nanosecond clock can hold is still just early",
                 "[auth][verifier]") {
  const auto failed = failure(signed_request("s", "us-east-1", "dynamodb", "99991231T235959Z"));
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK_THAT(failed.message, StartsWith("Signature not yet current: 99991231T235959Z is still "
                                        "later than 20150830T125100Z"));
}

TEST_CASE_METHOD(Fixture, "a signed header listed thousands of times counts once",
                 "[auth][verifier]") {
  auto request = signed_request();
  auto& authorization = request.headers.back().second;
  std::string names = "host";
  for (int i = 0; i < 4000; ++i) {
    names += ";x-amz-target";
  }
  authorization.replace(authorization.find("host;"), 4, names);
  request.headers.emplace_back("X-Amz-Target", std::string(4000, 'v'));  // a second, long value
  const auto failed = failure(request);
  CHECK(failed.kind == FailureKind::invalid_signature);
  CHECK(failed.message.size() < 16000);  // the canonical request names it once
}

namespace {

// Random text built mostly from the pieces a SigV4 parser looks for.
std::string garbage(std::mt19937& random) {
  static const std::vector<std::string> kTokens = {"AWS4-HMAC-SHA256",
                                                   "AWS4-",
                                                   " ",
                                                   ",",
                                                   "=",
                                                   "/",
                                                   ";",
                                                   "Credential=",
                                                   "SignedHeaders=",
                                                   "Signature=",
                                                   "AKIDEXAMPLE",
                                                   "20150830",
                                                   "us-east-1",
                                                   "dynamodb",
                                                   "aws4_request",
                                                   "host",
                                                   "x-amz-date",
                                                   "%",
                                                   "%2F",
                                                   "%0",
                                                   "%zz",
                                                   "&",
                                                   "X-Amz-Algorithm=",
                                                   "X-Amz-Date=",
                                                   "X-Amz-Credential=",
                                                   "X-Amz-SignedHeaders=",
                                                   "X-Amz-Signature=",
                                                   "X-Amz-Expires=",
                                                   "99999999999999999999",
                                                   "-1",
                                                   "20150830T123600Z",
                                                   "\t",
                                                   std::string(1, '\0'),
                                                   "\xff"};
  std::string text;
  const int pieces = std::uniform_int_distribution<int>(0, 40)(random);
  for (int i = 0; i < pieces; ++i) {
    if (std::uniform_int_distribution<int>(0, 4)(random) == 0) {
      text += static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
    } else {
      text += kTokens[std::uniform_int_distribution<size_t>(0, kTokens.size() - 1)(random)];
    }
  }
  return text;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "garbage headers and queries fail cleanly", "[auth][verifier]") {
  std::mt19937 random(8);
  for (int i = 0; i < 5000; ++i) {
    TestRequest request;
    request.headers = {{"Host", "h"}};
    if (i % 2 == 0) {
      request.headers.emplace_back("Authorization", garbage(random));
    } else {
      request.query = "X-Amz-Algorithm=" + garbage(random);
    }
    if (i % 3 == 0) {
      request.headers.emplace_back("X-Amz-Date", i % 6 == 0 ? std::string(kDate) : garbage(random));
    }
    CAPTURE(request.query, request.headers.back().second);
    std::variant<auth::Principal, auth::AuthFailure> result;
    REQUIRE_NOTHROW(result = verify(request));
    CHECK(std::holds_alternative<auth::AuthFailure>(result));
  }
}
