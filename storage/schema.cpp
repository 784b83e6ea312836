#include "storage/schema.h"

#include <chrono>

namespace storage {

const ValueType* TableInfo::attribute_type(std::string_view name) const {
  for (const auto& def : attribute_definitions) {
    if (def.name == name) {
      return &def.type;
    }
  }
  return nullptr;
}

TableStatus TableInfo::status_at(int64_t now) const {
  if (status != TableStatus::kActive && now < status_settles_ms) {
    return status;
  }
  if (status == TableStatus::kDeleting) {
    return TableStatus::kDeleting;
  }
  for (const auto& index : global_indexes) {
    if (index.status_at(now) != IndexStatus::kActive) {
      return TableStatus::kUpdating;
    }
  }
  return TableStatus::kActive;
}

const IndexDefinition* TableInfo::find_index(std::string_view index_name) const {
  for (const IndexDefinition* index : all_indexes()) {
    if (index->name == index_name) {
      return index;
    }
  }
  return nullptr;
}

std::vector<const IndexDefinition*> TableInfo::all_indexes() const {
  std::vector<const IndexDefinition*> indexes;
  for (const auto* list : {&local_indexes, &global_indexes}) {
    for (const IndexDefinition& index : *list) {
      indexes.push_back(&index);
    }
  }
  return indexes;
}

namespace {

std::vector<std::string> names_of(const std::vector<KeySchemaElement>& keys, KeyType type) {
  std::vector<std::string> names;
  for (const auto& key : keys) {
    if (key.key_type == type) {
      names.push_back(key.name);
    }
  }
  return names;
}

}  // namespace

std::vector<std::string> IndexDefinition::hash_keys() const {
  return names_of(key_schema, KeyType::kHash);
}

std::vector<std::string> IndexDefinition::range_keys() const {
  return names_of(key_schema, KeyType::kRange);
}

IndexStatus IndexDefinition::status_at(int64_t now) const {
  if (status == IndexStatus::kUpdating && now >= status_settles_ms) {
    return IndexStatus::kActive;
  }
  return status;
}

TtlStatus TimeToLive::status_at(int64_t now) const {
  bool settled = now >= settles_ms;
  if (enabled) {
    return settled ? TtlStatus::kEnabled : TtlStatus::kEnabling;
  }
  return settled || attribute.empty() ? TtlStatus::kDisabled : TtlStatus::kDisabling;
}

}  // namespace storage
