#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/access_targets.h"
#include "protocol/api.h"
#include "protocol/context.h"
#include "protocol/error.h"
#include "protocol/wire/json.h"
#include "protocol/ops/ops.h"
#include "storage/store.h"

namespace protocol {

namespace {

using OperationTable = std::unordered_map<std::string_view, OpHandler>;

// DynamoDB's own API, by full X-Amz-Target.
const OperationTable& dynamodb_operations() {
  static const OperationTable table = {
      {"DynamoDB_20120810.CreateTable", &ops::create_table},
      {"DynamoDB_20120810.DescribeTable", &ops::describe_table},
      {"DynamoDB_20120810.ListTables", &ops::list_tables},
      {"DynamoDB_20120810.DeleteTable", &ops::delete_table},
      {"DynamoDB_20120810.UpdateTable", &ops::update_table},
      {"DynamoDB_20120810.PutItem", &ops::put_item},
      {"DynamoDB_20120810.GetItem", &ops::get_item},
      {"DynamoDB_20120810.DeleteItem", &ops::delete_item},
      {"DynamoDB_20120810.UpdateItem", &ops::update_item},
      {"DynamoDB_20120810.Query", &ops::query},
      {"DynamoDB_20120810.Scan", &ops::scan},
      {"DynamoDB_20120810.BatchGetItem", &ops::batch_get_item},
      {"DynamoDB_20120810.BatchWriteItem", &ops::batch_write_item},
      {"DynamoDB_20120810.TransactWriteItems", &ops::transact_write_items},
      {"DynamoDB_20120810.TransactGetItems", &ops::transact_get_items},
      {"DynamoDB_20120810.UpdateTimeToLive", &ops::update_time_to_live},
      {"DynamoDB_20120810.DescribeTimeToLive", &ops::describe_time_to_live},
  };
  return table;
}

// One table per API the endpoint serves; a target is looked up whole in each.
const std::vector<const OperationTable*>& apis() {
  static const std::vector<const OperationTable*> all = {&dynamodb_operations()};
  return all;
}

struct Operation {
  std::string_view name;  // the part after the API's prefix, as IAM names the action
  OpHandler handler = nullptr;
};

Operation find_operation(std::string_view target) {
  for (const OperationTable* api : apis()) {
    auto it = api->find(target);
    if (it != api->end()) {
      return {target.substr(target.find('.') + 1), it->second};
    }
  }
  return {};
}

}  // namespace

struct Api::Impl {
  storage::Store& store;
  ApiOptions options;
  OpContext context{store, options};

  Impl(storage::Store& s, ApiOptions o) : store(s), options(std::move(o)) {}
};

Api::Api(storage::Store& store, ApiOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

Api::~Api() = default;

// DynamoDB's order: JSON syntax, then the target, then authentication, then authorization (the
// per-key access rules), then the operation's own type and value checks.
void Api::handle(ApiRequest request, Completion done) noexcept {
  try {
    // A request's DOM usually fits in this stack buffer; RapidJSON's pool would otherwise
    // malloc a 64 KiB chunk per request, which also made glibc consolidate its free lists.
    alignas(alignof(std::max_align_t)) char pool_buffer[8192];
    rapidjson::MemoryPoolAllocator<> pool(pool_buffer, sizeof pool_buffer);
    JsonDocument doc(&pool);
    bool empty_body = request.body.empty();
    if (!empty_body) {
      parse_request(request.body, doc);
    }
    const Operation operation = find_operation(request.target);
    if (operation.handler == nullptr) {
      throw ApiError::unknown_operation();
    }
    if (request.auth_failure) {
      throw *request.auth_failure;
    }
    if (empty_body) {
      throw ApiError::serialization("");
    }
    // IAM authorizes after authentication and before the operation validates its input.
    check_access(request, operation.name, doc, impl_->options);
    operation.handler(impl_->context, doc, done);
  } catch (...) {
    done(error_reply(std::current_exception()));
  }
}

}  // namespace protocol
