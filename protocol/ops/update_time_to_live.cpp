#include "protocol/ops/update_time_to_live.h"

#include <memory>

#include "protocol/error.h"
#include "protocol/tables/table_reply.h"
#include "protocol/wire/fields.h"

namespace protocol::ops {

namespace {

constexpr size_t kMaxAttributeNameBytes = 255;

UpdateTimeToLiveRequest read_request(const JsonValue& json) {
  Fields f(json);
  std::optional<std::string_view> name = require_table_name(f);
  const JsonValue* spec = f.structure("TimeToLiveSpecification");
  std::optional<bool> enabled;
  std::optional<std::string_view> attribute;
  if (spec != nullptr) {
    Fields s(*spec);
    enabled = s.boolean("Enabled");
    attribute = s.string("AttributeName");
  }
  Violations v;
  check_table_name(v, name, "tableName", true);
  if (spec == nullptr) {
    v.add(std::nullopt, "timeToLiveSpecification", "Member must not be null");
  } else {
    if (!enabled) {
      v.add(std::nullopt, "timeToLiveSpecification.enabled", "Member must not be null");
    }
    if (!attribute) {
      v.add(std::nullopt, "timeToLiveSpecification.attributeName", "Member must not be null");
    } else if (attribute->empty()) {
      v.add(attribute, "timeToLiveSpecification.attributeName",
            "Member must have length greater than or equal to 1");
    } else if (attribute->size() > kMaxAttributeNameBytes) {
      v.add(attribute, "timeToLiveSpecification.attributeName",
            "Member must have length less than or equal to 255");
    }
  }
  v.raise_if_any();
  return {std::string(*name), *enabled, std::string(*attribute)};
}

// DynamoDB checks the request against the current setting before its change window
// (DYNAMODB_MESSAGES.md "Time to Live").
void check_change(const UpdateTimeToLiveRequest& r, const storage::TimeToLive& current, int64_t now,
                  int64_t window) {
  bool different = current.attribute != r.attribute_name;
  if (r.enabled == current.enabled && (r.enabled ? !different : true)) {
    throw ApiError::validation(r.enabled ? "TimeToLive is already enabled"
                                         : "TimeToLive is already disabled");
  }
  if (current.enabled && different) {
    throw ApiError::validation(
        "TimeToLive is active on a different AttributeName: current AttributeName is " +
        current.attribute);
  }
  if (current.changed_ms != 0 && now < current.changed_ms + window) {
    throw ApiError::validation(
        "Time to live has been modified multiple times within a fixed interval");
  }
}

}  // namespace

UpdateTimeToLiveRequest parse_update_time_to_live(const JsonValue& json) {
  return read_request(json);
}

void update_time_to_live(OpContext& ctx, UpdateTimeToLiveRequest request,
                         Then<UpdateTimeToLiveResult> then) {
  require_table(ctx, request.table_name);
  int64_t delay = ctx.options.status_delay.count();
  int64_t window = ctx.options.ttl_change_window.count();
  auto r = std::make_shared<const UpdateTimeToLiveRequest>(std::move(request));
  ctx.store.write(
      [&ctx, r, delay, window](storage::WriteTxn& txn) {
        storage::TablePtr current = txn.live_table(r->table_name);
        int64_t now = ctx.now_ms();
        if (!current || current->status_at(now) == storage::TableStatus::kDeleting) {
          table_not_found(r->table_name);
        }
        check_change(*r, current->ttl, now, window);
        auto table = std::make_shared<storage::TableInfo>(*current);
        table->ttl = {r->enabled, r->attribute_name, now, now + delay};
        if (r->enabled) {
          txn.start_ttl_index(table->id);
        } else {
          txn.drop_ttl_index(table->id);
        }
        txn.save_table(table);
      },
      answer_then(std::move(then), [r]() {
        return UpdateTimeToLiveResult{r->enabled, r->attribute_name};
      }));
}

void write_update_time_to_live(JsonWriter& w, const UpdateTimeToLiveResult& result) {
  write_key(w, "TimeToLiveSpecification");
  w.StartObject();
  write_key(w, "Enabled");
  w.Bool(result.enabled);
  write_key(w, "AttributeName");
  write_string(w, result.attribute_name);
  w.EndObject();
}

}  // namespace protocol::ops
