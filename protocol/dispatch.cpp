#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protocol/access_targets.h"
#include "protocol/api.h"
#include "protocol/context.h"
#include "protocol/error.h"
#include "protocol/ops/batch_execute_statement.h"
#include "protocol/ops/batch_get_item.h"
#include "protocol/ops/batch_write_item.h"
#include "protocol/ops/create_table.h"
#include "protocol/ops/delete_item.h"
#include "protocol/ops/delete_table.h"
#include "protocol/ops/describe_stream.h"
#include "protocol/ops/describe_table.h"
#include "protocol/ops/describe_time_to_live.h"
#include "protocol/ops/execute_statement.h"
#include "protocol/ops/execute_transaction.h"
#include "protocol/ops/get_item.h"
#include "protocol/ops/get_records.h"
#include "protocol/ops/get_shard_iterator.h"
#include "protocol/ops/list_streams.h"
#include "protocol/ops/list_tables.h"
#include "protocol/ops/put_item.h"
#include "protocol/ops/query.h"
#include "protocol/ops/scan.h"
#include "protocol/ops/transact_get_items.h"
#include "protocol/ops/transact_write_items.h"
#include "protocol/ops/update_item.h"
#include "protocol/ops/update_table.h"
#include "protocol/ops/update_time_to_live.h"
#include "protocol/wire/json.h"
#include "storage/store.h"
#include "storage/streams.h"

namespace protocol {

namespace {

// The JSON face of an operation: its three parts (context.h) joined. A write's reply is written
// when its Then runs on the writer thread hands it back, on the I/O thread that sends it.
template <auto parse, auto run, auto write>
void serve_write(OpContext& ctx, const JsonValue& json, Completion done) {
  run(ctx, parse(json), reply_when_done(std::move(done), write));
}

template <auto parse, auto run, auto write>
void serve_read(OpContext& ctx, const JsonValue& json, Completion done) {
  done(result_reply_writer(write, run(ctx, parse(json))));
}

// What the dispatch table holds: an operation that takes JSON and answers `done`.
using OpHandler = void (*)(OpContext& ctx, const JsonValue& request, Completion done);
// Query and Scan: their items go from the read transaction straight into the reply (PageSink), on
// the I/O thread that reads them.
template <auto parse, auto run>
void serve_page(OpContext& ctx, const JsonValue& json, Completion done) {
  const auto request = parse(json);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  JsonPageSink items(w, request.effective_select == Select::kCount);
  const ReadPageResult page = run(ctx, request, &items);
  items.finish();
  write_page_summary(w, page);
  w.EndObject();
  done([body = std::string(buffer.GetString(), buffer.GetSize())]() mutable {
    return Reply{200, std::move(body)};
  });
}

using OperationTable = std::unordered_map<std::string_view, OpHandler>;

// DynamoDB's own API, by full X-Amz-Target.
const OperationTable& dynamodb_operations() {
  using namespace ops;
  static const OperationTable table = {
      {"DynamoDB_20120810.CreateTable",
       &serve_write<parse_create_table, create_table, write_table_description_result>},
      {"DynamoDB_20120810.DescribeTable",
       &serve_read<parse_describe_table, describe_table, write_describe_table>},
      {"DynamoDB_20120810.ListTables",
       &serve_read<parse_list_tables, list_tables, write_list_tables>},
      {"DynamoDB_20120810.DeleteTable",
       &serve_write<parse_delete_table, delete_table, write_table_description_result>},
      {"DynamoDB_20120810.UpdateTable",
       &serve_write<parse_update_table, update_table, write_table_description_result>},
      {"DynamoDB_20120810.PutItem",
       &serve_write<parse_put_item, put_item, write_item_write_result>},
      {"DynamoDB_20120810.GetItem", &serve_read<parse_get_item, get_item, write_get_item>},
      {"DynamoDB_20120810.DeleteItem",
       &serve_write<parse_delete_item, delete_item, write_item_write_result>},
      {"DynamoDB_20120810.ExecuteStatement",
       &serve_write<parse_execute_statement, execute_statement, write_execute_statement>},
      {"DynamoDB_20120810.BatchExecuteStatement",
       &serve_write<parse_batch_execute_statement, batch_execute_statement,
                    write_batch_execute_statement>},
      {"DynamoDB_20120810.ExecuteTransaction",
       &serve_write<parse_execute_transaction, execute_transaction, write_execute_transaction>},
      {"DynamoDB_20120810.UpdateItem",
       &serve_write<parse_update_item, update_item, write_item_write_result>},
      {"DynamoDB_20120810.Query", &serve_page<parse_query, query>},
      {"DynamoDB_20120810.Scan", &serve_page<parse_scan, scan>},
      {"DynamoDB_20120810.BatchGetItem",
       &serve_read<parse_batch_get_item, batch_get_item, write_batch_get_item>},
      {"DynamoDB_20120810.BatchWriteItem",
       &serve_write<parse_batch_write_item, batch_write_item, write_batch_write_item>},
      {"DynamoDB_20120810.TransactWriteItems",
       &serve_write<parse_transact_write_items, transact_write_items, write_transact_write_items>},
      {"DynamoDB_20120810.TransactGetItems",
       &serve_read<parse_transact_get_items, transact_get_items, write_transact_get_items>},
      {"DynamoDB_20120810.UpdateTimeToLive",
       &serve_write<parse_update_time_to_live, update_time_to_live, write_update_time_to_live>},
      {"DynamoDB_20120810.DescribeTimeToLive",
       &serve_read<parse_describe_time_to_live, describe_time_to_live,
                   write_describe_time_to_live>},
  };
  return table;
}

// DynamoDB Streams, served on the same endpoint.
const OperationTable& dynamodb_streams_operations() {
  using namespace ops;
  static const OperationTable table = {
      {"DynamoDBStreams_20120810.ListStreams",
       &serve_read<parse_list_streams, list_streams, write_list_streams>},
      {"DynamoDBStreams_20120810.DescribeStream",
       &serve_read<parse_describe_stream, describe_stream, write_describe_stream>},
      {"DynamoDBStreams_20120810.GetShardIterator",
       &serve_read<parse_get_shard_iterator, get_shard_iterator, write_get_shard_iterator>},
      {"DynamoDBStreams_20120810.GetRecords",
       &serve_read<parse_get_records, get_records, write_get_records>},
  };
  return table;
}

// One table per API the endpoint serves; a target is looked up whole in each.
const std::vector<const OperationTable*>& apis() {
  static const std::vector<const OperationTable*> all = {&dynamodb_operations(),
                                                         &dynamodb_streams_operations()};
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
  OpContext context{store, options, storage::stream_iterator_key(store)};

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
    done(error_reply_writer(std::current_exception()));
  }
}

}  // namespace protocol
