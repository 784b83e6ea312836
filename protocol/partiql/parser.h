#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "protocol/partiql/statement.h"
#include "storage/value.h"

namespace protocol::partiql {

// DynamoDB's Statement length limit (botocore's model: min 1, max 8192), in UTF-16 code units as
// DynamoDB counts Java strings.
constexpr size_t kMaxStatementBytes = 8192;

// Parses `text`, binding each `?` in order to `parameters` (DynamoDB AttributeValues, already
// typed). Throws protocol::ApiError ValidationException with DynamoDB's texts: PartiQL's syntax
// errors ("Statement wasn't well formed, can't be processed: <detail>"), a parameter count that
// differs from the statement's ("Number of parameters in request and statement don't match."),
// and DynamoDB's refusals of what PartiQL parses but DynamoDB does not run (aliases, unknown
// functions, bad set literals, out-of-range numbers ...).
Statement parse_statement(std::string_view text,
                          const std::vector<storage::AttributeValue>& parameters);

}  // namespace protocol::partiql
