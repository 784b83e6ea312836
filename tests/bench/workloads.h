#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "endpoint.h"
#include "load_runner.h"
#include "rng.h"
#include "sync_client.h"

namespace bench {

// Items are about 200 bytes by DynamoDB's measure (attribute names plus values):
// {"pk":S(11 chars), "data":S(payload), "n":N, "tag":S(8 chars)}.
constexpr size_t kItemBytes = 200;
constexpr uint64_t kItemsPerBatch = 25;      // BatchWriteItem's maximum
constexpr uint64_t kItemsPerPartition = 10;  // what each Query returns

// The tables of one endpoint in one run; names carry a run tag so a run never meets leftovers.
struct BenchTables {
  std::string kv;         // HASH pk (S): GetItem, PutItem, the mix
  std::string kv_stream;  // the same with a NEW_AND_OLD_IMAGES stream: PutItem with a stream
  std::string query;      // HASH pk (S), RANGE sk (S): kItemsPerPartition items per partition
};

BenchTables bench_tables(std::string_view run_tag);

// Key text for item `index` of a key family ('k' preloaded, 'p' random puts, 'b' bulk, 'q'
// query partitions): the letter and 10 digits.
std::string item_key(char family, uint64_t index);

// Request bodies (DynamoDB JSON), written straight into `out`.
void get_item_body(std::string_view table, std::string_view key, std::string& out);
void put_item_body(std::string_view table, std::string_view key, Rng& rng, std::string& out);
void query_body(std::string_view table, std::string_view partition, std::string& out);
// ExecuteStatement `SELECT * FROM "table" WHERE pk = ?` with the key as its one parameter.
void select_body(std::string_view table, std::string_view key, std::string& out);
// Items [first, first+count) of `family` as PutRequests into `table`: keys family+index, or for
// family 'q' (the Query table) partition index / 10 with sort key index % 10.
void batch_write_body(std::string_view table, char family, uint64_t first, uint64_t count, Rng& rng,
                      std::string& out);

// Factories for run_load(). `keys` is how many kv items exist ('k' 0..keys-1).
RequestFactory get_item_factory(std::string table, uint64_t keys, char family);
RequestFactory put_item_factory(std::string table);
RequestFactory mixed_factory(std::string table, uint64_t keys);
RequestFactory query_factory(std::string table, uint64_t partitions);
// PartiQL SELECT by key of preloaded kv items ('k' 0..keys-1), the keys `get` reads.
RequestFactory select_factory(std::string table, uint64_t keys);
// Loads family+[first, end) in requests of kItemsPerBatch; request i carries items
// first+25i ... (count mode: batch_requests(end - first) requests).
RequestFactory bulk_load_factory(std::string table, char family, uint64_t first, uint64_t end);
uint64_t batch_requests(uint64_t items);

// Table management through the blocking client; each throws std::runtime_error on failure.
void create_table(SyncClient& client, const Endpoint& endpoint, std::string_view table,
                  bool with_sort_key, bool with_stream = false);
void delete_table(SyncClient& client, const Endpoint& endpoint, std::string_view table);

// Whether the server serves PartiQL, asked with one SELECT of preloaded item 'k' 0 of `table`
// (the kv table, prepared): false when it answers UnknownOperationException for ExecuteStatement
// (dynalite does). Any other failure throws std::runtime_error, so that a PartiQL server's bug is
// never taken for a server without PartiQL.
bool serves_partiql(SyncClient& client, const Endpoint& endpoint, std::string_view table);

// Creates the kv, kv_stream and query tables of `endpoint` and fills them: `keys` kv items and
// `partitions` x kItemsPerPartition query items, with BatchWriteItem over `spec.connections`.
void prepare_tables(const Endpoint& endpoint, const BenchTables& tables, uint64_t keys,
                    uint64_t partitions, const LoadSpec& spec);

}  // namespace bench
