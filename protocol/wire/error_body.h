#pragma once

#include <string>

#include "protocol/error.h"

namespace protocol {

// The JSON body DynamoDB sends for an error: {"__type":"<namespace>#<Type>","message":"..."}, plus
// the error's extra members. The only place an ApiError becomes bytes.
std::string error_body(const ApiError& error);

}  // namespace protocol
