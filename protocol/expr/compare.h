#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/expr/ast.h"
#include "protocol/expr/expr.h"
#include "storage/value.h"

// DynamoDB's value semantics for expressions: path lookup, equality, ordering and the condition
// functions, shared by evaluate.cpp, update.cpp and project.cpp. Everything here but
// check_operand_types is a pure function of its arguments and never throws. A missing operand is a
// null pointer throughout.
namespace protocol::expr {

// The value at `path` in `item`, or nullptr when any step is missing or of the wrong kind (a name
// step on anything but a map, an index step on anything but a list, an index past the end).
const storage::AttributeValue* find_path(const storage::Item& item, const Path& path);

// DynamoDB's `=`: same type and same value. Sets compare as sets, L and M deeply, N numerically
// (numbers are canonical, so 1 and 1.0 are equal).
bool values_equal(const storage::AttributeValue& a, const storage::AttributeValue& b);

// The types `< <= > >=` and BETWEEN can order: N, S and B.
bool is_ordered_type(storage::ValueType type);

// The order of two values of one ordered type: N numerically, S and B by unsigned bytes (which for
// S is UTF-8 byte order). nullopt when the types differ or are not ordered; DynamoDB then answers
// false rather than failing.
std::optional<std::strong_ordering> order_values(const storage::AttributeValue& a,
                                                 const storage::AttributeValue& b);

// One comparison with DynamoDB's rule for missing operands: a missing value equals nothing, so `<>`
// is true and every other comparator false, even when both sides are missing.
bool compare_values(Comparator comparator, const storage::AttributeValue* left,
                    const storage::AttributeValue* right);

// size(): S in UTF-16 code units (DynamoDB counts "é𝄞" as 3), B in bytes, SS/NS/BS/L/M by element
// count. nullopt for N, BOOL and NULL, which have no size (the comparison then sees a missing
// value).
std::optional<uint64_t> size_of(const storage::AttributeValue& value);

// UTF-16 code units of valid UTF-8 text: one per code point, two above U+FFFF.
uint64_t utf16_length(std::string_view utf8);

// begins_with(value, prefix): both S or both B, byte prefix. False for anything else or missing.
bool begins_with(const storage::AttributeValue* value, const storage::AttributeValue* prefix);

// contains(haystack, needle): substring for S in S and B in B, membership for SS/NS/BS of the
// element type, and for L any element equal to the needle (of any type). False otherwise.
bool contains(const storage::AttributeValue* haystack, const storage::AttributeValue* needle);

// Helpers for the static operand checks (check_condition_operands, check_update_operands), which
// follow DynamoDB's OperatorValidator: every operand of an operator must be able to produce a type
// the operator accepts. Paths and if_not_exists can produce anything, so only :values and nested
// functions are judged. Returns the type DynamoDB names in its message ("N", "L"...) or nullopt.
std::optional<std::string> unsupported_operand_type(const Operand& operand,
                                                    bool (*accepts)(storage::ValueType));
// DynamoDB refuses an operator whose first operand is a path repeated among the later ones
// (a = a, contains(a, a), if_not_exists(a, a)). Returns that message or nullopt.
std::optional<std::string> repeated_first_operand(std::string_view operator_name,
                                                  const std::vector<Operand>& operands);

// Throws DynamoDB's "Incorrect operand type for operator or function" (internal.h) for the first of
// `operands` whose type unsupported_operand_type reports.
void check_operand_types(Source source, std::string_view operator_name,
                         const std::vector<Operand>& operands, bool (*accepts)(storage::ValueType));

// Texts used in DynamoDB's messages (the ones shared with the parsers are in internal.h).
// A value as DynamoDB prints it in BETWEEN errors: "AttributeValue: {N:5}" (B in base64).
std::string describe_value(const storage::AttributeValue& value);
// DynamoDB's internal type names (STRING, NUMBER_SET, LIST ...), which ADD and DELETE errors show.
std::string_view long_type_name(storage::ValueType type);

}  // namespace protocol::expr
