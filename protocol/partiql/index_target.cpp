#include "protocol/partiql/index_target.h"

#include <algorithm>
#include <string>
#include <vector>

#include "protocol/error.h"

namespace protocol::partiql {

namespace {

const storage::IndexDefinition* global_index(const storage::TableInfo& table,
                                             const SelectStatement& select) {
  if (!select.from.index) {
    return nullptr;
  }
  const storage::IndexDefinition* index = table.find_index(*select.from.index);
  return index != nullptr && index->global ? index : nullptr;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void check_multi_attribute_index(const storage::TableInfo& table, const SelectStatement& select) {
  const storage::IndexDefinition* index = global_index(table, select);
  if (index != nullptr && (index->hash_keys().size() > 1 || index->range_keys().size() > 1)) {
    throw ApiError::validation(
        "PartiQL statements cannot be executed on tables with multi-attribute HASH keys or "
        "multi-attribute RANGE keys.");
  }
}

void check_gsi_projection(const storage::TableInfo& table, const SelectStatement& select) {
  const storage::IndexDefinition* index = global_index(table, select);
  if (index == nullptr || !select.projection ||
      index->projection.type == storage::ProjectionType::kAll) {
    return;
  }
  // What the index holds: the table's key, its own key, and INCLUDE's attributes.
  std::vector<std::string> held = index->projection.non_key_attributes;
  for (const auto& element : table.key_schema) {
    held.push_back(element.name);
  }
  for (const auto& element : index->key_schema) {
    held.push_back(element.name);
  }
  std::vector<std::string> missing;
  for (const expr::Path& path : *select.projection) {
    const std::string& name = path.elements.front().name;
    if (!contains(held, name) && !contains(missing, name)) {
      missing.push_back(name);
    }
  }
  if (missing.empty()) {
    return;
  }
  std::string list;
  for (const std::string& name : missing) {
    list += (list.empty() ? "" : ", ") + name;
  }
  throw ApiError::validation("One or more parameter values were invalid: Global secondary index " +
                             index->name + " does not project [" + list + "]");
}

}  // namespace protocol::partiql
