#include "protocol/ops/update_table.h"

#include <memory>

#include "protocol/error.h"
#include "protocol/tables/schema_json.h"
#include "protocol/tables/table_streams.h"
#include "protocol/wire/fields.h"

namespace protocol::ops {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

// A stream is enabled or disabled on its own: not with a throughput change nor with an index
// created or deleted (DYNAMODB_MESSAGES.md "Streams").
void check_stream_update_alone(const UpdateTableRequest& r) {
  check_update_stream_spec(*r.stream);
  if (r.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "You cannot modify stream status while updating table IOPS");
  }
  if (r.indexes.any()) {
    for (const RawGsiUpdate& update : *r.indexes.updates) {
      if (update.create || update.has_delete) {
        throw ApiError::validation(std::string(kInvalid) +
                                   "You cannot create or delete index while changing stream "
                                   "status");
      }
    }
  }
}

UpdateTableRequest read_request(const JsonValue& json) {
  Fields f(json);
  UpdateTableRequest r;
  std::optional<std::string_view> name = require_table_name(f);
  if (auto mode = f.string("BillingMode")) {
    r.billing_mode = std::string(*mode);
  }
  r.throughput = read_throughput(f, "ProvisionedThroughput");
  r.deletion_protection = f.boolean("DeletionProtectionEnabled");
  Violations v;
  r.indexes = read_gsi_updates(f, v);
  r.stream = read_stream_spec(f, v, "streamSpecification");
  check_table_name(v, name, "tableName", true);
  check_throughput(v, r.throughput, "provisionedThroughput");
  if (r.billing_mode && *r.billing_mode != "PROVISIONED" && *r.billing_mode != "PAY_PER_REQUEST") {
    v.add(*r.billing_mode, "billingMode",
          "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  }
  v.raise_if_any();
  r.table_name = std::string(*name);
  if (r.billing_mode && *r.billing_mode == "PAY_PER_REQUEST" && r.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
                               "when BillingMode is PAY_PER_REQUEST");
  }
  if (!r.billing_mode && !r.throughput && !r.deletion_protection && !r.indexes.any() && !r.stream) {
    throw ApiError::validation(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  check_gsi_update_shape(r.indexes);
  if (r.stream) {
    check_stream_update_alone(r);
  }
  return r;
}

void check_in_use(const storage::TableInfo& table, int64_t now) {
  auto status = table.status_at(now);
  if (status == storage::TableStatus::kCreating || status == storage::TableStatus::kUpdating) {
    throw ApiError::resource_in_use(
        "Attempt to change a resource which is still in use: Table is being " +
        std::string(status == storage::TableStatus::kCreating ? "created" : "updated") + ": " +
        table.name);
  }
}

void apply_throughput(storage::TableInfo& t, const RawThroughput& requested, int64_t now) {
  storage::Throughput next = to_throughput(requested);
  if (next.read_units == t.throughput.read_units && next.write_units == t.throughput.write_units) {
    throw ApiError::validation(
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: " +
        std::to_string(t.throughput.read_units) +
        ". Requested ReadCapacityUnits: " + std::to_string(next.read_units) +
        ". Current WriteCapacityUnits provisioned for the table: " +
        std::to_string(t.throughput.write_units) +
        ". Requested WriteCapacityUnits: " + std::to_string(next.write_units) +
        ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
        "higher limits.");
  }
  t.throughput = changed_throughput(t.throughput, requested, now);
}

// Applies the request to a copy of the table; returns whether the table goes through UPDATING.
bool apply(const UpdateTableRequest& r, storage::TableInfo& t, int64_t now) {
  bool changes_capacity = false;
  bool was_on_demand = t.billing_mode == storage::BillingMode::kPayPerRequest;
  bool on_demand = r.billing_mode ? *r.billing_mode == "PAY_PER_REQUEST" : was_on_demand;
  if (on_demand && r.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
                               "when BillingMode is PAY_PER_REQUEST");
  }
  if (!on_demand && was_on_demand && !r.throughput) {
    throw ApiError::validation(std::string(kInvalid) +
                               "ProvisionedThroughput must be specified when BillingMode is "
                               "PROVISIONED");
  }
  if (on_demand != was_on_demand) {
    t.billing_mode =
        on_demand ? storage::BillingMode::kPayPerRequest : storage::BillingMode::kProvisioned;
    t.billing_mode_changed_ms = now;
    if (on_demand) {
      t.throughput.read_units = 0;
      t.throughput.write_units = 0;
    }
    changes_capacity = true;
  }
  if (r.throughput) {
    apply_throughput(t, *r.throughput, now);
    changes_capacity = true;
  }
  if (r.deletion_protection) {
    t.deletion_protection = *r.deletion_protection;
  }
  return changes_capacity;
}

}  // namespace

UpdateTableRequest parse_update_table(const JsonValue& json) { return read_request(json); }

void update_table(OpContext& ctx, UpdateTableRequest request, Then<TableDescriptionResult> then) {
  require_table(ctx, request.table_name);
  int64_t delay = ctx.options.status_delay.count();
  auto updated = std::make_shared<storage::TablePtr>();
  auto updated_at = std::make_shared<int64_t>(0);  // the reply shows the table as updated
  ctx.store.write(
      [&ctx, r = std::move(request), delay, updated, updated_at](storage::WriteTxn& txn) {
        storage::TablePtr current = txn.live_table(r.table_name);
        int64_t now = ctx.now_ms();
        if (!current || current->status_at(now) == storage::TableStatus::kDeleting) {
          table_not_found(r.table_name);
        }
        check_in_use(*current, now);
        auto table = std::make_shared<storage::TableInfo>(*current);
        bool changes_indexes = apply_gsi_updates(r.indexes, *table, txn, now, delay);
        if (r.stream) {
          apply_stream_update(txn, *table, *r.stream, now);
        }
        if (apply(r, *table, now) || changes_indexes || r.stream) {
          table->status = storage::TableStatus::kUpdating;
          table->status_settles_ms = now + delay;
        }
        txn.save_table(table);
        *updated = table;
        *updated_at = now;
      },
      answer_then(std::move(then), [&ctx, updated, updated_at]() {
        return TableDescriptionResult{describe_table_as_of(ctx, *updated, *updated_at)};
      }));
}

}  // namespace protocol::ops
