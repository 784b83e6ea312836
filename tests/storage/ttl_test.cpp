// Time to Live: eligibility, the `ttl` entries kept in each write's transaction, and the sweeper
// driven by an injected clock (it deletes exactly the eligible items, through the normal delete
// path so indexes stay exact; disabling stops it; a restart resumes it).

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "storage/internal/key_codec.h"
#include "storage/internal/raw_reads.h"
#include "storage/internal/ttl.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::eventually;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

constexpr int64_t kNow = 1'700'000'000;

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(const std::string& text) { return AttributeValue::num(Number::parse(text)); }

Item item(const std::string& pk, std::optional<AttributeValue> expires) {
  Item out{{"pk", S(pk)}, {"g", S("group")}};
  if (expires) {
    out.emplace("exp", *expires);
  }
  return out;
}

// pk S with a GSI on g, TTL on "exp" (enabled when `ttl_on`).
TablePtr create_table(Store& store, bool ttl_on) {
  TablePtr created;
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>();
    t->id = txn.allocate_table_id();
    t->name = "t";
    t->attribute_definitions = {{"pk", ValueType::kString}, {"g", ValueType::kString}};
    t->key_schema = {{"pk", KeyType::kHash}};
    IndexDefinition gsi;
    gsi.name = "by_g";
    gsi.global = true;
    gsi.index_id = txn.allocate_table_id();
    gsi.key_schema = {{"g", KeyType::kHash}};
    t->global_indexes.push_back(gsi);
    t->status = TableStatus::kActive;
    t->ttl = {ttl_on, "exp", 1, 1};
    txn.save_table(t);
    created = t;
  });
  return created;
}

void set_ttl(Store& store, bool on) {
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>(*txn.live_table("t"));
    t->ttl.enabled = on;
    on ? txn.start_ttl_index(t->id) : txn.drop_ttl_index(t->id);
    txn.save_table(t);
  });
}

void put(Store& store, const Item& it) {
  write_sync(store, [&](WriteTxn& txn) {
    TablePtr t = txn.live_table("t");
    txn.put_item(*t, it, txn.get_item(*t, it));
  });
}

// The keys of one table or index id in any database: [id, id + 1).
std::pair<std::string, std::string> id_range(uint32_t id) {
  std::pair<std::string, std::string> range;
  key_codec::append_id(range.first, id);
  key_codec::append_id(range.second, id + 1);
  return range;
}

// The expiry seconds of the table's `ttl` entries.
std::multiset<int64_t> ttl_entries(Store& store, uint32_t table_id) {
  std::multiset<int64_t> out;
  auto [lower, upper] = id_range(table_id);
  store.read([&](ReadTxn& txn) {
    raw_reads::ttl_entries(txn.handle(), lower, upper, [&](std::string_view key, std::string_view) {
      int64_t expiry = 0;
      REQUIRE(ttl::entry_expiry(key, expiry));
      out.insert(expiry);
      return true;
    });
  });
  return out;
}

std::set<std::string> keys_in(Store& store, uint32_t table_id) {
  std::set<std::string> out;
  auto [lower, upper] = id_range(table_id);
  store.read([&](ReadTxn& txn) {
    raw_reads::items(txn.handle(), lower, upper, false, [&](std::string_view, Item& it) {
      out.insert(it.at("pk").bytes);
      return true;
    });
  });
  return out;
}

size_t gsi_entries(Store& store, const TablePtr& table) {
  size_t count = 0;
  auto [lower, upper] = id_range(table->global_indexes[0].index_id);
  store.read([&](ReadTxn& txn) {
    raw_reads::index_entries(txn.handle(), lower, upper, [&](std::string_view, std::string_view) {
      ++count;
      return true;
    });
  });
  return count;
}

struct FakeClock {
  std::shared_ptr<std::atomic<int64_t>> now = std::make_shared<std::atomic<int64_t>>(kNow);
  StoreOptions options(const TempDir& dir, int64_t interval_ms = 1) const {
    StoreOptions o{dir.path};
    o.clock = [now = now] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(now->load()));
    };
    o.ttl_sweep_interval = std::chrono::milliseconds(interval_ms);
    o.ttl_sweep_batch_items = 3;  // several steps per sweep
    return o;
  }
};

void put_mix(Store& store) {
  put(store, item("past", N(std::to_string(kNow - 100))));
  put(store, item("now", N(std::to_string(kNow))));
  put(store, item("fraction", N(std::to_string(kNow) + ".999")));  // floor is now: expired
  put(store, item("soon", N(std::to_string(kNow + 60))));
  put(store, item("far_past", N(std::to_string(kNow - ttl::kMaxAgeSeconds - 1))));
  put(store, item("five_years", N(std::to_string(kNow - ttl::kMaxAgeSeconds))));
  put(store, item("string", S(std::to_string(kNow - 100))));
  put(store, item("negative", N("-5")));
  put(store, item("huge", N("1e30")));
  put(store, item("none", std::nullopt));
}

// A store on a fake clock with the test table, holding the put_mix items.
struct MixFixture {
  TempDir dir;
  FakeClock clock;
  Store store;
  TablePtr table;
  MixFixture(bool ttl_on, int64_t interval_ms)
      : store(clock.options(dir, interval_ms)), table(create_table(store, ttl_on)) {
    put_mix(store);
  }
};

}  // namespace

