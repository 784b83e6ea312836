#include "storage/catalog.h"

#include <mutex>

namespace storage {

TablePtr Catalog::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = by_name_.find(name);
  if (it == by_name_.end()) {
    return nullptr;
  }
  const TablePtr& table = it->second;
  if (table->status == TableStatus::kDeleting && epoch_ms(clock_) >= table->status_settles_ms) {
    return nullptr;
  }
  return table;
}

TablePtr Catalog::find_by_id(uint32_t id) const {
  std::shared_lock lock(mutex_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<TablePtr> Catalog::all() const {
  std::vector<TablePtr> tables;
  int64_t now = epoch_ms(clock_);
  std::shared_lock lock(mutex_);
  for (const auto& [name, table] : by_name_) {
    if (table->status != TableStatus::kDeleting || now < table->status_settles_ms) {
      tables.push_back(table);
    }
  }
  return tables;
}

std::shared_ptr<TableStats> Catalog::stats(uint32_t id) const {
  std::shared_lock lock(mutex_);
  auto it = stats_.find(id);
  return it == stats_.end() ? nullptr : it->second;
}

void Catalog::put(TablePtr table) {
  std::unique_lock lock(mutex_);
  auto previous = by_id_.find(table->id);
  if (previous != by_id_.end()) {
    for (const IndexDefinition* index : previous->second->all_indexes()) {
      if (table->find_index(index->name) == nullptr) {
        stats_.erase(index->index_id);  // dropped by UpdateTable
      }
    }
  }
  stats_.try_emplace(table->id, std::make_shared<TableStats>());
  for (const IndexDefinition* index : table->all_indexes()) {
    stats_.try_emplace(index->index_id, std::make_shared<TableStats>());
  }
  by_id_[table->id] = table;
  by_name_[table->name] = std::move(table);
}

void Catalog::remove(TablePtr ghost) {
  std::unique_lock lock(mutex_);
  by_id_.erase(ghost->id);
  stats_.erase(ghost->id);
  for (const IndexDefinition* index : ghost->all_indexes()) {
    stats_.erase(index->index_id);
  }
  by_name_[ghost->name] = std::move(ghost);
}

}  // namespace storage
