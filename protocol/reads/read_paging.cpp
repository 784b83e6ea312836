// Sources, cited as in DYNAMODB_MESSAGES.md "Query and Scan": [Local] DynamoDB Local's
// PaginatingFunction, [DL] dynalite (checked against DynamoDB), [CONF] the conformance suite.

#include "protocol/reads/read_paging.h"

#include "protocol/error.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/legacy.h"
#include "protocol/wire/value_json.h"
#include "storage/index_keys.h"
#include "storage/item_size.h"

namespace protocol {

namespace {

bool mentions(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// [DL] test/query.js and scan.js: DynamoDB prefixes some value problems of ExclusiveStartKey with
// "The provided starting key is invalid: " and reports numbers, number sets and duplicates bare.
bool worded_as_start_key(std::string_view message) {
  return mentions(message, "Supplied AttributeValue") ||
         mentions(message, "Null attribute value types") ||
         mentions(message, "An string set  may not be empty") ||
         mentions(message, "Binary sets should not be empty");
}

std::string_view select_name(Select select) {
  switch (select) {
    case Select::kAllAttributes:
      return "ALL_ATTRIBUTES";
    case Select::kAllProjectedAttributes:
      return "ALL_PROJECTED_ATTRIBUTES";
    case Select::kSpecificAttributes:
      return "SPECIFIC_ATTRIBUTES";
    case Select::kCount:
      return "COUNT";
  }
  return "";
}

void collect_operand_paths(const expr::Operand& operand, std::vector<const expr::Path*>& out) {
  if (operand.kind == expr::Operand::Kind::kPath) {
    out.push_back(&operand.path);
  }
  for (const expr::Operand& arg : operand.args) {
    collect_operand_paths(arg, out);
  }
}

void collect_condition_paths(const expr::Condition& condition,
                             std::vector<const expr::Path*>& out) {
  for (const expr::Operand& operand : condition.operands) {
    collect_operand_paths(operand, out);
  }
  for (const expr::Condition& child : condition.children) {
    collect_condition_paths(child, out);
  }
}

void refuse_nested(const std::vector<const expr::Path*>& paths, const std::string& name,
                   std::string_view kind) {
  for (const expr::Path* path : paths) {
    if (path->elements.size() > 1 && path->elements.front().name == name) {
      throw ApiError::validation(
          "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
          "allowed: " +
          std::string(kind) + ": " + name);
    }
  }
}

}  // namespace

std::optional<Select> read_select(const Fields& f, Violations& v) {
  auto text = f.string("Select");
  if (!text) {
    return std::nullopt;
  }
  for (Select select : {Select::kAllAttributes, Select::kAllProjectedAttributes,
                        Select::kSpecificAttributes, Select::kCount}) {
    if (*text == select_name(select)) {
      return select;
    }
  }
  // [CONF] query.test.ts "invalid Select value": DynamoDB's own order of the enum.
  v.add(*text, "select",
        "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
        "ALL_PROJECTED_ATTRIBUTES]");
  return std::nullopt;
}

std::optional<int64_t> read_limit(const Fields& f, Violations& v, bool query) {
  std::optional<int64_t> limit = f.integer("Limit");
  if (limit && *limit < 1 && !query) {
    v.add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
  }
  return limit;
}

void raise_query_violations(const Violations& v, std::optional<int64_t> limit) {
  if (!limit || *limit >= 1) {
    v.raise_if_any();
    return;
  }
  if (v.empty()) {
    throw ApiError::validation(
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must "
        "have value greater than or equal to 1");
  }
  // Among other violations, report it the usual way ([DL] "Value '-1' at 'limit'").
  Violations all = v;
  all.add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
  all.raise_if_any();
}

std::optional<storage::Item> read_start_key(const Fields& f) {
  const JsonValue* json = f.map("ExclusiveStartKey");
  if (json == nullptr) {
    return std::nullopt;
  }
  try {
    return parse_attribute_map(*json);
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException" || !worded_as_start_key(e.message())) {
      throw;
    }
    throw ApiError::validation("The provided starting key is invalid: " + e.message());
  }
}

Select check_select(std::optional<Select> select, std::string_view projection_member,
                    bool has_index) {
  const bool projected = !projection_member.empty();
  if (!select) {
    return projected   ? Select::kSpecificAttributes
           : has_index ? Select::kAllProjectedAttributes
                       : Select::kAllAttributes;
  }
  const std::string cannot =
      "Cannot specify the " + std::string(projection_member) + " when choosing to get ";
  switch (*select) {
    case Select::kAllAttributes:
    case Select::kAllProjectedAttributes:
      if (projected) {
        throw ApiError::validation(cannot + std::string(select_name(*select)));
      }
      if (*select == Select::kAllProjectedAttributes && !has_index) {
        // [CONF] scan/select.test.ts: the word "Querying" stays, even for Scan.
        throw ApiError::validation(
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
      }
      break;
    case Select::kCount:
      if (projected) {
        throw ApiError::validation(cannot + "only the Count");
      }
      break;
    case Select::kSpecificAttributes:
      if (!projected) {
        throw ApiError::validation(
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES");
      }
      break;
  }
  return *select;
}

expr::Condition parse_filter_expression(std::string_view text, expr::Resolver& resolver) {
  expr::Condition filter = expr::parse_condition(text, expr::Source::kFilterExpression);
  resolver.resolve(filter, expr::Source::kFilterExpression);
  expr::check_condition_operands(filter, expr::Source::kFilterExpression);
  return filter;
}

std::vector<const expr::Path*> condition_paths(const expr::Condition& condition) {
  std::vector<const expr::Path*> out;
  collect_condition_paths(condition, out);
  return out;
}

void check_scalar_key_paths(const storage::TableInfo& table,
                            const std::vector<const expr::Path*>& paths) {
  for (const storage::KeySchemaElement& key : table.key_schema) {
    refuse_nested(paths, key.name, "Key");
  }
  for (const auto* indexes : {&table.global_indexes, &table.local_indexes}) {
    for (const storage::IndexDefinition& index : *indexes) {
      for (const storage::KeySchemaElement& key : index.key_schema) {
        refuse_nested(paths, key.name, "IndexKey");
      }
    }
  }
}

Page::Page(const storage::TableInfo& table, const Options& options, PageSink* sink)
    : table_(table), options_(options), sink_(sink) {
  result_.count_only = options_.count_only;
}

bool Page::add(storage::Item& item) {
  ++result_.scanned;
  // What the index holds of the item (an index projecting ALL holds the item itself).
  const storage::IndexDefinition* index = options_.index.index;
  std::optional<storage::Item> entry;
  if (index != nullptr && index->projection.type != storage::ProjectionType::kAll) {
    entry = storage::project_to_index(table_, *index, item);
  }
  bytes_ += storage::item_size(entry ? *entry : item);
  if (options_.index.fetch_from_table) {
    fetched_blocks_ += (storage::item_size(item) + 4095) / 4096;
  }
  // Limit counts items read, not items returned; the 1 MB is measured before the filter too.
  const bool full =
      (options_.limit && result_.scanned >= *options_.limit) || bytes_ >= kMaxPageBytes;
  if (full) {
    result_.last_evaluated_key = last_key_of(item);
  }
  // A GSI shows only what it holds; an LSI that fetched shows the whole item to the filter and the
  // ProjectionExpression, and its projection otherwise (unless Select ALL_ATTRIBUTES).
  const bool whole = !entry || options_.index.fetch_from_table;
  storage::Item& seen = whole ? item : *entry;
  if (options_.filter == nullptr || expr::evaluate(*options_.filter, seen)) {
    ++result_.count;
    if (!options_.count_only && options_.projection != nullptr) {
      keep(expr::project(seen, *options_.projection));
    } else if (!options_.count_only) {
      keep(entry && !options_.index.all_attributes ? *entry : item);
    }
  }
  return !full;
}

void Page::keep(storage::Item& item) {
  if (sink_ != nullptr) {
    sink_->add(item);
  } else {
    result_.items.push_back(std::move(item));
  }
}

void Page::keep(storage::Item&& item) { keep(item); }

storage::Item Page::last_key_of(const storage::Item& item) const {
  const storage::IndexDefinition* index = options_.index.index;
  if (index == nullptr) {
    return key_of(table_, item);
  }
  storage::Item key;
  for (const std::string& name : storage::index_key_names(table_, *index)) {
    key.emplace(name, item.at(name));
  }
  return key;
}

ReadPageResult Page::finish(bool resumable, CapacityMode capacity, bool consistent) {
  if (!resumable) {
    result_.last_evaluated_key.reset();
  }
  // Capacity is charged on everything read, in 4 KB units over the whole page; an LSI's fetches
  // from the table are charged per item, as separate table reads.
  Consumed consumed;
  double units = read_units(bytes_, consistent);
  if (const storage::IndexDefinition* index = options_.index.index) {
    consumed.add_index(index->name, index->global, units);
    double fetched = static_cast<double>(fetched_blocks_);
    consumed.table = consistent ? fetched : fetched / 2;
  } else {
    consumed.table = units;
  }
  result_.capacity = ConsumedCapacity{capacity, table_.name, std::move(consumed)};
  result_.read_bytes = bytes_;
  return std::move(result_);
}

JsonPageSink::JsonPageSink(JsonWriter& w, bool count_only) : w_(w), count_only_(count_only) {
  if (!count_only_) {
    write_key(w_, "Items");
    w_.StartArray();
  }
}

void JsonPageSink::add(const storage::Item& item) { write_attribute_map(w_, item); }

void JsonPageSink::finish() {
  if (!count_only_) {
    w_.EndArray();
  }
}

void write_page_summary(JsonWriter& w, const ReadPageResult& page) {
  write_key(w, "Count");
  w.Int64(page.count);
  write_key(w, "ScannedCount");
  w.Int64(page.scanned);
  if (page.last_evaluated_key) {
    write_key(w, "LastEvaluatedKey");
    write_attribute_map(w, *page.last_evaluated_key);
  }
  write_consumed_capacity(w, page.capacity);
}

void read_shared_members(const Fields& f, std::string_view filter_member, bool query, Violations& v,
                         ReadRequestBase& r) {
  std::optional<std::string_view> name = require_table_name(f);
  r.select = read_select(f, v);
  auto index = f.string("IndexName");
  check_table_name(v, index, "indexName", false);
  r.capacity = read_capacity_mode(f, v);
  std::string filter_path(filter_member);
  filter_path[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(filter_path[0])));
  legacy::add_condition_map_violations(f, std::string(filter_member), filter_path, v);
  check_table_name(v, name, "tableName", true);
  auto conditional_operator = f.string("ConditionalOperator");
  if (conditional_operator && *conditional_operator != "AND" && *conditional_operator != "OR") {
    v.add(*conditional_operator, "conditionalOperator",
          "Member must satisfy enum value set: [OR, AND]");
  }
  const JsonValue* attributes = f.list("AttributesToGet");
  if (attributes != nullptr && attributes->Empty()) {
    v.add("[]", "attributesToGet", "Member must have length greater than or equal to 1");
  }
  r.limit = read_limit(f, v, query);
}

void finish_shared_members(const Fields& f, ReadRequestBase& r) {
  r.table_name = std::string(require_table_name(f));
  if (auto index = f.string("IndexName")) {
    r.index_name = std::string(*index);
  }
  r.consistent = f.boolean("ConsistentRead").value_or(false);
}

Page::Options page_options(const ReadRequestBase& r, const IndexRead& index) {
  Page::Options options;
  options.limit = r.limit;
  options.filter = r.filter ? &*r.filter : nullptr;
  options.projection = r.projection ? &*r.projection : nullptr;
  options.count_only = r.effective_select == Select::kCount;
  options.index = index;
  return options;
}

}  // namespace protocol
