#include <cstddef>
#include <string_view>
#include <unordered_map>

#include "protocol/access_targets.h"
#include "protocol/api.h"
#include "protocol/context.h"
#include "protocol/error.h"
#include "protocol/json.h"
#include "protocol/ops/ops.h"
#include "storage/store.h"

namespace protocol {

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

const std::unordered_map<std::string_view, OpHandler>& operations() {
  static const std::unordered_map<std::string_view, OpHandler> table = {
      {"CreateTable", &ops::create_table},
      {"DescribeTable", &ops::describe_table},
      {"ListTables", &ops::list_tables},
      {"DeleteTable", &ops::delete_table},
      {"UpdateTable", &ops::update_table},
      {"PutItem", &ops::put_item},
      {"GetItem", &ops::get_item},
      {"DeleteItem", &ops::delete_item},
      {"UpdateItem", &ops::update_item},
      {"Query", &ops::query},
      {"Scan", &ops::scan},
      {"BatchGetItem", &ops::batch_get_item},
      {"BatchWriteItem", &ops::batch_write_item},
      {"TransactWriteItems", &ops::transact_write_items},
      {"TransactGetItems", &ops::transact_get_items},
      {"UpdateTimeToLive", &ops::update_time_to_live},
      {"DescribeTimeToLive", &ops::describe_time_to_live},
  };
  return table;
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
    std::string_view target = request.target;
    OpHandler handler = nullptr;
    const std::string_view operation = target.starts_with(kTargetPrefix)
                                           ? target.substr(kTargetPrefix.size())
                                           : std::string_view{};
    if (!operation.empty()) {
      auto it = operations().find(operation);
      if (it != operations().end()) {
        handler = it->second;
      }
    }
    if (handler == nullptr) {
      throw ApiError::unknown_operation();
    }
    if (request.auth_failure) {
      throw *request.auth_failure;
    }
    if (empty_body) {
      throw ApiError::serialization("");
    }
    // IAM authorizes after authentication and before the operation validates its input.
    check_access(request, operation, doc, impl_->options);
    handler(impl_->context, doc, done);
  } catch (...) {
    done(error_reply(std::current_exception()));
  }
}

}  // namespace protocol
