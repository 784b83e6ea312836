#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "auth/access_rules.h"

namespace auth {

// One access key's secret and what it may do.
struct KeyEntry {
  std::string secret_access_key;
  AccessRules rules;
};

// Access key id -> secret and rules, read once at start; immutable afterwards, so any number of
// threads may read it.
class CredentialStore {
 public:
  // nullptr for an unknown access key.
  const KeyEntry* find(std::string_view access_key_id) const;
  size_t size() const { return keys_.size(); }

  // Returns false (and changes nothing) if the key is already present.
  bool add(std::string access_key_id, KeyEntry entry);

 private:
  std::map<std::string, KeyEntry, std::less<>> keys_;
};

// The outcome of reading a credentials file: the store, or a one-line error naming the file and
// line ("creds.ini:4: ...").
struct CredentialsParse {
  std::optional<CredentialStore> store;
  std::string error;
};

// Parses the credentials file format (documented in conf/credentials.example):
//
//   # comment
//   [AKIDEXAMPLE]                     one section per access key id
//   secret = wJalrXUtnFEMI/K7MDENG    required
//   actions = GetItem, Query, Describe*, List*     optional, default *
//   tables = users-*, orders                       optional, default *
//
// Actions are IAM action names, with or without the "dynamodb:" prefix. `origin` names the text
// in errors.
CredentialsParse parse_credentials(std::string_view text, std::string_view origin);

// Reads and parses `path`.
CredentialsParse load_credentials_file(const std::filesystem::path& path);

}  // namespace auth
