#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace storage;

namespace {

using store_fixture::TempDir;
using store_fixture::write_sync;

TablePtr create_table(Store& store, const std::string& name) {
  TablePtr created;
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>();
    t->id = txn.allocate_table_id();
    t->name = name;
    t->attribute_definitions = {{"pk", ValueType::kString}};
    t->key_schema = {{"pk", KeyType::kHash}};
    t->status = TableStatus::kActive;
    txn.save_table(t);
    created = t;
  });
  return created;
}

Item item_with(const std::string& pk, const std::string& value) {
  return Item{{"pk", AttributeValue::string(pk)}, {"v", AttributeValue::string(value)}};
}

void put(Store& store, const TablePtr& table, const Item& item) {
  write_sync(store, [&](WriteTxn& txn) { txn.put_item(*table, item, txn.get_item(*table, item)); });
}

std::optional<Item> get(Store& store, const TablePtr& table, const std::string& pk) {
  std::optional<Item> found;
  store.read([&](ReadTxn& txn) { found = txn.get_item(*table, item_with(pk, "")); });
  return found;
}

}  // namespace

TEST_CASE("items and tables survive reopening the store") {
  TempDir dir;
  {
    Store store(StoreOptions{dir.path});
    TablePtr table = create_table(store, "t1");
    put(store, table, item_with("a", "1"));
    put(store, table, item_with("a", "2"));
    put(store, table, item_with("b", "3"));
    auto stats = store.catalog().stats(table->id);
    CHECK(stats->item_count == 2);
  }
  Store store(StoreOptions{dir.path});
  TablePtr table = store.catalog().find("t1");
  REQUIRE(table);
  auto a = get(store, table, "a");
  REQUIRE(a);
  CHECK(a->at("v").bytes == "2");
  CHECK(store.catalog().stats(table->id)->item_count == 2);
}

TEST_CASE("a failing write rolls back only itself") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create_table(store, "t1");
  CHECK_THROWS_AS(write_sync(store,
                             [&](WriteTxn& txn) {
                               txn.put_item(*table, item_with("x", "1"), std::nullopt);
                               throw std::runtime_error("condition failed");
                             }),
                  std::runtime_error);
  put(store, table, item_with("y", "1"));
  CHECK_FALSE(get(store, table, "x"));
  CHECK(get(store, table, "y"));
  CHECK(store.catalog().stats(table->id)->item_count == 1);
}

TEST_CASE("a failing write rolls back only itself inside a group commit") {
  TempDir dir;
  StoreOptions options{dir.path};
  options.in_memory = GENERATE(false, true);  // nested transactions; through the map, no nesting
  Store store(options);
  TablePtr table = create_table(store, "t1");
  // The first write holds the writer until the others are queued: they then commit as one batch.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::vector<std::future<std::exception_ptr>> results;
  auto submit = [&](Store::WriteWork work) {
    auto done = std::make_shared<std::promise<std::exception_ptr>>();
    results.push_back(done->get_future());
    store.write(std::move(work), [done](std::exception_ptr e) { done->set_value(e); });
  };
  auto put_then_maybe_throw = [&](std::string pk, bool wrote_then_failed) {
    return [&, pk, wrote_then_failed](WriteTxn& txn) {
      txn.put_item(*table, item_with(pk, "1"), txn.get_item(*table, item_with(pk, "")));
      if (wrote_then_failed) {
        throw std::runtime_error("failed after writing " + pk);
      }
    };
  };
  submit([&](WriteTxn&) { released.wait(); });
  submit(put_then_maybe_throw("a", false));
  submit(put_then_maybe_throw("b", true));
  submit([](WriteTxn&) { throw std::runtime_error("failed before writing"); });
  submit(put_then_maybe_throw("c", false));
  submit(put_then_maybe_throw("d", true));
  submit(put_then_maybe_throw("e", false));
  release.set_value();
  std::vector<bool> failed;
  for (auto& result : results) {
    failed.push_back(result.get() != nullptr);
  }
  CHECK(failed == std::vector<bool>{false, false, true, true, false, true, false});
  CHECK(get(store, table, "a"));
  CHECK_FALSE(get(store, table, "b"));
  CHECK(get(store, table, "c"));
  CHECK_FALSE(get(store, table, "d"));
  CHECK(get(store, table, "e"));
  CHECK(store.catalog().stats(table->id)->item_count == 3);
}

TEST_CASE("concurrent writers are all applied (group commit)") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create_table(store, "t1");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        put(store, table, item_with(std::to_string(t) + "-" + std::to_string(i), "v"));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(store.catalog().stats(table->id)->item_count == kThreads * kPerThread);
  CHECK(get(store, table, "7-49"));
}

