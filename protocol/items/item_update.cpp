#include "protocol/items/item_update.h"

#include "protocol/error.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/legacy.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

storage::Item apply(const expr::UpdateExpression& update, bool legacy,
                    const std::optional<storage::Item>& old, const storage::Item& key) {
  try {
    if (old) {
      return expr::apply_update(update, *old);
    }
    expr::UpdateExpression without_removes = update;
    std::erase_if(without_removes.actions, [](const expr::UpdateAction& a) {
      return a.kind == expr::UpdateAction::Kind::kRemove;
    });
    return expr::apply_update(without_removes, key);
  } catch (const ApiError& e) {
    if (legacy && e.message() == expr::kIncorrectOperandTypeMessage) {
      throw ApiError::validation("Type mismatch for attribute to update");
    }
    throw;
  }
}

}  // namespace

std::vector<std::string> key_names(const storage::TableInfo& table) {
  std::vector<std::string> names;
  for (const auto& key : table.key_schema) {
    names.push_back(key.name);
  }
  return names;
}

expr::UpdateExpression read_update(const Fields& f, expr::Resolver& resolver) {
  if (auto text = read_expression(f, "UpdateExpression")) {
    expr::UpdateExpression update = expr::parse_update(*text);
    resolver.resolve(update);
    expr::check_update_operands(update);
    return update;
  }
  Violations v;
  auto update = legacy::read_attribute_updates(f, v);
  v.raise_if_any();
  return update ? std::move(*update) : expr::UpdateExpression{};
}

storage::Item updated_item(const expr::UpdateExpression& update, bool legacy,
                           const std::optional<storage::Item>& old, const storage::Item& key) {
  storage::Item updated = apply(update, legacy, old, key);
  if (storage::item_size(updated) > storage::kMaxItemBytes) {
    throw ApiError::validation("Item size to update has exceeded the maximum allowed size");
  }
  return updated;
}

}  // namespace protocol
