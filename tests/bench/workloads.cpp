#include "workloads.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

namespace bench {
namespace {

// Item size by DynamoDB's rules: "pk"+11 + "data"+payload + "n"+~4 + "tag"+8 = 33 + payload,
// and query items add "sk"+3.
constexpr size_t kPayloadChars = kItemBytes - 33;
constexpr size_t kQueryPayloadChars = kPayloadChars - 5;
constexpr size_t kPoolChars = 4096;

constexpr std::string_view kItemFound = "\"Item\"";
constexpr std::string_view kItemsFound = "\"Items\":[{";
constexpr std::string_view kTenItems = "\"Count\":10";
constexpr std::string_view kAllProcessed = "\"UnprocessedItems\":{}";

// Random letters and digits, made once; payloads are random slices of it, so every write
// carries different bytes without generating them per request.
const std::string& payload_pool() {
  static const std::string pool = [] {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    Rng rng(0x5eed);
    std::string text(kPoolChars, ' ');
    for (auto& c : text) {
      c = kAlphabet[rng.below(kAlphabet.size())];
    }
    return text;
  }();
  return pool;
}

void append_s(std::string& out, std::string_view name, std::string_view value) {
  out.append("\"").append(name).append("\":{\"S\":\"").append(value).append("\"}");
}

// One item's attribute map; `sort_key` empty for the kv shape.
void append_item(std::string& out, std::string_view key, std::string_view sort_key, Rng& rng) {
  const size_t payload_chars = sort_key.empty() ? kPayloadChars : kQueryPayloadChars;
  const std::string& pool = payload_pool();
  out += '{';
  append_s(out, "pk", key);
  if (!sort_key.empty()) {
    out += ',';
    append_s(out, "sk", sort_key);
  }
  out += ',';
  append_s(out, "data",
           std::string_view(pool).substr(rng.below(kPoolChars - payload_chars), payload_chars));
  out.append(",\"n\":{\"N\":\"").append(std::to_string(rng.below(1000000))).append("\"},");
  append_s(out, "tag", std::string_view(pool).substr(rng.below(kPoolChars - 8), 8));
  out += '}';
}

std::string sort_key_text(uint64_t position) {
  std::string text = "s00";
  text[1] = static_cast<char>('0' + position / 10 % 10);
  text[2] = static_cast<char>('0' + position % 10);
  return text;
}

std::string describe_body(std::string_view table) {
  return "{\"TableName\":\"" + std::string(table) + "\"}";
}

// Both servers take a moment to make or drop a table (DynamoDB's CREATING/DELETING).
template <typename Done>
void wait_until(const Endpoint& endpoint, std::string_view what, Done done) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) {
      throw std::runtime_error(endpoint.name + ": gave up waiting for " + std::string(what));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void check_bulk(const Endpoint& endpoint, std::string_view what, const LoadResult& result) {
  if (result.errors > 0) {
    throw std::runtime_error(endpoint.name + ": loading " + std::string(what) + ": " +
                             std::to_string(result.errors) + " errors, e.g. " + result.first_error);
  }
}

}  // namespace

BenchTables bench_tables(std::string_view run_tag) {
  const std::string prefix = "ddbd_bench_" + std::string(run_tag);
  return BenchTables{prefix + "_kv", prefix + "_kvstream", prefix + "_query"};
}

std::string item_key(char family, uint64_t index) {
  std::string key(11, '0');
  key[0] = family;
  for (size_t i = 10; i > 0 && index > 0; --i, index /= 10) {
    key[i] = static_cast<char>('0' + index % 10);
  }
  return key;
}

void get_item_body(std::string_view table, std::string_view key, std::string& out) {
  out.assign("{\"TableName\":\"").append(table).append("\",\"Key\":{");
  append_s(out, "pk", key);
  out.append("}}");
}

void put_item_body(std::string_view table, std::string_view key, Rng& rng, std::string& out) {
  out.assign("{\"TableName\":\"").append(table).append("\",\"Item\":");
  append_item(out, key, {}, rng);
  out += '}';
}

void query_body(std::string_view table, std::string_view partition, std::string& out) {
  out.assign("{\"TableName\":\"").append(table);
  out.append("\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{");
  append_s(out, ":p", partition);
  out.append("}}");
}

void select_body(std::string_view table, std::string_view key, std::string& out) {
  out.assign("{\"Statement\":\"SELECT * FROM \\\"").append(table);
  out.append("\\\" WHERE pk = ?\",\"Parameters\":[{\"S\":\"").append(key).append("\"}]}");
}

void batch_write_body(std::string_view table, char family, uint64_t first, uint64_t count, Rng& rng,
                      std::string& out) {
  out.assign("{\"RequestItems\":{\"").append(table).append("\":[");
  for (uint64_t i = first; i < first + count; ++i) {
    if (i != first) {
      out += ',';
    }
    out.append("{\"PutRequest\":{\"Item\":");
    if (family == 'q') {  // Query items: item i is partition i / 10, sort key i % 10
      append_item(out, item_key('q', i / kItemsPerPartition), sort_key_text(i % kItemsPerPartition),
                  rng);
    } else {
      append_item(out, item_key(family, i), {}, rng);
    }
    out.append("}}");
  }
  out.append("]}}");
}

RequestFactory get_item_factory(std::string table, uint64_t keys, char family) {
  return [table = std::move(table), keys, family](uint64_t, Rng& rng, Operation& op) {
    op.name = "GetItem";
    op.expect = kItemFound;
    get_item_body(table, item_key(family, rng.below(keys)), op.body);
  };
}

RequestFactory put_item_factory(std::string table) {
  return [table = std::move(table)](uint64_t, Rng& rng, Operation& op) {
    op.name = "PutItem";
    put_item_body(table, item_key('p', rng.below(10'000'000'000ULL)), rng, op.body);
  };
}

RequestFactory mixed_factory(std::string table, uint64_t keys) {
  auto get = get_item_factory(table, keys, 'k');
  auto put = put_item_factory(table);
  return [get = std::move(get), put = std::move(put)](uint64_t index, Rng& rng, Operation& op) {
    if (rng.below(2) == 0) {
      get(index, rng, op);
    } else {
      put(index, rng, op);
    }
  };
}

RequestFactory query_factory(std::string table, uint64_t partitions) {
  return [table = std::move(table), partitions](uint64_t, Rng& rng, Operation& op) {
    op.name = "Query";
    op.expect = kTenItems;
    query_body(table, item_key('q', rng.below(partitions)), op.body);
  };
}

RequestFactory select_factory(std::string table, uint64_t keys) {
  return [table = std::move(table), keys](uint64_t, Rng& rng, Operation& op) {
    op.name = "ExecuteStatement";
    op.expect = kItemsFound;
    select_body(table, item_key('k', rng.below(keys)), op.body);
  };
}

uint64_t batch_requests(uint64_t items) { return (items + kItemsPerBatch - 1) / kItemsPerBatch; }

RequestFactory bulk_load_factory(std::string table, char family, uint64_t first, uint64_t end) {
  return [table = std::move(table), family, first, end](uint64_t index, Rng& rng, Operation& op) {
    const uint64_t start = first + index * kItemsPerBatch;
    const uint64_t count = std::min(kItemsPerBatch, end - start);
    op.name = "BatchWriteItem";
    op.expect = kAllProcessed;
    op.items = count;
    batch_write_body(table, family, start, count, rng, op.body);
  };
}

void create_table(SyncClient& client, const Endpoint& endpoint, std::string_view table,
                  bool with_sort_key, bool with_stream) {
  std::string body = "{\"TableName\":\"" + std::string(table) + "\",\"AttributeDefinitions\":[" +
                     "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}";
  if (with_sort_key) {
    body += ",{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}";
  }
  body += "],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}";
  if (with_sort_key) {
    body += ",{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}";
  }
  body += "],\"BillingMode\":\"PAY_PER_REQUEST\"";
  if (with_stream) {
    body +=
        ",\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":"
        "\"NEW_AND_OLD_IMAGES\"}";
  }
  body += "}";
  call_ok(client, endpoint, "CreateTable", body);
  wait_until(endpoint, std::string(table) + " to become ACTIVE", [&] {
    return call_ok(client, endpoint, "DescribeTable", describe_body(table))
               .body.find("\"TableStatus\":\"ACTIVE\"") != std::string::npos;
  });
}

void delete_table(SyncClient& client, const Endpoint& endpoint, std::string_view table) {
  call_ok(client, endpoint, "DeleteTable", describe_body(table));
  wait_until(endpoint, std::string(table) + " to be deleted", [&] {
    const HttpReply reply = client.call("DescribeTable", describe_body(table));
    return reply.status == 400 && reply.body.find("ResourceNotFound") != std::string::npos;
  });
}

bool serves_partiql(SyncClient& client, const Endpoint& endpoint, std::string_view table) {
  std::string body;
  select_body(table, item_key('k', 0), body);
  const HttpReply reply = client.call("ExecuteStatement", body);
  if (reply.status == 400 && reply.body.find("UnknownOperationException") != std::string::npos) {
    return false;
  }
  if (reply.status != 200 || reply.body.find(kItemsFound) == std::string::npos) {
    throw std::runtime_error(endpoint.name + ": ExecuteStatement probe: HTTP " +
                             std::to_string(reply.status) + " " + reply.body);
  }
  return true;
}

void prepare_tables(const Endpoint& endpoint, const BenchTables& tables, uint64_t keys,
                    uint64_t partitions, const LoadSpec& spec) {
  SyncClient client(endpoint);
  create_table(client, endpoint, tables.kv, false);
  create_table(client, endpoint, tables.kv_stream, false, /*with_stream=*/true);
  create_table(client, endpoint, tables.query, true);
  LoadSpec load = spec;
  load.count = batch_requests(keys);
  check_bulk(endpoint, tables.kv,
             run_load(endpoint, load, bulk_load_factory(tables.kv, 'k', 0, keys)));
  const uint64_t query_items = partitions * kItemsPerPartition;
  load.count = batch_requests(query_items);
  check_bulk(endpoint, tables.query,
             run_load(endpoint, load, bulk_load_factory(tables.query, 'q', 0, query_items)));
}

}  // namespace bench
