#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/ast.h"
#include "protocol/expr/expr.h"

// Internals shared by the syntax-and-resolution half of protocol/expr/ (parsers, resolver,
// checks). Not part of the public interface in expr.h.
namespace protocol::expr {

// True when `name` (any case) is one of DynamoDB's 573 reserved words (reserved_words.cpp).
bool is_reserved_word(std::string_view name);

// DynamoDB's ValidationException for an expression: "Invalid <source>: <detail>".
ApiError invalid(Source source, std::string_view detail);

// A resolved path as DynamoDB prints it in messages: a.b[1] -> "[a, b, [1]]".
std::string format_path(const Path& path);

// Refuses `path` when it and one of the `earlier` paths (in the order written) overlap, one
// containing the other, or conflict, using the same prefix once as a map and once as a list.
void check_new_path(const std::vector<const Path*>& earlier, const Path& path, Source source);

}  // namespace protocol::expr
