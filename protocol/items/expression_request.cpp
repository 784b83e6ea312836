#include "protocol/items/expression_request.h"

#include "protocol/error.h"
#include "protocol/wire/value_json.h"

namespace protocol {

namespace {

std::string braced(const std::vector<std::string>& names) {
  std::string text = "{";
  for (size_t i = 0; i < names.size(); ++i) {
    text += (i > 0 ? ", " : "") + names[i];
  }
  return text + "}";
}

// Keys must look like the references that use them: #name / :value, letters, digits and '_'.
void check_key(std::string_view key, char sigil, std::string_view map_name) {
  bool ok = key.size() > 1 && key[0] == sigil;
  for (size_t i = 1; ok && i < key.size(); ++i) {
    ok = std::isalnum(static_cast<unsigned char>(key[i])) || key[i] == '_';
  }
  if (!ok) {
    throw ApiError::validation(std::string(map_name) +
                               " contains invalid key: Syntax error; key: \"" + std::string(key) +
                               "\"");
  }
}

void read_names(const Fields& f, ExpressionMembers& m) {
  const JsonValue* names = f.map("ExpressionAttributeNames");
  if (names == nullptr) {
    return;
  }
  m.has_names = true;
  for (const auto& member : names->GetObject()) {
    check_key(view_of(member.name), '#', "ExpressionAttributeNames");
    m.attributes.names.insert_or_assign(std::string(view_of(member.name)),
                                        std::string(expect_string(member.value)));
  }
}

void read_values(const Fields& f, ExpressionMembers& m) {
  const JsonValue* values = f.map("ExpressionAttributeValues");
  if (values == nullptr) {
    return;
  }
  m.has_values = true;
  for (const auto& member : values->GetObject()) {
    std::string key(view_of(member.name));
    check_key(key, ':', "ExpressionAttributeValues");
    try {
      m.attributes.values.insert_or_assign(key, parse_attribute_value(member.value));
    } catch (const ApiError& e) {
      if (e.type() != "ValidationException") {
        throw;
      }
      throw ApiError::validation(
          "ExpressionAttributeValues contains invalid value: " + e.message() + " for key " + key);
    }
  }
}

}  // namespace

std::optional<std::string> read_expression(const Fields& f, std::string_view member) {
  auto text = f.string(member);
  return text ? std::optional<std::string>(std::string(*text)) : std::nullopt;
}

ExpressionMembers read_expression_members(const Fields& f,
                                          const std::vector<std::string>& expression_members,
                                          const std::vector<std::string>& legacy_members) {
  ExpressionMembers m;
  for (const auto& name : expression_members) {
    if (f.raw(name) != nullptr) {
      m.expressions.push_back(name);
    }
  }
  for (const auto& name : legacy_members) {
    if (f.raw(name) != nullptr) {
      m.legacy.push_back(name);
    }
  }
  read_names(f, m);
  read_values(f, m);
  if (!m.expressions.empty() && !m.legacy.empty()) {
    throw ApiError::validation(
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: " +
        braced(m.legacy) + " Expression parameters: " + braced(m.expressions));
  }
  if (m.expressions.empty() && m.has_names) {
    throw ApiError::validation(
        "ExpressionAttributeNames can only be specified when using expressions");
  }
  if (m.expressions.empty() && m.has_values) {
    throw ApiError::validation(
        "ExpressionAttributeValues can only be specified when using expressions");
  }
  if (m.has_names && m.attributes.names.empty()) {
    throw ApiError::validation("ExpressionAttributeNames must not be empty");
  }
  if (m.has_values && m.attributes.values.empty()) {
    throw ApiError::validation("ExpressionAttributeValues must not be empty");
  }
  return m;
}

}  // namespace protocol
