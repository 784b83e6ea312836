#pragma once

#include <string_view>

#include "storage/schema.h"
#include "storage/value.h"

namespace protocol {

// DynamoDB's key-size limits (bytes of the key value).
constexpr size_t kMaxPartitionKeyBytes = 2048;
constexpr size_t kMaxSortKeyBytes = 1024;

// Checks that `key` holds exactly the table's key attributes with their declared types and legal
// values (GetItem/DeleteItem "Key"). Throws ValidationException with DynamoDB's text.
// It is check_key_schema followed by check_key_values.
void validate_key(const storage::TableInfo& table, const storage::Item& key);

// `key` holds exactly the table's key attributes, with their declared types; else "The provided key
// element does not match the schema".
void check_key_schema(const storage::TableInfo& table, const storage::Item& key);

// A whole item has every key attribute, with its declared type (PutItem's "Missing the key ..." and
// "Type mismatch for key ..." texts).
void check_item_key_schema(const storage::TableInfo& table, const storage::Item& item);

// Empty and oversized key values of a key or item that passed one of the schema checks above.
void check_key_values(const storage::TableInfo& table, const storage::Item& item);

// The 400 KB item limit; DynamoDB checks it before looking the table up.
void check_item_size(const storage::Item& item);

// Checks a whole item for PutItem: key attributes present, typed and legal.
void validate_item(const storage::TableInfo& table, const storage::Item& item);

// The key attributes of `item`.
storage::Item key_of(const storage::TableInfo& table, const storage::Item& item);

}  // namespace protocol
