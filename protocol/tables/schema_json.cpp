#include "protocol/tables/schema_json.h"

namespace protocol {

namespace {

std::optional<std::string> opt_string(const Fields& f, std::string_view name) {
  auto value = f.string(name);
  return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
}

void check_name_length(Violations& v, const std::optional<std::string>& name,
                       const std::string& path) {
  if (!name) {
    v.add(std::nullopt, path, "Member must not be null");
    return;
  }
  if (name->empty()) {
    v.add(*name, path, "Member must have length greater than or equal to 1");
  }
  if (name->size() > 255) {
    v.add(*name, path, "Member must have length less than or equal to 255");
  }
}

}  // namespace

// A list of {AttributeName, <second>} structures (AttributeDefinitions, KeySchema).
template <typename Pair>
std::optional<std::vector<Pair>> read_named_pairs(const Fields& fields, std::string_view member,
                                                  std::string_view second) {
  const JsonValue* list = fields.list(member);
  if (list == nullptr) {
    return std::nullopt;
  }
  std::vector<Pair> pairs;
  for (const auto& element : list->GetArray()) {
    Fields pair(expect_structure(element));
    pairs.push_back(Pair{opt_string(pair, "AttributeName"), opt_string(pair, second)});
  }
  return pairs;
}

std::optional<std::vector<RawDefinition>> read_definitions(const Fields& fields,
                                                           std::string_view member) {
  return read_named_pairs<RawDefinition>(fields, member, "AttributeType");
}

std::optional<std::vector<RawKeyElement>> read_key_schema(const Fields& fields,
                                                          std::string_view member) {
  return read_named_pairs<RawKeyElement>(fields, member, "KeyType");
}

std::optional<RawThroughput> read_throughput(const Fields& fields, std::string_view member) {
  const JsonValue* object = fields.structure(member);
  if (object == nullptr) {
    return std::nullopt;
  }
  Fields t(*object);
  return RawThroughput{t.integer("ReadCapacityUnits"), t.integer("WriteCapacityUnits")};
}

RawIndex read_index(const Fields& f) {
  RawIndex index;
  index.name = opt_string(f, "IndexName");
  index.key_schema = read_key_schema(f, "KeySchema");
  if (const JsonValue* projection = f.structure("Projection")) {
    Fields p(*projection);
    index.has_projection = true;
    index.projection_type = opt_string(p, "ProjectionType");
    if (const JsonValue* names = p.list("NonKeyAttributes")) {
      index.non_key_attributes.emplace();
      for (const auto& name : names->GetArray()) {
        index.non_key_attributes->emplace_back(expect_string(name));
      }
    }
  }
  index.throughput = read_throughput(f, "ProvisionedThroughput");
  return index;
}

std::optional<std::vector<RawIndex>> read_indexes(const Fields& fields, std::string_view member) {
  const JsonValue* list = fields.list(member);
  if (list == nullptr) {
    return std::nullopt;
  }
  std::vector<RawIndex> indexes;
  for (const auto& element : list->GetArray()) {
    indexes.push_back(read_index(Fields(expect_structure(element))));
  }
  return indexes;
}

void check_key_schema(Violations& v, const std::optional<std::vector<RawKeyElement>>& keys,
                      const std::string& path, bool check_key_type_enum, size_t max_elements) {
  if (!keys) {
    v.add(std::nullopt, path, "Member must not be null");
    return;
  }
  for (size_t i = 0; i < keys->size(); ++i) {
    const auto& key = (*keys)[i];
    std::string member = path + ".member";
    std::string prefix = path + "." + std::to_string(i + 1) + ".member";
    check_name_length(v, key.name, prefix + ".attributeName");
    if (!key.key_type) {
      v.add(std::nullopt, prefix + ".keyType", "Member must not be null");
    } else if (check_key_type_enum && *key.key_type != "HASH" && *key.key_type != "RANGE") {
      v.add(*key.key_type, prefix + ".keyType",
            "Member must satisfy enum value set: [HASH, RANGE]");
    }
  }
  if (keys->empty()) {
    v.add("[]", path, "Member must have length greater than or equal to 1");
  }
  if (keys->size() > max_elements) {
    std::string shown = "[";
    for (size_t i = 0; i < keys->size(); ++i) {
      const auto& key = (*keys)[i];
      shown += (i > 0 ? ", " : "") + std::string("KeySchemaElement(attributeName=") +
               key.name.value_or("null") + ", keyType=" + key.key_type.value_or("null") + ")";
    }
    v.add(shown + "]", path,
          "Member must have length less than or equal to " + std::to_string(max_elements));
  }
}

void check_throughput(Violations& v, const std::optional<RawThroughput>& t,
                      const std::string& path) {
  if (!t) {
    return;
  }
  auto check_units = [&](const std::optional<int64_t>& units, const std::string& member) {
    if (!units) {
      v.add(std::nullopt, path + "." + member, "Member must not be null");
    } else if (*units < 1) {
      v.add(std::to_string(*units), path + "." + member,
            "Member must have value greater than or equal to 1");
    }
  };
  check_units(t->write_units, "writeCapacityUnits");
  check_units(t->read_units, "readCapacityUnits");
}

void check_definitions(Violations& v, const std::optional<std::vector<RawDefinition>>& defs,
                       const std::string& path, bool required) {
  if (!defs) {
    if (required) {
      v.add(std::nullopt, path, "Member must not be null");
    }
    return;
  }
  for (size_t i = 0; i < defs->size(); ++i) {
    const auto& def = (*defs)[i];
    std::string prefix = path + "." + std::to_string(i + 1) + ".member";
    if (!def.name) {
      v.add(std::nullopt, prefix + ".attributeName", "Member must not be null");
    }
    if (!def.type) {
      v.add(std::nullopt, prefix + ".attributeType", "Member must not be null");
    } else if (*def.type != "S" && *def.type != "N" && *def.type != "B") {
      v.add(*def.type, prefix + ".attributeType", "Member must satisfy enum value set: [B, N, S]");
    }
  }
}

void check_index(Violations& v, const RawIndex& index, const std::string& prefix,
                 size_t max_key_elements) {
  check_table_name(v, index.name, prefix + ".indexName", true);
  check_key_schema(v, index.key_schema, prefix + ".keySchema", true, max_key_elements);
  if (!index.has_projection) {
    v.add(std::nullopt, prefix + ".projection", "Member must not be null");
  } else if (index.projection_type && *index.projection_type != "ALL" &&
             *index.projection_type != "KEYS_ONLY" && *index.projection_type != "INCLUDE") {
    v.add(*index.projection_type, prefix + ".projection.projectionType",
          "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
  }
  check_throughput(v, index.throughput, prefix + ".provisionedThroughput");
}

void check_indexes(Violations& v, const std::optional<std::vector<RawIndex>>& indexes,
                   const std::string& path, size_t max_key_elements) {
  if (!indexes) {
    return;
  }
  for (size_t i = 0; i < indexes->size(); ++i) {
    check_index(v, (*indexes)[i], path + "." + std::to_string(i + 1) + ".member", max_key_elements);
  }
}

std::vector<storage::KeySchemaElement> to_key_schema(const std::vector<RawKeyElement>& keys) {
  std::vector<storage::KeySchemaElement> result;
  for (const auto& key : keys) {
    result.push_back(storage::KeySchemaElement{
        *key.name, *key.key_type == "HASH" ? storage::KeyType::kHash : storage::KeyType::kRange});
  }
  return result;
}

storage::Throughput to_throughput(const RawThroughput& t) {
  storage::Throughput result;
  result.read_units = t.read_units.value_or(0);
  result.write_units = t.write_units.value_or(0);
  return result;
}

storage::Throughput changed_throughput(const storage::Throughput& current,
                                       const RawThroughput& requested, int64_t now) {
  storage::Throughput next = to_throughput(requested);
  next.last_increase_ms = current.last_increase_ms;
  next.last_decrease_ms = current.last_decrease_ms;
  next.decreases_today = current.decreases_today;
  if (next.read_units > current.read_units || next.write_units > current.write_units) {
    next.last_increase_ms = now;
  }
  if (next.read_units < current.read_units || next.write_units < current.write_units) {
    next.last_decrease_ms = now;
    next.decreases_today += 1;
  }
  return next;
}

storage::ValueType to_value_type(const std::string& type) {
  return type == "S"   ? storage::ValueType::kString
         : type == "N" ? storage::ValueType::kNumber
                       : storage::ValueType::kBinary;
}

storage::IndexDefinition to_index(const RawIndex& index, bool global) {
  storage::IndexDefinition def;
  def.name = *index.name;
  def.global = global;
  def.key_schema = to_key_schema(*index.key_schema);
  def.projection.type = *index.projection_type == "ALL"         ? storage::ProjectionType::kAll
                        : *index.projection_type == "KEYS_ONLY" ? storage::ProjectionType::kKeysOnly
                                                                : storage::ProjectionType::kInclude;
  def.projection.non_key_attributes = index.non_key_attributes.value_or(std::vector<std::string>{});
  if (index.throughput) {
    def.throughput = to_throughput(*index.throughput);
  }
  return def;
}

}  // namespace protocol
