#include "auth/credentials.h"

#include <catch2/catch.hpp>

#include "auth/access_rules.h"
#include "auth/signing_key_cache.h"

using Catch::Matchers::Contains;

TEST_CASE("the credentials file maps keys to secrets and rules", "[auth][credentials]") {
  const auto parse = auth::parse_credentials(
      "# ddbd credentials\n"
      "[AKIDADMIN]\n"
      "secret = admin/secret+key\n"
      "\n"
      "[AKIDREADER]   \n"
      "secret = reader-secret\n"
      "actions = dynamodb:GetItem, Query,Scan , Describe*, List*\n"
      "tables = users-*, orders\n",
      "creds.ini");
  REQUIRE(parse.store);
  CHECK(parse.store->size() == 2);
  const auto* admin = parse.store->find("AKIDADMIN");
  REQUIRE(admin != nullptr);
  CHECK(admin->secret_access_key == "admin/secret+key");
  CHECK(admin->rules.allows_everything());
  const auto* reader = parse.store->find("AKIDREADER");
  REQUIRE(reader != nullptr);
  CHECK(reader->rules.actions ==
        std::vector<std::string>{"GetItem", "Query", "Scan", "Describe*", "List*"});
  CHECK(reader->rules.tables == std::vector<std::string>{"users-*", "orders"});
  CHECK(parse.store->find("AKIDOTHER") == nullptr);
}

TEST_CASE("credentials file errors name the line", "[auth][credentials]") {
  CHECK_THAT(auth::parse_credentials("secret = x\n", "f").error,
             Contains("f:1: a setting before the first"));
  CHECK_THAT(auth::parse_credentials("[A]\nsecret = x\n[A]\nsecret = y\n", "f").error,
             Contains("f:3: access key 'A' is listed twice"));
  CHECK_THAT(auth::parse_credentials("[A]\nactions = *\n", "f").error,
             Contains("f:1: [A] has no 'secret = ...'"));
  CHECK_THAT(auth::parse_credentials("[A]\nsecret = x\ncolour = red\n", "f").error,
             Contains("f:3: unknown key 'colour'"));
  CHECK_THAT(auth::parse_credentials("[bad key]\n", "f").error, Contains("not an access key id"));
  CHECK_THAT(auth::parse_credentials("# nothing\n", "f").error, Contains("no [ACCESS_KEY_ID]"));
  CHECK_THAT(auth::load_credentials_file("/nonexistent/creds").error,
             Contains("cannot read credentials file"));
}

TEST_CASE("glob matching", "[auth][access]") {
  CHECK(auth::glob_match("*", ""));
  CHECK(auth::glob_match("users-*", "users-eu"));
  CHECK(auth::glob_match("users-*", "users-"));
  CHECK_FALSE(auth::glob_match("users-*", "user"));
  CHECK(auth::glob_match("a?c", "abc"));
  CHECK_FALSE(auth::glob_match("a?c", "ac"));
  CHECK(auth::glob_match("*-prod-*", "app-prod-1"));
  CHECK_FALSE(auth::glob_match("Orders", "orders"));
  CHECK(auth::glob_match("describe*", "DescribeTable", true));
  CHECK_FALSE(auth::glob_match(std::string(40, '*') + "b", std::string(10000, 'a')));
}

TEST_CASE("access rules check the action and the table", "[auth][access]") {
  auth::AccessRules rules{{"GetItem", "Query", "Describe*", "List*", "TransactGetItems"},
                          {"users-*", "orders"}};
  CHECK(rules.allows("GetItem", "GetItem", "users-1"));
  CHECK(rules.allows("getitem", "GetItem", "orders"));
  CHECK_FALSE(rules.allows("PutItem", "PutItem", "orders"));
  CHECK_FALSE(rules.allows("GetItem", "GetItem", "secrets"));
  CHECK(rules.allows("DescribeTable", "DescribeTable", "orders"));
  CHECK(rules.allows("ListTables", "ListTables", ""));
  // A rule naming the transaction call allows its per-item actions.
  CHECK(rules.allows("GetItem", "TransactGetItems", "orders"));
  CHECK_FALSE(rules.allows("PutItem", "TransactWriteItems", "orders"));
  CHECK_FALSE(rules.allows_everything());
  CHECK(auth::AccessRules{}.allows_everything());
}

TEST_CASE("signing keys are cached per scope and bounded", "[auth][cache]") {
  auth::SigningKeyCache cache(2);
  const auto key = cache.get("AKID", "secret", "20150830", "us-east-1", "dynamodb");
  CHECK(key == auth::signing_key("secret", "20150830", "us-east-1", "dynamodb"));
  CHECK(cache.get("AKID", "secret", "20150830", "us-east-1", "dynamodb") == key);
  CHECK(cache.size() == 1);
  CHECK(cache.get("AKID", "secret", "20150831", "us-east-1", "dynamodb") != key);
  CHECK(cache.size() == 2);
  cache.get("AKID2", "secret", "20150830", "us-east-1", "dynamodb");
  CHECK(cache.size() <= 2);
}
