#pragma once

#include <string>
#include <vector>

#include "protocol/tables/schema_json.h"

// The semantic checks of key schemas and index definitions that CreateTable and UpdateTable
// (GlobalSecondaryIndexUpdates Create) share, with DynamoDB's texts
// (tests/integration/DYNAMODB_MESSAGES.md, "CreateTable" and "Secondary indexes"). Each throws
// ValidationException on the first problem.
namespace protocol {

// "[a, b]", as DynamoDB lists names in its messages.
std::string names_list(const std::vector<std::string>& names);

// The attribute names of a (constraint-checked) key schema, in order.
std::vector<std::string> raw_key_names(const std::vector<RawKeyElement>& keys);

// A table's or LSI's KeySchema: one HASH, then an optional RANGE of another name.
void check_key_order(const std::vector<RawKeyElement>& keys);

// A GSI's KeySchema: 1..4 HASH elements, then 0..4 RANGE elements, no name twice (multi-attribute
// keys); two or fewer elements are checked as check_key_order does.
void check_global_key_schema(const std::vector<RawKeyElement>& keys, const std::string& index);

// Every key attribute has a definition in `defs`.
void check_defined(const std::vector<std::string>& keys, const std::vector<std::string>& defs);

// ProjectionType and NonKeyAttributes agree.
void check_projection(const RawIndex& index);

// DynamoDB's limit on NonKeyAttributes summed over all of a table's indexes.
constexpr size_t kMaxProjectedAttributes = 100;
void check_projected_total(size_t non_key_attributes);

}  // namespace protocol
