#include "protocol/items/item_rules.h"

#include "protocol/error.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

size_t key_value_bytes(const storage::AttributeValue& value) {
  return value.type == storage::ValueType::kNumber ? storage::value_size(value)
                                                   : value.bytes.size();
}

// Empty and oversized key values, in DynamoDB's words.
void check_key_value(const std::string& name, const storage::AttributeValue& value,
                     bool partition) {
  if (value.type != storage::ValueType::kNumber && value.bytes.empty()) {
    throw ApiError::validation(
        std::string("One or more parameter values are not valid. The AttributeValue for a key "
                    "attribute cannot contain an empty ") +
        (value.type == storage::ValueType::kString ? "string" : "binary") + " value. Key: " + name);
  }
  size_t bytes = key_value_bytes(value);
  if (partition && bytes > kMaxPartitionKeyBytes) {
    throw ApiError::validation(std::string(kInvalid) +
                               "Size of hashkey has exceeded the maximum size limit of2048 bytes");
  }
  if (!partition && bytes > kMaxSortKeyBytes) {
    throw ApiError::validation(
        std::string(kInvalid) +
        "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  }
}

// PutItem's texts for a key attribute of a whole item that is missing or of the wrong type.
void check_item_key_attribute(const storage::TableInfo& table, const std::string& name,
                              const storage::Item& item) {
  auto it = item.find(name);
  if (it == item.end()) {
    throw ApiError::validation(std::string(kInvalid) + "Missing the key " + name + " in the item");
  }
  const storage::ValueType* type = table.attribute_type(name);
  if (type != nullptr && it->second.type != *type) {
    throw ApiError::validation(std::string(kInvalid) + "Type mismatch for key " + name +
                               " expected: " + std::string(storage::type_name(*type)) +
                               " actual: " + std::string(storage::type_name(it->second.type)));
  }
}

}  // namespace

void check_key_schema(const storage::TableInfo& table, const storage::Item& key) {
  if (key.size() != table.key_schema.size()) {
    throw ApiError::validation("The provided key element does not match the schema");
  }
  for (const auto& element : table.key_schema) {
    auto it = key.find(element.name);
    const storage::ValueType* type = table.attribute_type(element.name);
    if (it == key.end() || type == nullptr || it->second.type != *type) {
      throw ApiError::validation("The provided key element does not match the schema");
    }
  }
}

void check_item_key_schema(const storage::TableInfo& table, const storage::Item& item) {
  for (const auto& element : table.key_schema) {
    check_item_key_attribute(table, element.name, item);
  }
}

void check_key_values(const storage::TableInfo& table, const storage::Item& item) {
  for (const auto& element : table.key_schema) {
    check_key_value(element.name, item.find(element.name)->second,
                    element.key_type == storage::KeyType::kHash);
  }
}

void validate_key(const storage::TableInfo& table, const storage::Item& key) {
  check_key_schema(table, key);
  check_key_values(table, key);
}

void validate_item(const storage::TableInfo& table, const storage::Item& item) {
  for (const auto& element : table.key_schema) {
    check_item_key_attribute(table, element.name, item);
    check_key_value(element.name, item.find(element.name)->second,
                    element.key_type == storage::KeyType::kHash);
  }
}

void check_item_size(const storage::Item& item) {
  if (storage::item_size(item) > storage::kMaxItemBytes) {
    throw ApiError::validation("Item size has exceeded the maximum allowed size");
  }
}

storage::Item key_of(const storage::TableInfo& table, const storage::Item& item) {
  storage::Item key;
  for (const auto& element : table.key_schema) {
    auto it = item.find(element.name);
    if (it != item.end()) {
      key.emplace(it->first, it->second);
    }
  }
  return key;
}

}  // namespace protocol
