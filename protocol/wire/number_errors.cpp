#include "protocol/wire/number_errors.h"

#include <string>

#include "protocol/error.h"

namespace protocol {

std::string number_problem_message(storage::NumberProblem problem, std::string_view text) {
  switch (problem) {
    case storage::NumberProblem::kUnparseable:
      if (text.empty()) {
        return "The parameter cannot be converted to a numeric value";
      }
      return "The parameter cannot be converted to a numeric value: " + std::string(text);
    case storage::NumberProblem::kOverflow:
      return "Number overflow. Attempting to store a number with magnitude larger than supported "
             "range";
    case storage::NumberProblem::kUnderflow:
      return "Number underflow. Attempting to store a number with magnitude smaller than "
             "supported range";
    case storage::NumberProblem::kTooPrecise:
      return "Attempting to store more than 38 significant digits in a Number";
  }
  return "The parameter cannot be converted to a numeric value";
}

storage::Number parse_number(std::string_view text) {
  try {
    return storage::Number::parse(text);
  } catch (const storage::NumberError& e) {
    throw ApiError::validation(number_problem_message(e.problem(), text));
  }
}

}  // namespace protocol
