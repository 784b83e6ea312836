#include "protocol/items/item_request.h"

#include "protocol/error.h"
#include "protocol/wire/value_json.h"

namespace protocol {

namespace {

std::optional<ReturnValues> parse_return_values(std::string_view text) {
  if (text == "NONE") {
    return ReturnValues::kNone;
  }
  if (text == "ALL_OLD") {
    return ReturnValues::kAllOld;
  }
  if (text == "UPDATED_OLD") {
    return ReturnValues::kUpdatedOld;
  }
  if (text == "ALL_NEW") {
    return ReturnValues::kAllNew;
  }
  if (text == "UPDATED_NEW") {
    return ReturnValues::kUpdatedNew;
  }
  return std::nullopt;
}

}  // namespace

ItemRequestCommon read_item_request_common(const Fields& f, Violations& v) {
  ItemRequestCommon common;
  std::optional<std::string_view> name = require_table_name(f);
  auto return_values = f.string("ReturnValues");
  f.string("ReturnItemCollectionMetrics");  // its type, before the constraints
  common.capacity = read_capacity_mode(f, v);
  if (return_values) {
    if (auto parsed = parse_return_values(*return_values)) {
      common.return_values = *parsed;
    } else {
      v.add(*return_values, "returnValues",
            "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
            "UPDATED_NEW]");
    }
  }
  read_collection_metrics(f, v);
  check_table_name(v, name, "tableName", true);
  if (name) {
    common.table_name = std::string(*name);
  }
  return common;
}

std::optional<storage::Item> read_attribute_map_member(const Fields& f, std::string_view member,
                                                       std::string_view path, Violations& v) {
  const JsonValue* json = f.map(member);
  if (json == nullptr) {
    v.add(std::nullopt, path, "Member must not be null");
    return std::nullopt;
  }
  return parse_attribute_map(*json);
}

void require_none_or_all_old(ReturnValues rv) {
  if (rv != ReturnValues::kNone && rv != ReturnValues::kAllOld) {
    throw ApiError::validation(
        "1 validation error detected: ReturnValues can only be ALL_OLD or NONE");
  }
}

}  // namespace protocol
