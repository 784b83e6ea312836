#include <algorithm>
#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/expr/expr.h"
#include "protocol/expr/internal.h"

namespace protocol::expr {

namespace {

enum class PathRelation : uint8_t { kDisjoint, kOverlap, kConflict };

// Two resolved paths overlap when one is a prefix of the other (a, a.b) and conflict when, after
// a common prefix, one goes on as a map and the other as a list (a.b, a[1]). This is symbolic:
// the item's contents play no part.
PathRelation relate(const Path& a, const Path& b) {
  const size_t common = std::min(a.elements.size(), b.elements.size());
  for (size_t i = 0; i < common; ++i) {
    const PathElement& x = a.elements[i];
    const PathElement& y = b.elements[i];
    if (x.kind != y.kind) {
      return PathRelation::kConflict;
    }
    if (x.kind == PathElement::Kind::kName ? x.name != y.name : x.index != y.index) {
      return PathRelation::kDisjoint;
    }
  }
  return PathRelation::kOverlap;
}

}  // namespace

// "path one" is the earlier path, "path two" the later one (dynalite's order, and Alternator's
// record of DynamoDB's conflict message for `a.b, a[1]`). Because earlier paths never overlap or
// conflict among themselves, a new path can only do one or the other.
void check_new_path(const std::vector<const Path*>& earlier, const Path& path, Source source) {
  for (const Path* before : earlier) {
    switch (relate(*before, path)) {
      case PathRelation::kOverlap:
        throw paths_clash(source, "overlap", *before, path);
      case PathRelation::kConflict:
        throw paths_clash(source, "conflict", *before, path);
      case PathRelation::kDisjoint:
        break;
    }
  }
}

namespace {

template <typename Paths>
void check_all_paths(const Paths& paths, Source source) {
  std::vector<const Path*> earlier;
  for (const Path& path : paths) {
    check_new_path(earlier, path, source);
    earlier.push_back(&path);
  }
}

}  // namespace

void check_update(const UpdateExpression& update, const std::vector<std::string>& key_names) {
  std::vector<const Path*> earlier;
  for (const UpdateAction& action : update.actions) {
    check_new_path(earlier, action.path, Source::kUpdateExpression);
    earlier.push_back(&action.path);
  }
  // Any action whose path starts at a key attribute would change the key (also `SET pk.x`).
  for (const UpdateAction& action : update.actions) {
    const PathElement& top = action.path.elements.front();
    if (std::find(key_names.begin(), key_names.end(), top.name) != key_names.end()) {
      throw ApiError::validation(
          "One or more parameter values were invalid: Cannot update attribute " + top.name +
          ". This attribute is part of the key");
    }
  }
}

void check_projection(const Projection& projection) {
  check_all_paths(projection, Source::kProjectionExpression);
}

}  // namespace protocol::expr
