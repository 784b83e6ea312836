// ProjectionExpression and the UPDATED_OLD / UPDATED_NEW return values.
//
// Like DynamoDB Local's ExpressionExecutor.project ([Local], see compare.cpp), the paths form a
// tree and the item is copied along it:
//   - a nested path keeps the structure around it: a.b[2].y gives {a: {b: [{y: ..}]}}, the list
//     holding only the projected elements ([Alternator] test_projection_expression_path);
//   - several indexes of one list come back in list order, not the order written (TreeMap in
//     [Local]; [dynalite] test/updateItem.js "should update nested attributes" returns c[1], c[2],
//     c[4] as one three-element list);
//   - a path that is missing, runs past a list's end or indexes the wrong kind of value contributes
//     nothing, and a container left with nothing projected is left out entirely.
// UPDATED_OLD and UPDATED_NEW are the same projection with the update's action paths, applied to
// the old or the new item ([Local] getUpdatedOldDocument / getUpdatedNewDocument), so a list
// element appended past the end by SET a[7] is not in UPDATED_NEW: a[7] does not exist afterwards.

#include <map>
#include <optional>
#include <string>

#include "protocol/expr/compare.h"
#include "protocol/expr/expr.h"

namespace protocol::expr {

using storage::AttributeMap;
using storage::AttributeValue;
using storage::Item;
using storage::ValueType;

namespace {

struct Node {
  bool whole = false;  // a projected path ends here: the whole value is wanted
  std::map<std::string, Node, std::less<>> names;
  std::map<uint32_t, Node> indexes;
};

// Overlapping paths are refused before this runs (check_projection); if they reach it anyway, the
// shorter path wins because it already takes everything below it.
void add_path(Node& root, const Path& path) {
  Node* node = &root;
  for (const PathElement& step : path.elements) {
    if (node->whole) {
      return;
    }
    node = step.kind == PathElement::Kind::kName ? &node->names[step.name]
                                                 : &node->indexes[step.index];
  }
  node->whole = true;
  node->names.clear();
  node->indexes.clear();
}

std::optional<AttributeValue> project_value(const Node& node, const AttributeValue& value) {
  if (node.whole) {
    return value;
  }
  if (value.type == ValueType::kMap) {
    AttributeMap members;
    for (const auto& [name, child] : node.names) {
      auto found = value.map.find(name);
      if (found == value.map.end()) {
        continue;
      }
      if (std::optional<AttributeValue> part = project_value(child, found->second)) {
        members.emplace(name, std::move(*part));
      }
    }
    return members.empty() ? std::nullopt
                           : std::optional<AttributeValue>(AttributeValue::map_of(members));
  }
  if (value.type == ValueType::kList) {
    std::vector<AttributeValue> elements;
    for (const auto& [index, child] : node.indexes) {
      if (index >= value.list.size()) {
        break;  // indexes are in order: the rest are past the end too
      }
      if (std::optional<AttributeValue> part = project_value(child, value.list[index])) {
        elements.push_back(std::move(*part));
      }
    }
    return elements.empty() ? std::nullopt
                            : std::optional<AttributeValue>(AttributeValue::list_of(elements));
  }
  return std::nullopt;  // a path step into a scalar or a set
}

Item project_tree(const Item& item, const Node& root) {
  Item result;
  for (const auto& [name, child] : root.names) {
    auto found = item.find(name);
    if (found == item.end()) {
      continue;
    }
    if (std::optional<AttributeValue> part = project_value(child, found->second)) {
      result.emplace(name, std::move(*part));
    }
  }
  return result;
}

}  // namespace

Item project(const Item& item, const Projection& paths) {
  Node root;
  for (const Path& path : paths) {
    add_path(root, path);
  }
  return project_tree(item, root);
}

Item updated_attributes(const Item& item, const UpdateExpression& update) {
  Node root;
  for (const UpdateAction& action : update.actions) {
    add_path(root, action.path);
  }
  return project_tree(item, root);
}

}  // namespace protocol::expr
