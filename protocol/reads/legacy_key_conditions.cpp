#include "protocol/reads/legacy_key_conditions.h"

#include <string>
#include <utility>

#include "protocol/items/legacy.h"

namespace protocol::legacy {

namespace {

std::optional<storage::SortOp> key_operator(const std::string& op) {
  using storage::SortOp;
  static const std::pair<const char*, SortOp> kOps[] = {{"EQ", SortOp::kEq},
                                                        {"LT", SortOp::kLt},
                                                        {"LE", SortOp::kLe},
                                                        {"GT", SortOp::kGt},
                                                        {"GE", SortOp::kGe},
                                                        {"BETWEEN", SortOp::kBetween},
                                                        {"BEGINS_WITH", SortOp::kBeginsWith}};
  for (const auto& [text, sort_op] : kOps) {
    if (op == text) {
      return sort_op;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<KeyCondition>> read_key_conditions(const Fields& f) {
  const JsonValue* conditions = f.map("KeyConditions");
  if (conditions == nullptr) {
    return std::nullopt;
  }
  std::vector<KeyCondition> out;
  for (const auto& entry : conditions->GetObject()) {
    auto [op, args] = read_condition_entry(entry.value);
    KeyCondition condition;
    condition.attribute = std::string(view_of(entry.name));
    std::optional<storage::SortOp> sort_op = key_operator(op);
    condition.indexable = sort_op.has_value();
    condition.op = sort_op.value_or(storage::SortOp::kEq);
    condition.values = std::move(args);
    out.push_back(std::move(condition));
  }
  return out;
}

}  // namespace protocol::legacy
