#include "protocol/partiql/access.h"

#include <cctype>
#include <string>

namespace protocol::partiql {

namespace {

// The statement's words in order, leniently: bare words, "quoted identifiers" (without their
// quotes; table names cannot hold a quote, so the view is the name), and nothing of 'strings'.
class Words {
 public:
  explicit Words(std::string_view text) : text_(text) {}

  std::string_view next() {
    while (at_ < text_.size()) {
      char c = text_[at_];
      if (c == '"') {
        size_t end = text_.find('"', at_ + 1);
        if (end == std::string_view::npos) {
          break;
        }
        std::string_view word = text_.substr(at_ + 1, end - at_ - 1);
        at_ = end + 1;
        return word;
      }
      if (c == '\'') {
        size_t end = text_.find('\'', at_ + 1);
        at_ = end == std::string_view::npos ? text_.size() : end + 1;
        continue;
      }
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        size_t start = at_;
        while (at_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_')) {
          ++at_;
        }
        return text_.substr(start, at_ - start);
      }
      ++at_;
    }
    at_ = text_.size();
    return {};
  }

  // Moves past the first bare `keyword` (any case) and returns the word after it.
  std::string_view after(std::string_view keyword) {
    for (std::string_view word = next(); !word.empty(); word = next()) {
      if (equals(word, keyword)) {
        return next();
      }
    }
    return {};
  }

  static bool equals(std::string_view word, std::string_view keyword) {
    if (word.size() != keyword.size()) {
      return false;
    }
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(word[i])) != keyword[i]) {
        return false;
      }
    }
    return true;
  }

 private:
  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

std::optional<StatementAccess> statement_target(std::string_view statement) {
  Words words(statement);
  std::string_view verb = words.next();
  std::string_view action;
  std::string_view table;
  if (Words::equals(verb, "SELECT") || Words::equals(verb, "EXISTS")) {
    action = "PartiQLSelect";
    table = words.after("FROM");
  } else if (Words::equals(verb, "INSERT")) {
    action = "PartiQLInsert";
    table = words.after("INTO");
  } else if (Words::equals(verb, "UPDATE")) {
    action = "PartiQLUpdate";
    table = words.next();
  } else if (Words::equals(verb, "DELETE")) {
    action = "PartiQLDelete";
    table = words.after("FROM");
  }
  if (action.empty() || table.empty()) {
    return std::nullopt;
  }
  return StatementAccess{action, table};
}

}  // namespace protocol::partiql
