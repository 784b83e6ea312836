#pragma once

#include <string_view>

#include "storage/number.h"

namespace protocol {

// Parses a number from the wire; a bad one becomes DynamoDB's ValidationException text.
storage::Number parse_number(std::string_view text);

// DynamoDB's message for a number problem (parsing or arithmetic).
std::string number_problem_message(storage::NumberProblem problem, std::string_view text);

}  // namespace protocol
