#include "protocol/transact/common.h"

#include <set>

#include "protocol/batch/common.h"
#include "protocol/error.h"
#include "protocol/items/item_rules.h"
#include "protocol/wire/value_json.h"

namespace protocol::transact {

namespace {

constexpr std::string_view kDuplicateItem =
    "Transaction request cannot include multiple operations on one item";

std::string java_string_map(const JsonValue& map) {
  std::string text = "{";
  for (const auto& member : map.GetObject()) {
    text += text.size() > 1 ? ", " : "";
    text += std::string(view_of(member.name)) + "=" +
            (member.value.IsString() ? std::string(view_of(member.value)) : "null");
  }
  return text + "}";
}

std::string java_field(const JavaField& field, const JsonValue* value) {
  if (value == nullptr || value->IsNull()) {
    return "null";
  }
  switch (field.kind) {
    case JavaField::Kind::kString:
      return value->IsString() ? std::string(view_of(*value)) : batch::json_text(*value);
    case JavaField::Kind::kAttributeMap:
      return value->IsObject() ? batch::java_attribute_map(value) : "null";
    case JavaField::Kind::kStringMap:
      return value->IsObject() ? java_string_map(*value) : "null";
    case JavaField::Kind::kStructure:
      return java_structure(field.class_name, value, *field.fields);
  }
  return "null";
}

// The key problem of one action: PutItem's texts for an item, the schema-mismatch text for a key.
std::optional<std::string> key_problem(const storage::TableInfo& table,
                                       const TargetRequest& request) {
  try {
    if (request.whole_item) {
      check_item_key_schema(table, *request.attributes);
    } else {
      check_key_schema(table, *request.attributes);
    }
  } catch (const ApiError& e) {
    return e.message();
  }
  return std::nullopt;
}

}  // namespace

void check_transact_items(Violations& v, const JsonValue* items,
                          const std::function<std::string()>& echo) {
  if (items == nullptr) {
    v.add(std::nullopt, "transactItems", "Member must not be null");
  } else if (items->Empty()) {
    v.add("[]", "transactItems", "Member must have length greater than or equal to 1");
  } else if (items->Size() > kMaxActions) {
    v.add(echo(), "transactItems", "Member must have length less than or equal to 100");
  }
}

std::string java_structure(std::string_view class_name, const JsonValue* object,
                           const std::vector<JavaField>& fields) {
  if (object == nullptr || !object->IsObject()) {
    return "null";
  }
  std::string text = std::string(class_name) + "(";
  for (size_t i = 0; i < fields.size(); ++i) {
    auto it = object->FindMember(JsonValue(rapidjson::StringRef(
        fields[i].member.data(), static_cast<rapidjson::SizeType>(fields[i].member.size()))));
    const JsonValue* value = it == object->MemberEnd() ? nullptr : &it->value;
    text +=
        (i > 0 ? ", " : "") + std::string(fields[i].java_name) + "=" + java_field(fields[i], value);
  }
  return text + ")";
}

std::string java_list(const JsonValue& list,
                      const std::function<std::string(const JsonValue&)>& element) {
  std::string text = "[";
  for (const auto& value : list.GetArray()) {
    if (text.size() > batch::kMaxEchoBytes) {
      text += ", ...";
      break;
    }
    text += (text.size() > 1 ? ", " : "") + element(value);
  }
  return text + "]";
}

void throw_canceled(std::vector<CancellationReason> reasons) {
  throw ApiError::transaction_canceled(std::move(reasons));
}

std::vector<ActionTarget> resolve_targets(const OpContext& ctx,
                                          const std::vector<TargetRequest>& requests) {
  std::vector<ActionTarget> targets;
  targets.reserve(requests.size());
  std::set<std::string> seen;
  for (const auto& request : requests) {
    ActionTarget target{ctx.table_for_items(request.table_name), std::nullopt};
    target.problem = key_problem(*target.table, request);
    if (!target.problem) {
      check_key_values(*target.table, *request.attributes);
      storage::Item key = key_of(*target.table, *request.attributes);
      if (!seen.insert(batch::item_identity(*target.table, key)).second) {
        throw ApiError::validation(std::string(kDuplicateItem));
      }
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

}  // namespace protocol::transact