TEST_CASE("TTL expiry is the floor of a Number in epoch seconds; other values never expire") {
  Item it{{"e", N("100.9")}};
  CHECK(ttl::expiry_of("e", it) == 100);
  CHECK(ttl::expiry_of("e", Item{{"e", N("0.5")}}) == 0);
  CHECK(ttl::expiry_of("e", Item{{"e", N("0")}}) == 0);
  CHECK(ttl::expiry_of("e", Item{{"e", N("1.5e3")}}) == 1500);
  CHECK(ttl::expiry_of("e", Item{{"e", N("9.99e17")}}) == 999'000'000'000'000'000);
  CHECK_FALSE(ttl::expiry_of("e", Item{{"e", N("1e18")}}));
  CHECK_FALSE(ttl::expiry_of("e", Item{{"e", N("-1")}}));
  CHECK_FALSE(ttl::expiry_of("e", Item{{"e", S("100")}}));
  CHECK_FALSE(ttl::expiry_of("e", Item{{"x", N("100")}}));
  CHECK_FALSE(ttl::expiry_of("", it));
}

TEST_CASE("TTL eligibility: at or before now, and not more than five years before") {
  CHECK(ttl::eligible(kNow, kNow));
  CHECK_FALSE(ttl::eligible(kNow + 1, kNow));
  CHECK(ttl::eligible(kNow - ttl::kMaxAgeSeconds, kNow));
  CHECK_FALSE(ttl::eligible(kNow - ttl::kMaxAgeSeconds - 1, kNow));
}

TEST_CASE("TTL entries follow puts, updates, deletes and multi-item writes") {
  TempDir dir;
  FakeClock clock;
  Store store(clock.options(dir, 3'600'000));  // no sweep during this test
  TablePtr table = create_table(store, true);
  put(store, item("a", N("100")));
  CHECK(ttl_entries(store, table->id) == std::multiset<int64_t>{100});
  put(store, item("a", N("200")));  // update moves the entry
  CHECK(ttl_entries(store, table->id) == std::multiset<int64_t>{200});
  put(store, item("a", S("200")));  // no longer a number: no entry
  CHECK(ttl_entries(store, table->id).empty());
  write_sync(store, [&](WriteTxn& txn) {  // a batch or transaction: several items in one job
    txn.put_item(*table, item("b", N("300")), std::nullopt);
    txn.put_item(*table, item("c", N("300")), std::nullopt);
  });
  CHECK(ttl_entries(store, table->id) == std::multiset<int64_t>{300, 300});
  write_sync(store, [&](WriteTxn& txn) {
    txn.delete_item(*table, *txn.get_item(*table, item("b", std::nullopt)));
  });
  CHECK(ttl_entries(store, table->id) == std::multiset<int64_t>{300});
  CHECK_THROWS(write_sync(store, [&](WriteTxn& txn) {  // a failed request leaves no entry
    txn.put_item(*table, item("d", N("400")), std::nullopt);
    throw std::runtime_error("condition failed");
  }));
  CHECK(ttl_entries(store, table->id) == std::multiset<int64_t>{300});
}

TEST_CASE("the sweeper deletes exactly the eligible items, from the table and its indexes") {
  MixFixture f(true, 1);
  Store& store = f.store;
  TablePtr table = f.table;
  // five_years is exactly five years old: eligible; far_past is one second older: never.
  REQUIRE(eventually([&] { return keys_in(store, table->id).size() == 6; }));
  CHECK(keys_in(store, table->id) ==
        std::set<std::string>{"soon", "far_past", "string", "negative", "huge", "none"});
  CHECK(gsi_entries(store, table) == 6);
  CHECK(store.catalog().stats(table->id)->item_count == 6);

  f.clock.now->store(kNow + 60);  // time moves: "soon" is due
  REQUIRE(eventually([&] { return keys_in(store, table->id).size() == 5; }));
  CHECK(keys_in(store, table->id).count("soon") == 0);
  CHECK(gsi_entries(store, table) == 5);
}

TEST_CASE("TTL enabled on a table with items indexes them; disabled, it deletes nothing") {
  MixFixture f(false, 1);
  Store& store = f.store;
  TablePtr table = f.table;
  CHECK(ttl_entries(store, table->id).empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(keys_in(store, table->id).size() == 10);  // TTL off: nothing expires

  set_ttl(store, true);  // backfill, then sweeps
  REQUIRE(eventually([&] { return keys_in(store, table->id).size() == 6; }));
  CHECK(gsi_entries(store, table) == 6);

  set_ttl(store, false);
  REQUIRE(eventually([&] { return ttl_entries(store, table->id).empty(); }));
  f.clock.now->store(kNow + 3600);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(keys_in(store, table->id).count("soon") == 1);
}

TEST_CASE("expired items left at shutdown are swept after a restart") {
  TempDir dir;
  FakeClock clock;
  uint32_t table_id = 0;
  {
    Store store(clock.options(dir, 3'600'000));  // never sweeps in this run
    table_id = create_table(store, true)->id;
    put_mix(store);
    CHECK(keys_in(store, table_id).size() == 10);
  }
  Store store(clock.options(dir));
  REQUIRE(eventually([&] { return keys_in(store, table_id).size() == 6; }));
  CHECK(ttl_entries(store, table_id) ==
        std::multiset<int64_t>{kNow + 60, kNow - ttl::kMaxAgeSeconds - 1});
}

TEST_CASE("deleting a table removes its TTL entries") {
  MixFixture f(true, 3'600'000);
  Store& store = f.store;
  TablePtr table = f.table;
  REQUIRE_FALSE(ttl_entries(store, table->id).empty());
  write_sync(store, [&](WriteTxn& txn) {
    auto ghost = std::make_shared<TableInfo>(*table);
    ghost->status = TableStatus::kDeleting;
    txn.delete_table(ghost);
  });
  REQUIRE(eventually([&] { return ttl_entries(store, table->id).empty(); }));
}
