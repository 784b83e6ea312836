#include "auth/credentials.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "auth/text.h"

namespace auth {
namespace {

// Wire-independent, but still bounded: a credentials file is small.
constexpr size_t kMaxKeyIdLength = 128;
constexpr size_t kMaxSecretLength = 256;
constexpr std::uintmax_t kMaxFileBytes = 1u << 20;

std::vector<std::string> split_list(std::string_view text, bool strip_service) {
  std::vector<std::string> items;
  while (true) {
    const auto comma = text.find(',');
    auto item = trim(text.substr(0, comma));
    if (strip_service && item.starts_with("dynamodb:")) {
      item.remove_prefix(9);
    }
    if (!item.empty()) {
      items.emplace_back(item);
    }
    if (comma == std::string_view::npos) {
      return items;
    }
    text.remove_prefix(comma + 1);
  }
}

bool valid_key_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxKeyIdLength) {
    return false;
  }
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// The section being read: its key id, what was set, and where it started.
struct Section {
  std::string key_id;
  KeyEntry entry;
  bool has_secret = false;
  std::string where;
};

class Parser {
 public:
  explicit Parser(std::string_view origin) : origin_(origin) {}

  std::optional<std::string> line(std::string_view content, int number);
  std::optional<std::string> finish_section();
  CredentialStore take() { return std::move(store_); }

 private:
  std::string where(int number) const { return origin_ + ":" + std::to_string(number); }
  std::optional<std::string> setting(std::string_view key, std::string_view value, int number);

  std::string origin_;
  std::optional<Section> section_;
  CredentialStore store_;
};

std::optional<std::string> Parser::finish_section() {
  if (!section_) {
    return std::nullopt;
  }
  Section section = std::move(*section_);
  section_.reset();
  if (!section.has_secret) {
    return section.where + ": [" + section.key_id + "] has no 'secret = ...'";
  }
  if (!store_.add(section.key_id, std::move(section.entry))) {
    return section.where + ": access key '" + section.key_id + "' is listed twice";
  }
  return std::nullopt;
}

std::optional<std::string> Parser::line(std::string_view content, int number) {
  if (content.front() == '[') {
    if (content.back() != ']') {
      return where(number) + ": expected '[ACCESS_KEY_ID]'";
    }
    if (auto error = finish_section()) {
      return error;
    }
    const auto id = trim(content.substr(1, content.size() - 2));
    if (!valid_key_id(id)) {
      return where(number) + ": '" + std::string(id) +
             "' is not an access key id (1 to 128 letters, digits, '_', '-', '.')";
    }
    section_ = Section{std::string(id), KeyEntry{}, false, where(number)};
    return std::nullopt;
  }
  const auto equals = content.find('=');
  if (equals == std::string_view::npos) {
    return where(number) + ": expected 'key = value' or '[ACCESS_KEY_ID]'";
  }
  if (!section_) {
    return where(number) + ": a setting before the first [ACCESS_KEY_ID] section";
  }
  return setting(trim(content.substr(0, equals)), trim(content.substr(equals + 1)), number);
}

std::optional<std::string> Parser::setting(std::string_view key, std::string_view value,
                                           int number) {
  KeyEntry& entry = section_->entry;
  if (key == "secret") {
    if (value.empty() || value.size() > kMaxSecretLength) {
      return where(number) + ": secret must be 1 to 256 characters";
    }
    entry.secret_access_key = value;
    section_->has_secret = true;
  } else if (key == "actions") {
    entry.rules.actions = split_list(value, true);
  } else if (key == "tables") {
    entry.rules.tables = split_list(value, false);
  } else {
    return where(number) + ": unknown key '" + std::string(key) +
           "' (expected secret, actions or tables)";
  }
  return std::nullopt;
}

}  // namespace

const KeyEntry* CredentialStore::find(std::string_view access_key_id) const {
  const auto found = keys_.find(access_key_id);
  return found == keys_.end() ? nullptr : &found->second;
}

bool CredentialStore::add(std::string access_key_id, KeyEntry entry) {
  return keys_.emplace(std::move(access_key_id), std::move(entry)).second;
}

CredentialsParse parse_credentials(std::string_view text, std::string_view origin) {
  Parser parser(origin);
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto content = trim(line);
    if (content.empty() || content.front() == '#' || content.front() == ';') {
      continue;
    }
    if (auto error = parser.line(content, number)) {
      return {std::nullopt, std::move(*error)};
    }
  }
  if (auto error = parser.finish_section()) {
    return {std::nullopt, std::move(*error)};
  }
  CredentialStore store = parser.take();
  if (store.size() == 0) {
    return {std::nullopt, std::string(origin) + ": no [ACCESS_KEY_ID] section"};
  }
  return {std::move(store), {}};
}

CredentialsParse load_credentials_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxFileBytes) {
    return {std::nullopt, "cannot read credentials file '" + path.string() + "'" +
                              (ec ? ": " + ec.message() : ": larger than 1 MiB")};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file.is_open()) {
    return {std::nullopt, "cannot read credentials file '" + path.string() + "'"};
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_credentials(text.str(), path.string());
}

}  // namespace auth
