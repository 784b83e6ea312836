// Sources, cited as in DYNAMODB_MESSAGES.md: [DL] dynalite (checked against DynamoDB), [CONF] the
// conformance suite, [MV] moto's AWS-verified tests (Select ALL_ATTRIBUTES on a GSI, on an LSI).

#include "protocol/reads/index_read.h"

#include "protocol/error.h"
#include "protocol/reads/read_paging.h"
#include "storage/index_keys.h"

namespace protocol {

namespace {

bool names_unprojected(const storage::TableInfo& table, const storage::IndexDefinition& index,
                       const std::vector<const expr::Path*>& paths) {
  for (const expr::Path* path : paths) {
    if (!storage::index_projects(table, index, path->elements.front().name)) {
      return true;
    }
  }
  return false;
}

}  // namespace

const storage::IndexDefinition& resolve_index(const storage::TableInfo& table,
                                              const std::string& index_name, bool consistent) {
  const storage::IndexDefinition* index = table.find_index(index_name);
  if (index == nullptr) {
    throw ApiError::validation("The table does not have the specified index: " + index_name);
  }
  if (index->global && consistent) {
    // [CONF], [DL]
    throw ApiError::validation("Consistent reads are not supported on global secondary indexes");
  }
  if (index->backfilling()) {
    throw ApiError::validation("Cannot read from backfilling global secondary index: " +
                               index_name);
  }
  return *index;
}

IndexRead plan_index_read(const storage::TableInfo& table, const storage::IndexDefinition& index,
                          std::optional<Select> select, const expr::Projection* projection,
                          const expr::Condition* filter) {
  IndexRead read;
  read.index = &index;
  if (index.projection.type == storage::ProjectionType::kAll) {
    return read;
  }
  const bool all_attributes = select == Select::kAllAttributes;
  if (index.global) {
    if (all_attributes) {
      // [MV], [DL]: a GSI cannot fetch from its table.
      throw ApiError::validation(
          "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
          "supported for global secondary index " +
          index.name + " because its projection type is not ALL");
    }
    return read;
  }
  std::vector<const expr::Path*> paths;
  if (projection != nullptr) {
    for (const expr::Path& path : *projection) {
      paths.push_back(&path);
    }
  }
  if (filter != nullptr) {
    for (const expr::Path* path : condition_paths(*filter)) {
      paths.push_back(path);
    }
  }
  read.all_attributes = all_attributes;
  read.fetch_from_table = all_attributes || names_unprojected(table, index, paths);
  return read;
}

}  // namespace protocol
