#pragma once

#include <string_view>

namespace auth {

// `text` without the leading and trailing characters of `blanks`. Shared by the credentials file,
// the Authorization header (where '\r' is not a blank) and the server's config file.
inline std::string_view trim(std::string_view text, std::string_view blanks = " \t\r") {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

}  // namespace auth
