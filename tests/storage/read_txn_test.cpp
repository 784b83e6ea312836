// ReadTxn's typed reads: Query by key selection in exact key order, also through runs of long
// (truncated and hashed) sort keys, resuming after a start key inside such a run; Scan by
// segment, resuming after a start key.

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }

// Longer than both stored prefixes (474 bytes for items, 458 for index entries): every sort key
// built on it lands in one run of equal stored prefixes, ordered there by hash.
const std::string kLong(500, 'm');

// pk S + sk S, with a GSI on g (HASH) and r (RANGE), projecting everything.
TablePtr create_table(Store& store) {
  TablePtr created;
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>();
    t->id = txn.allocate_table_id();
    t->name = "t";
    t->attribute_definitions = {{"pk", ValueType::kString},
                                {"sk", ValueType::kString},
                                {"g", ValueType::kString},
                                {"r", ValueType::kString}};
    t->key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
    IndexDefinition gsi;
    gsi.name = "by_g";
    gsi.global = true;
    gsi.index_id = txn.allocate_table_id();
    gsi.key_schema = {{"g", KeyType::kHash}, {"r", KeyType::kRange}};
    gsi.projection.type = ProjectionType::kAll;
    t->global_indexes.push_back(gsi);
    t->status = TableStatus::kActive;
    txn.save_table(t);
    created = t;
  });
  return created;
}

// Sort keys around and inside a run of long keys, written in an order unlike their own. Each
// item's index range key `r` is its sort key too, so both orders are the same.
std::vector<std::string> sort_keys() {
  return {kLong + "5", "b", kLong + "1", "z",         kLong + "9", kLong,
          kLong + "3", "a", kLong + "7", kLong + "2", "m"};
}

void fill(Store& store, const TableInfo& table) {
  write_sync(store, [&](WriteTxn& txn) {
    for (const std::string& sk : sort_keys()) {
      Item item{{"pk", S("p")}, {"sk", S(sk)}, {"g", S("x")}, {"r", S(sk)}};
      txn.put_item(table, item, std::nullopt);
    }
    // Another partition, which no query of "p" may return.
    txn.put_item(table, {{"pk", S("q")}, {"sk", S(kLong + "4")}, {"g", S("y")}, {"r", S("a")}},
                 std::nullopt);
  });
}

// The table and index key of the item fill_partitions writes in partition `pk`.
Item key_of_partition(const std::string& pk) {
  return {{"pk", S(pk)}, {"sk", S("s")}, {"g", S(pk)}, {"r", S("r")}};
}

// A fresh store holding the table.
struct Fixture {
  TempDir dir;
  Store store{StoreOptions{dir.path}};
  TablePtr table = create_table(store);

  // What a read may go through: the table itself (null) and its index.
  std::vector<const IndexDefinition*> sources() const {
    return {nullptr, &table->global_indexes[0]};
  }

  // The sort keys a query returns, in order.
  std::vector<std::string> query(const IndexDefinition* index, const KeySelection& selection,
                                 bool forward = true, const Item* start = nullptr) {
    std::vector<std::string> out;
    store.read([&](ReadTxn& txn) {
      txn.query(*table, index, selection, forward, start, [&](Item& item) {
        out.push_back(item.at("sk").bytes);
        return true;
      });
    });
    return out;
  }

  // The partition keys a Scan returns, in order.
  std::vector<std::string> scan(const IndexDefinition* index, std::optional<ScanSegment> segment,
                                const Item* start = nullptr) {
    std::vector<std::string> out;
    store.read([&](ReadTxn& txn) {
      txn.scan(*table, index, segment, start, [&](Item& item) {
        out.push_back(std::move(item.at("pk").bytes));  // the visitor may move from the item
        return true;
      });
    });
    return out;
  }
};

// `count` partitions of one item each; the index has one partition per item too.
void fill_partitions(Store& store, const TableInfo& table, int count) {
  write_sync(store, [&](WriteTxn& txn) {
    for (int i = 0; i < count; ++i) {
      txn.put_item(table, key_of_partition("p" + std::to_string(i)), std::nullopt);
    }
  });
}

KeySelection partition_p(const IndexDefinition* index) {
  KeySelection selection;
  selection.partition = {S(index != nullptr ? "x" : "p")};
  return selection;
}

std::vector<std::string> sorted(std::vector<std::string> keys, bool forward) {
  std::sort(keys.begin(), keys.end());
  if (!forward) {
    std::reverse(keys.begin(), keys.end());
  }
  return keys;
}

// The start key of the item with sort key `sk`: the table's key, and the index's when reading one.
Item start_key(const std::string& sk, const IndexDefinition* index) {
  Item key{{"pk", S("p")}, {"sk", S(sk)}};
  if (index != nullptr) {
    key.emplace("g", S("x"));
    key.emplace("r", S(sk));
  }
  return key;
}

}  // namespace

TEST_CASE("query: long sort keys come in exact order, in both directions, table and index",
          "[read_txn]") {
  Fixture f;
  fill(f.store, *f.table);
  for (const IndexDefinition* index : f.sources()) {
    for (bool forward : {true, false}) {
      INFO("index " << (index != nullptr) << " forward " << forward);
      CHECK(f.query(index, partition_p(index), forward) == sorted(sort_keys(), forward));
    }
  }
}

