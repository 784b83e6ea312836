#include "auth/access_rules.h"

#include <algorithm>

namespace auth {
namespace {

char fold(char c, bool ignore_case) {
  return ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool any_matches(const std::vector<std::string>& patterns, std::string_view text,
                 bool ignore_case) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return glob_match(pattern, text, ignore_case);
  });
}

}  // namespace

// Iterative matching with one backtrack point (the last '*'): linear in practice and never
// recursive, so a hostile table name cannot blow the stack.
bool glob_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || fold(pattern[p], ignore_case) == fold(text[t], ignore_case))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

bool AccessRules::allows(std::string_view action, std::string_view operation,
                         std::string_view table) const {
  const bool action_allowed = any_matches(actions, action, true) ||
                              (operation != action && any_matches(actions, operation, true));
  if (!action_allowed) {
    return false;
  }
  return table.empty() || any_matches(tables, table, false);
}

bool AccessRules::allows_everything() const {
  const auto is_star = [](const std::string& pattern) { return pattern == "*"; };
  return std::any_of(actions.begin(), actions.end(), is_star) &&
         std::any_of(tables.begin(), tables.end(), is_star);
}

}  // namespace auth
