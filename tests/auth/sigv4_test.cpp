// The signer against the AWS Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30
// 12:36:00 UTC, us-east-1, service "service") and a DynamoDB request signed by botocore.
#include "auth/sigv4.h"

#include <catch2/catch.hpp>

namespace {

constexpr std::string_view kSuiteDate = "20150830T123600Z";
constexpr std::string_view kEmptyHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

auth::Signer suite_signer(std::string service = "service") {
  return auth::Signer(auth::Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                        "us-east-1", std::move(service)});
}

std::string suite_authorization(std::string_view signed_headers, std::string_view signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         std::string(signed_headers) + ", Signature=" + std::string(signature);
}

auth::RequestToSign suite_request(std::string_view method, std::string_view path,
                                  std::string_view query) {
  return auth::RequestToSign{
      method,
      path,
      query,
      {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", std::string(kSuiteDate)}},
      kEmptyHash};
}

}  // namespace

TEST_CASE("sha256 and hex of the empty string", "[auth][sigv4]") {
  CHECK(auth::hex(auth::sha256("")) == kEmptyHash);
}

TEST_CASE("hmac_sha256 matches RFC 4231 test case 2", "[auth][sigv4]") {
  const std::string key = "Jefe";
  const auto mac = auth::hmac_sha256({reinterpret_cast<const uint8_t*>(key.data()), key.size()},
                                     "what do ya want for nothing?");
  CHECK(auth::hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("signing key of the AWS documentation example", "[auth][sigv4]") {
  const auto key =
      auth::signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
  CHECK(auth::hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("get-vanilla", "[auth][sigv4]") {
  const auto request = suite_request("GET", "/", "");
  const auto canonical = auth::canonical_request(request);
  CHECK(canonical.text ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        "host;x-amz-date\n" +
            std::string(kEmptyHash));
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST_CASE("post-vanilla, with its string to sign", "[auth][sigv4]") {
  const auto request = suite_request("POST", "/", "");
  const auto canonical = auth::canonical_request(request);
  const auto scope = auth::credential_scope("20150830", "us-east-1", "service");
  CHECK(auth::string_to_sign(kSuiteDate, scope, canonical.text) ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
}

TEST_CASE("get-vanilla-query-order-key-case sorts the query", "[auth][sigv4]") {
  const auto request = suite_request("GET", "/", "Param2=value2&Param1=value1");
  CHECK(auth::canonical_request(request).text.starts_with("GET\n/\nParam1=value1&Param2=value2\n"));
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
}

TEST_CASE("post-header-value-case keeps the value's case", "[auth][sigv4]") {
  auto request = suite_request("POST", "/", "");
  request.headers.push_back({"My-Header1", "VALUE1"});
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;my-header1;x-amz-date",
                            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"));
}

TEST_CASE("get-header-value-trim trims and collapses spaces", "[auth][sigv4]") {
  auto request = suite_request("GET", "/", "");
  request.headers.push_back({"My-Header1", " value1"});
  request.headers.push_back({"My-Header2", " \"a   b   c\""});
  const auto canonical = auth::canonical_request(request);
  CHECK(canonical.text.find("my-header1:value1\nmy-header2:\"a b c\"\n") != std::string::npos);
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;my-header1;my-header2;x-amz-date",
                            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
}

TEST_CASE("get-unreserved leaves unreserved characters alone", "[auth][sigv4]") {
  const auto request = suite_request(
      "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "");
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"));
}

TEST_CASE("repeated header names join their values with commas", "[auth][sigv4]") {
  auto request = suite_request("GET", "/", "");
  request.headers.push_back({"My-Header1", "value2"});
  request.headers.push_back({"my-header1", "value1"});
  const auto canonical = auth::canonical_request(request);
  CHECK(canonical.text.find("my-header1:value2,value1\n") != std::string::npos);
  CHECK(canonical.signed_headers == "host;my-header1;x-amz-date");
}

TEST_CASE("a DynamoDB request with a body matches botocore", "[auth][sigv4]") {
  const std::string body = R"({"TableName":"Music","Key":{"Artist":{"S":"Arlo"}}})";
  const std::string payload_hash = auth::hex(auth::sha256(body));
  const auth::RequestToSign request{"POST",
                                    "/",
                                    "",
                                    {{"Content-Type", "application/x-amz-json-1.0"},
                                     {"Host", "127.0.0.1:8000"},
                                     {"X-Amz-Date", std::string(kSuiteDate)},
                                     {"X-Amz-Target", "DynamoDB_20120810.GetItem"}},
                                    payload_hash};
  CHECK(suite_signer("dynamodb").authorization(request, kSuiteDate) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=980afe4f9aab9f983b1be166089dcfccf898ff1efd13015818ed85fb3293660d");
}

TEST_CASE("uri_encode and amz_date", "[auth][sigv4]") {
  CHECK(auth::uri_encode("a b/c~", true) == "a%20b%2Fc~");
  CHECK(auth::uri_encode("a b/c~", false) == "a%20b/c~");
  CHECK(auth::amz_date(std::chrono::system_clock::from_time_t(1440938160)) == kSuiteDate);
}

// More cases of the AWS SigV4 test suite (aws-sig-v4-test-suite), recreated as data: each
// request's canonical form as the suite gives it and the suite's published signature.
TEST_CASE("get-header-key-duplicate joins repeated values in order", "[auth][sigv4]") {
  auto request = suite_request("GET", "/", "");
  request.headers.push_back({"My-Header1", "value2"});
  request.headers.push_back({"My-Header1", "value2"});
  request.headers.push_back({"My-Header1", "value1"});
  CHECK(auth::canonical_request(request).text.find("my-header1:value2,value2,value1\n") !=
        std::string::npos);
}

TEST_CASE("post-x-www-form-urlencoded signs the content type and body hash", "[auth][sigv4]") {
  const std::string body = "Param1=value1";
  const std::string hash = auth::hex(auth::sha256(body));
  auth::RequestToSign request{"POST",
                              "/",
                              "",
                              {{"Content-Type", "application/x-www-form-urlencoded"},
                               {"Host", "example.amazonaws.com"},
                               {"X-Amz-Date", std::string(kSuiteDate)}},
                              hash};
  CHECK(hash == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("content-type;host;x-amz-date",
                            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

TEST_CASE("post-header-key-sort sorts header names", "[auth][sigv4]") {
  auto request = suite_request("POST", "/", "");
  request.headers.insert(request.headers.begin(), {"My-Header1", "value1"});
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;my-header1;x-amz-date",
                            "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"));
}

TEST_CASE("get-utf8 encodes the path's UTF-8 bytes", "[auth][sigv4]") {
  const auto request = suite_request("GET", "/\xE1\x88\xB4", "");
  CHECK(auth::canonical_request(request).text.starts_with("GET\n/%E1%88%B4\n"));
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"));
}

TEST_CASE("get-space encodes a space as %20", "[auth][sigv4]") {
  const auto request = suite_request("GET", "/example space/", "");
  CHECK(auth::canonical_request(request).text.starts_with("GET\n/example%20space/\n"));
  CHECK(suite_signer().authorization(request, kSuiteDate) ==
        suite_authorization("host;x-amz-date",
                            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"));
}

TEST_CASE("normalize-path cases sign as get-vanilla", "[auth][sigv4]") {
  // get-slash, get-slash-dot-slash, get-slash-pointless-dot, get-relative, get-relative-relative
  for (const char* path : {"//", "/./", "/./foo/..", "/example/..", "/example1/example2/../.."}) {
    CAPTURE(path);
    CHECK(suite_signer().authorization(suite_request("GET", path, ""), kSuiteDate) ==
          suite_authorization("host;x-amz-date",
                              "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
  }
}

TEST_CASE("parse_amz_date and parse_http_date", "[auth][sigv4]") {
  const auto expected = std::chrono::system_clock::from_time_t(1440938160);
  CHECK(auth::parse_amz_date("20150830T123600Z") == expected);
  CHECK(auth::parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT") == expected);
  for (const char* bad : {"", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T123600Z",
                          "20150830T123600Zx", "x0150830T123600Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(auth::parse_amz_date(bad));
  }
  CHECK_FALSE(auth::parse_http_date("yesterday"));
}

TEST_CASE("parse_amz_date takes only real dates in the basic format", "[auth][sigv4]") {
  // strptime alone would take blanks, short fields and day 31 of February (rolled into March).
  for (const char* bad : {"2015083 T123600Z", " 2015830T123600Z", "20150230T123600Z",
                          "20150830T246000Z", "20150830T123660Z", "20150830T12360 Z",
                          "+0150830T123600Z", "20150830t123600Z", "20150830T123600z"}) {
    CAPTURE(bad);
    CHECK_FALSE(auth::parse_amz_date(bad));
  }
  CHECK_FALSE(auth::parse_amz_date(std::string_view("2015083\0T123600Z", 16)));
  CHECK_FALSE(auth::parse_http_date(std::string_view("Sun, 30 Aug 2015 12:36:00 GMT\0junk", 34)));
  // Beyond system_clock's nanoseconds (2262) and still exact: dates are whole seconds.
  const auto far = auth::parse_amz_date("99991231T235959Z");
  REQUIRE(far);
  CHECK(auth::amz_date(*far) == "99991231T235959Z");
}