TEST_CASE("deleting a table hides it and its items; the name can be reused") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create_table(store, "t1");
  put(store, table, item_with("a", "1"));
  write_sync(store, [&](WriteTxn& txn) {
    auto ghost = std::make_shared<TableInfo>(*table);
    ghost->status = TableStatus::kDeleting;
    ghost->status_settles_ms = 0;  // settles at once
    txn.delete_table(ghost);
  });
  CHECK_FALSE(store.catalog().find("t1"));
  TablePtr again = create_table(store, "t1");
  CHECK(again->id != table->id);
  CHECK_FALSE(get(store, again, "a"));
}

TEST_CASE("the map grows when it is full") {
  TempDir dir;
  StoreOptions options{dir.path};
  options.in_memory = GENERATE(false, true);
  options.initial_map_bytes = 1 << 20;  // 1 MiB: a few hundred items fill it
  Store store(options);
  TablePtr table = create_table(store, "t1");
  std::string big(4000, 'x');
  for (int i = 0; i < 1000; ++i) {
    put(store, table, item_with("k" + std::to_string(i), big));
  }
  CHECK(store.catalog().stats(table->id)->item_count == 1000);
  CHECK(get(store, table, "k999"));
}

TEST_CASE("the store's one clock decides when a deleted table stops reporting DELETING") {
  TempDir dir;
  auto now_s = std::make_shared<std::atomic<int64_t>>(1'700'000'000);
  StoreOptions options{dir.path};
  options.clock = [now_s] {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now_s->load()));
  };
  Store store(options);
  CHECK(store.now_ms() == 1'700'000'000'000);
  TablePtr table = create_table(store, "t");
  write_sync(store, [&](WriteTxn& txn) {
    auto ghost = std::make_shared<TableInfo>(*table);
    ghost->status = TableStatus::kDeleting;
    ghost->status_settles_ms = store.now_ms() + 5000;
    txn.delete_table(ghost);
  });
  REQUIRE(store.catalog().find("t") != nullptr);
  CHECK(store.catalog().find("t")->status_at(store.now_ms()) == TableStatus::kDeleting);
  CHECK(store.catalog().all().size() == 1);
  *now_s += 6;  // no waiting: the clock moves
  CHECK(store.catalog().find("t") == nullptr);
  CHECK(store.catalog().all().empty());
}

namespace {

bool empty_or_gone(const std::filesystem::path& dir) {
  return !std::filesystem::exists(dir) || std::filesystem::is_empty(dir);
}

size_t thread_count() {
  auto tasks = std::filesystem::directory_iterator("/proc/self/task");
  return static_cast<size_t>(std::distance(begin(tasks), end(tasks)));
}

}  // namespace

TEST_CASE("a store in memory leaves no file behind, even when its process is killed") {
  TempDir dir;
  StoreOptions options{dir.path};  // where it makes its own directory
  options.in_memory = true;
  {
    Store store(options);
    CHECK(empty_or_gone(dir.path));  // removed as soon as LMDB had it open
    TablePtr table = create_table(store, "t");
    put(store, table, item_with("a", "1"));
    CHECK(get(store, table, "a"));
    CHECK(empty_or_gone(dir.path));
  }
  store_fixture::run_in_child([&] {
    Store store(options);
    put(store, create_table(store, "t"), item_with("a", "1"));
  });
  CHECK(empty_or_gone(dir.path));
}

TEST_CASE("two stores in memory at once are independent and start empty") {
  StoreOptions options;  // $TMPDIR or /tmp
  options.in_memory = true;
  Store first(options);
  TablePtr table = create_table(first, "t");
  put(first, table, item_with("a", "1"));
  Store second(options);
  CHECK(second.catalog().find("t") == nullptr);
  TablePtr other = create_table(second, "t");
  put(second, other, item_with("b", "2"));
  CHECK(get(first, table, "a"));
  CHECK_FALSE(get(first, table, "b"));
  CHECK(get(second, other, "b"));
  CHECK_FALSE(get(second, other, "a"));
}

TEST_CASE("a store in memory runs its writer thread only: no checkpointer") {
  TempDir dir;
  StoreOptions options{dir.path};
  size_t before = thread_count();
  {
    Store logged(options);
    CHECK(thread_count() == before + 2);  // the writer and the checkpointer
  }
  options.in_memory = true;
  Store in_memory(options);
  CHECK(thread_count() == before + 1);
}
