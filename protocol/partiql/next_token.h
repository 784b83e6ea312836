#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "storage/value.h"

// ExecuteStatement's NextToken: where a SELECT's next page starts (which of its Queries, and the
// key to resume after), sealed to the statement text it was issued for.
namespace protocol::partiql {

struct NextToken {
  size_t partition = 0;                    // the Query (0 for a Scan)
  std::optional<storage::Item> start_key;  // the LastEvaluatedKey to resume after
};

std::string write_next_token(const NextToken& token, std::string_view statement);
// Throws ValidationException "Invalid NextToken" for one ddbd did not write, and "NextToken does
// not match request" for one written for another statement.
NextToken read_next_token(std::string_view text, std::string_view statement);

}  // namespace protocol::partiql