TEST_CASE("query: a start key inside a run of long keys resumes right after it", "[read_txn]") {
  Fixture f;
  fill(f.store, *f.table);
  for (const IndexDefinition* index : f.sources()) {
    for (bool forward : {true, false}) {
      const std::vector<std::string> all = sorted(sort_keys(), forward);
      for (size_t i = 0; i < all.size(); ++i) {
        INFO("index " << (index != nullptr) << " forward " << forward << " start " << i);
        const Item start = start_key(all[i], index);
        CHECK(f.query(index, partition_p(index), forward, &start) ==
              std::vector<std::string>(all.begin() + i + 1, all.end()));
      }
    }
  }
}

TEST_CASE("query: conditions inside a run of long keys are exact", "[read_txn]") {
  Fixture f;
  fill(f.store, *f.table);
  auto with = [](const IndexDefinition* index, SortOp op, std::vector<AttributeValue> values) {
    KeySelection selection = partition_p(index);
    selection.sort_op = op;
    selection.sort_values = std::move(values);
    return selection;
  };
  for (const IndexDefinition* index : f.sources()) {
    INFO("index " << (index != nullptr));
    using Keys = std::vector<std::string>;
    CHECK(f.query(index, with(index, SortOp::kGt, {S(kLong + "5")})) ==
          Keys{kLong + "7", kLong + "9", "z"});
    CHECK(f.query(index, with(index, SortOp::kLe, {S(kLong + "2")})) ==
          Keys{"a", "b", "m", kLong, kLong + "1", kLong + "2"});
    CHECK(f.query(index, with(index, SortOp::kBetween, {S(kLong + "2"), S(kLong + "7")})) ==
          Keys{kLong + "2", kLong + "3", kLong + "5", kLong + "7"});
    CHECK(f.query(index, with(index, SortOp::kEq, {S(kLong + "3")})) == Keys{kLong + "3"});
    CHECK(f.query(index, with(index, SortOp::kBeginsWith, {S(kLong + "7")})) == Keys{kLong + "7"});
    CHECK(f.query(index, with(index, SortOp::kBeginsWith, {S("m")})).size() == 8);
  }
}

TEST_CASE("query: begins_with reads the keys that start with its operand", "[read_txn]") {
  Fixture f;
  write_sync(f.store, [&](WriteTxn& txn) {
    for (const char* sk : {"a", "ab", "abz", "ac", "b"}) {
      txn.put_item(*f.table, {{"pk", S("x")}, {"sk", S(sk)}}, std::nullopt);
    }
  });
  KeySelection selection;
  selection.partition = {S("x")};
  selection.sort_op = SortOp::kBeginsWith;
  selection.sort_values = {S("ab")};
  CHECK(f.query(nullptr, selection) == std::vector<std::string>{"ab", "abz"});
  CHECK(f.query(nullptr, selection, false) == std::vector<std::string>{"abz", "ab"});
}

TEST_CASE("scan: segments are disjoint and together hold every item", "[read_txn]") {
  Fixture f;
  fill_partitions(f.store, *f.table, 60);
  for (const IndexDefinition* index : f.sources()) {
    std::vector<std::string> whole = f.scan(index, std::nullopt);
    REQUIRE(whole.size() == 60);
    for (uint32_t total : {1u, 2u, 3u, 7u, 100u}) {
      INFO("index " << (index != nullptr) << " total " << total);
      std::vector<std::string> joined;
      for (uint32_t s = 0; s < total; ++s) {
        std::vector<std::string> part = f.scan(index, ScanSegment{s, total});
        joined.insert(joined.end(), part.begin(), part.end());
      }
      // Segments follow each other in key order, so joined in order they are the whole scan.
      CHECK(joined == whole);
    }
  }
}

TEST_CASE("scan: a start key lies in one segment and resumes right after itself", "[read_txn]") {
  Fixture f;
  fill_partitions(f.store, *f.table, 30);
  constexpr uint32_t kTotal = 4;
  for (const IndexDefinition* index : f.sources()) {
    const std::vector<std::string> whole = f.scan(index, std::nullopt);
    for (size_t i = 0; i < whole.size(); ++i) {
      INFO("index " << (index != nullptr) << " start " << whole[i]);
      const Item start = key_of_partition(whole[i]);
      CHECK(f.scan(index, std::nullopt, &start) ==
            std::vector<std::string>(whole.begin() + i + 1, whole.end()));
      int holding = 0;
      for (uint32_t s = 0; s < kTotal; ++s) {
        if (!scan_start_in_segment(*f.table, index, {s, kTotal}, start)) {
          continue;
        }
        ++holding;
        std::vector<std::string> part = f.scan(index, ScanSegment{s, kTotal});
        auto at = std::find(part.begin(), part.end(), whole[i]);
        REQUIRE(at != part.end());
        CHECK(f.scan(index, ScanSegment{s, kTotal}, &start) ==
              std::vector<std::string>(at + 1, part.end()));
      }
      CHECK(holding == 1);
    }
  }
}
