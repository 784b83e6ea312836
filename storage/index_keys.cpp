#include "storage/index_keys.h"

#include <algorithm>

namespace storage {

namespace {

bool is_empty_key_value(const AttributeValue& value) {
  return value.type != ValueType::kNumber && value.bytes.empty();
}

// Indexes in name order: DynamoDB reports the alphabetically first index that an attribute
// breaks.
std::vector<const IndexDefinition*> by_name(const TableInfo& table) {
  std::vector<const IndexDefinition*> indexes = table.all_indexes();
  std::sort(indexes.begin(), indexes.end(),
            [](const IndexDefinition* a, const IndexDefinition* b) { return a->name < b->name; });
  return indexes;
}

std::optional<IndexKeyProblem> find_problem(const TableInfo& table, const Item& item,
                                            IndexKeyProblem::Kind kind) {
  for (const IndexDefinition* index : by_name(table)) {
    for (const KeySchemaElement& key : index->key_schema) {
      auto it = item.find(key.name);
      const ValueType* declared = table.attribute_type(key.name);
      if (it == item.end() || declared == nullptr) {
        continue;
      }
      bool broken = kind == IndexKeyProblem::Kind::kTypeMismatch ? it->second.type != *declared
                                                                 : is_empty_key_value(it->second);
      if (broken) {
        return IndexKeyProblem{kind, index->name, key.name, *declared, it->second.type};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> index_key_names(const TableInfo& table, const IndexDefinition& index) {
  std::vector<std::string> names;
  for (const auto* schema : {&index.key_schema, &table.key_schema}) {
    for (const KeySchemaElement& key : *schema) {
      if (std::find(names.begin(), names.end(), key.name) == names.end()) {
        names.push_back(key.name);
      }
    }
  }
  return names;
}

bool index_projects(const TableInfo& table, const IndexDefinition& index, std::string_view name) {
  if (index.projection.type == ProjectionType::kAll) {
    return true;
  }
  for (const auto* schema : {&index.key_schema, &table.key_schema}) {
    for (const KeySchemaElement& key : *schema) {
      if (key.name == name) {
        return true;
      }
    }
  }
  const auto& included = index.projection.non_key_attributes;
  return index.projection.type == ProjectionType::kInclude &&
         std::find(included.begin(), included.end(), name) != included.end();
}

Item project_to_index(const TableInfo& table, const IndexDefinition& index, const Item& item) {
  if (index.projection.type == ProjectionType::kAll) {
    return item;
  }
  Item projected;
  for (const auto& [name, value] : item) {
    if (index_projects(table, index, name)) {
      projected.emplace(name, value);
    }
  }
  return projected;
}

bool index_key_values(const TableInfo& table, const IndexDefinition& index, const Item& item,
                      std::vector<const AttributeValue*>& hash,
                      std::vector<const AttributeValue*>& range) {
  hash.clear();
  range.clear();
  for (const KeySchemaElement& key : index.key_schema) {
    auto it = item.find(key.name);
    const ValueType* declared = table.attribute_type(key.name);
    if (it == item.end() || declared == nullptr || it->second.type != *declared ||
        is_empty_key_value(it->second)) {
      return false;
    }
    (key.key_type == KeyType::kHash ? hash : range).push_back(&it->second);
  }
  return !hash.empty();
}

std::optional<IndexKeyProblem> find_index_key_problem(const TableInfo& table, const Item& item) {
  if (auto problem = find_problem(table, item, IndexKeyProblem::Kind::kTypeMismatch)) {
    return problem;
  }
  return find_problem(table, item, IndexKeyProblem::Kind::kEmptyValue);
}

}  // namespace storage
