#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/ast.h"
#include "protocol/expr/expr.h"

// Internals shared across protocol/expr/ (parsers, resolver, checks, evaluation, updates): the
// names and message texts DynamoDB prints. Not part of the public interface in expr.h.
namespace protocol::expr {

// True when `name` (any case) is one of DynamoDB's 573 reserved words (reserved_words.cpp).
bool is_reserved_word(std::string_view name);

// DynamoDB's ValidationException for an expression: "Invalid <source>: <detail>".
ApiError invalid(Source source, std::string_view detail);

// A resolved path as DynamoDB prints it in messages: a.b[1] -> "[a, b, [1]]".
std::string format_path(const Path& path);

// The condition function called `name` (case-sensitive, as DynamoDB's are), or nullopt; the
// inverse of function_name (expr.h).
std::optional<Function> condition_function(std::string_view name);

// "Invalid <source>: Two document paths <relation> with each other; ...; path one: [..], path two:
// [..]", where `relation` is "overlap" (one path contains the other) or "conflict" (one goes on as
// a map where the other goes on as a list).
ApiError paths_clash(Source source, std::string_view relation, const Path& one, const Path& two);

// "Invalid <source>: Incorrect operand type for operator or function; operator or function:
// <name>, operand type: <type>".
ApiError incorrect_operand_type(Source source, std::string_view name, std::string_view type);

// "Invalid <source>: The IN operator is provided with too many operands; number of operands: <n>",
// `candidates` counting the operands after the first.
ApiError too_many_in_operands(Source source, size_t candidates);

// Refuses `path` when it and one of the `earlier` paths (in the order written) overlap, one
// containing the other, or conflict, using the same prefix once as a map and once as a list.
void check_new_path(const std::vector<const Path*>& earlier, const Path& path, Source source);

}  // namespace protocol::expr
