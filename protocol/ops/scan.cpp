// Scan, sequential or parallel (Segment/TotalSegments). Checks run in DynamoDB's order ([DL]
// validations/scan.js and actions/scan.js, checked against DynamoDB; [CONF] for the segment texts):
// constraint violations, expression/legacy mixing, legacy filter, start-key values, segments,
// expressions, Select; then the table, IndexName, the start key against the key schema and the
// segment, and key attributes in paths.

#include "protocol/ops/scan.h"

#include <optional>
#include <string>
#include <vector>

#include "protocol/error.h"
#include "protocol/items/expression_request.h"
#include "protocol/items/item_rules.h"
#include "protocol/items/legacy.h"
#include "protocol/items/projection_request.h"
#include "protocol/reads/index_read.h"
#include "storage/index_keys.h"

namespace protocol::ops {

namespace {

// Parallel scan bounds (botocore's model, the service's own limits).
constexpr int64_t kMaxSegment = 999999;
constexpr int64_t kMaxTotalSegments = 1000000;

void read_segment_constraints(const Fields& f, ScanRequest& r, Violations& v) {
  r.segment = f.integer("Segment");
  if (r.segment && *r.segment < 0) {
    v.add(std::to_string(*r.segment), "segment",
          "Member must have value greater than or equal to 0");
  }
  if (r.segment && *r.segment > kMaxSegment) {
    v.add(std::to_string(*r.segment), "segment",
          "Member must have value less than or equal to " + std::to_string(kMaxSegment));
  }
  r.total_segments = f.integer("TotalSegments");
  if (r.total_segments && *r.total_segments < 1) {
    v.add(std::to_string(*r.total_segments), "totalSegments",
          "Member must have value greater than or equal to 1");
  }
  if (r.total_segments && *r.total_segments > kMaxTotalSegments) {
    v.add(std::to_string(*r.total_segments), "totalSegments",
          "Member must have value less than or equal to " + std::to_string(kMaxTotalSegments));
  }
}

void read_constraints(const Fields& f, ScanRequest& r) {
  Violations v;
  read_shared_members(f, "ScanFilter", /*query=*/false, v, r);
  read_segment_constraints(f, r, v);
  v.raise_if_any();
  finish_shared_members(f, r);
}

void check_segments(const ScanRequest& r) {
  if (r.segment && !r.total_segments) {
    throw ApiError::validation(
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
  }
  if (r.total_segments && !r.segment) {
    throw ApiError::validation(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (r.segment && *r.segment >= *r.total_segments) {
    throw ApiError::validation(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " +
        std::to_string(*r.segment) +
        " is not less than TotalSegments: " + std::to_string(*r.total_segments));
  }
}

// Everything that needs no table, after the constraint violations.
void read_request(const Fields& f, ScanRequest& r) {
  ExpressionMembers members =
      read_expression_members(f, {"ProjectionExpression", "FilterExpression"},
                              {"AttributesToGet", "ScanFilter", "ConditionalOperator"});
  expr::Resolver resolver(members.attributes);
  const bool projection_expression = f.raw("ProjectionExpression") != nullptr;
  if (!projection_expression) {
    r.projection = read_projection(f, members, resolver);
  }
  r.filter = legacy::read_filter(f, "ScanFilter");
  r.start_key = read_start_key(f);
  check_segments(r);
  if (auto text = read_expression(f, "FilterExpression")) {
    r.filter = parse_filter_expression(*text, resolver);
  }
  if (projection_expression) {
    r.projection = read_projection(f, members, resolver);
  }
  resolver.check_all_used();
  const std::string_view projection_member = projection_expression ? "ProjectionExpression"
                                             : r.projection        ? "AttributesToGet"
                                                                   : "";
  r.effective_select = check_select(r.select, projection_member, r.index_name.has_value());
}

// The segment this Scan reads (none: the whole table or index). A start key must lie inside it.
std::optional<storage::ScanSegment> scan_segment(const storage::TableInfo& table,
                                                 const IndexRead& index, const ScanRequest& r) {
  if (!r.segment) {
    return std::nullopt;
  }
  const storage::ScanSegment segment{static_cast<uint32_t>(*r.segment),
                                     static_cast<uint32_t>(*r.total_segments)};
  if (r.start_key && !storage::scan_start_in_segment(table, index.index, segment, *r.start_key)) {
    throw ApiError::validation(
        "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
        "ExclusiveStartKey with correct Segment. TotalSegments: " +
        std::to_string(*r.total_segments) + " Segment: " + std::to_string(*r.segment));
  }
  return segment;
}

// [DL] actions/scan.js: the start key must be exactly the table's key (and on an index, the
// index's key attributes too), with legal values.
void check_start_key(const storage::TableInfo& table, const IndexRead& index,
                     const storage::Item& start_key) {
  try {
    if (index.index == nullptr) {
      validate_key(table, start_key);
      return;
    }
    std::vector<std::string> names = storage::index_key_names(table, *index.index);
    for (const std::string& name : names) {
      auto it = start_key.find(name);
      const storage::ValueType* type = table.attribute_type(name);
      if (start_key.size() != names.size() || it == start_key.end() || type == nullptr ||
          it->second.type != *type) {
        throw ApiError::validation("The provided key element does not match the schema");
      }
    }
    validate_key(table, key_of(table, start_key));
    if (auto problem = storage::find_index_key_problem(table, start_key)) {
      throw ApiError::validation("The provided key element does not match the schema");
    }
  } catch (const ApiError& e) {
    throw ApiError::validation("The provided starting key is invalid: " + e.message());
  }
}

void check_key_paths(const storage::TableInfo& table, const ScanRequest& r) {
  std::vector<const expr::Path*> paths;
  if (r.projection) {
    for (const expr::Path& path : *r.projection) {
      paths.push_back(&path);
    }
    check_scalar_key_paths(table, paths);
  }
  if (r.filter) {
    check_scalar_key_paths(table, condition_paths(*r.filter));
  }
}

}  // namespace

ScanRequest parse_scan(const JsonValue& json) {
  Fields f(json);
  ScanRequest r;
  read_constraints(f, r);
  read_request(f, r);
  return r;
}

ScanResult scan(OpContext& ctx, const ScanRequest& r, PageSink* sink) {
  storage::TablePtr table = ctx.table_for_items(r.table_name);
  IndexRead index;
  if (r.index_name) {
    index =
        plan_index_read(*table, resolve_index(*table, *r.index_name, r.consistent), r.select,
                        r.projection ? &*r.projection : nullptr, r.filter ? &*r.filter : nullptr);
  }
  if (r.start_key) {
    check_start_key(*table, index, *r.start_key);
  }
  std::optional<storage::ScanSegment> segment = scan_segment(*table, index, r);
  check_key_paths(*table, r);
  Page page(*table, page_options(r, index), sink);
  const storage::Item* start = r.start_key ? &*r.start_key : nullptr;
  // One short read transaction.
  ctx.store.read([&](const storage::ReadTxn& txn) {
    txn.scan(*table, index.index, segment, start,
             [&](storage::Item& item) { return page.add(item); });
  });
  return page.finish(/*resumable=*/true, r.capacity, r.consistent);
}

}  // namespace protocol::ops
