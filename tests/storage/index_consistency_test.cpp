// Secondary indexes are maintained in the item's own write transaction: after any sequence of
// puts, updates and deletes (valid or refused), every index must equal the index recomputed from
// the table, and its live counters must match. Also online creation (backfill while writes go on,
// across a restart) and removal of an index's entries.

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <map>
#include <random>
#include <thread>

#include "storage/index_keys.h"
#include "storage/internal/item_keys.h"
#include "storage/internal/key_range.h"
#include "storage/internal/raw_reads.h"
#include "storage/store.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;
using store_fixture::write_sync;

namespace {

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(int n) { return AttributeValue::num(Number::parse(std::to_string(n))); }
AttributeValue B(std::string b) { return AttributeValue::binary(std::move(b)); }

IndexDefinition index_of(std::string name, bool global, std::vector<KeySchemaElement> keys,
                         Projection projection) {
  IndexDefinition index;
  index.name = std::move(name);
  index.global = global;
  index.key_schema = std::move(keys);
  index.projection = std::move(projection);
  return index;
}

// pk S + sk N, with an LSI and GSIs of every projection, a multi-attribute key and a sort key
// attribute that is sometimes longer than the stored (truncated) form.
TableInfo indexed_definition() {
  TableInfo t;
  t.name = "t";
  t.attribute_definitions = {
      {"pk", ValueType::kString}, {"sk", ValueType::kNumber}, {"lsk", ValueType::kString},
      {"g1", ValueType::kString}, {"g2", ValueType::kNumber}, {"m1", ValueType::kString},
      {"m2", ValueType::kBinary}, {"r1", ValueType::kString}, {"r2", ValueType::kNumber}};
  t.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  t.local_indexes.push_back(index_of("lsi", false,
                                     {{"pk", KeyType::kHash}, {"lsk", KeyType::kRange}},
                                     {ProjectionType::kKeysOnly, {}}));
  t.global_indexes.push_back(
      index_of("g_hash", true, {{"g1", KeyType::kHash}}, {ProjectionType::kKeysOnly, {}}));
  t.global_indexes.push_back(index_of("g_both", true,
                                      {{"g1", KeyType::kHash}, {"g2", KeyType::kRange}},
                                      {ProjectionType::kInclude, {"x"}}));
  t.global_indexes.push_back(index_of("g_multi", true,
                                      {{"m1", KeyType::kHash},
                                       {"m2", KeyType::kHash},
                                       {"r1", KeyType::kRange},
                                       {"r2", KeyType::kRange}},
                                      {ProjectionType::kAll, {}}));
  t.global_indexes.push_back(index_of("g_long", true,
                                      {{"g2", KeyType::kHash}, {"lsk", KeyType::kRange}},
                                      {ProjectionType::kAll, {}}));
  t.status = TableStatus::kActive;
  return t;
}

TablePtr create(Store& store, TableInfo definition) {
  TablePtr created;
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>(definition);
    t->id = txn.allocate_table_id();
    for (std::vector<IndexDefinition>* indexes : {&t->local_indexes, &t->global_indexes}) {
      for (IndexDefinition& one : *indexes) {
        one.index_id = txn.allocate_table_id();
      }
    }
    txn.save_table(t);
    created = t;
  });
  return created;
}

using Entries = std::map<std::string, std::string>;  // entry key -> item key

struct Expected {
  Entries entries;
  int64_t bytes = 0;
};

std::map<uint32_t, Expected> recompute(Store& store, const TableInfo& table) {
  std::map<uint32_t, Expected> expected;
  for (const IndexDefinition* index : table.all_indexes()) {
    expected[index->index_id];
  }
  key_range::Range all = key_range::table(table.id);
  store.read([&](ReadTxn& txn) {
    raw_reads::items(txn.handle(), all.lower, all.upper, false,
                     [&](std::string_view key, Item& item) {
                       for (const IndexDefinition* index : table.all_indexes()) {
                         if (auto entry = index_entry(table, *index, item, key)) {
                           expected[index->index_id].entries[entry->key] = std::string(key);
                           expected[index->index_id].bytes += static_cast<int64_t>(entry->bytes);
                         }
                       }
                       return true;
                     });
  });
  return expected;
}

Entries stored_entries(Store& store, uint32_t index_id) {
  Entries entries;
  key_range::Range all = key_range::table(index_id);
  store.read([&](ReadTxn& txn) {
    raw_reads::index_entries(txn.handle(), all.lower, all.upper,
                             [&](std::string_view key, std::string_view item_key) {
                               entries[std::string(key)] = std::string(item_key);
                               return true;
                             });
  });
  return entries;
}

void check_consistent(Store& store, const TableInfo& table) {
  for (const auto& [index_id, expected] : recompute(store, table)) {
    INFO("index id " << index_id);
    REQUIRE(stored_entries(store, index_id) == expected.entries);
    auto stats = store.catalog().stats(index_id);
    REQUIRE(stats);
    CHECK(stats->item_count == static_cast<int64_t>(expected.entries.size()));
    CHECK(stats->size_bytes == expected.bytes);
  }
}

// Random items over a small key space, so that puts replace, updates hit and deletes find items.
class RandomItems {
 public:
  explicit RandomItems(uint32_t seed) : rng_(seed) {}

  Item key() { return {{"pk", S("p" + std::to_string(pick(5)))}, {"sk", N(pick(10))}}; }

  Item item() {
    Item item = key();
    for (const char* name : {"lsk", "g1", "g2", "m1", "m2", "r1", "r2", "x", "y"}) {
      maybe_set(item, name);
    }
    return item;
  }

  // Sets, replaces or removes a few attributes of `item` (never its table key).
  Item update(Item item) {
    for (int changes = 1 + pick(3); changes > 0; --changes) {
      static const char* names[] = {"lsk", "g1", "g2", "m1", "m2", "r1", "r2", "x", "y"};
      maybe_set(item, names[pick(9)]);
    }
    return item;
  }

  // An index key attribute of the wrong type, or an empty one (every table here indexes both).
  Item invalid(Item item) {
    if (pick(2) == 0) {
      item["g2"] = S("not a number");
    } else {
      item["lsk"] = S("");
    }
    return item;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

 private:
  void maybe_set(Item& item, const std::string& name) {
    if (pick(4) == 0) {
      item.erase(name);
      return;
    }
    item[name] = value_for(name);
  }

  AttributeValue value_for(const std::string& name) {
    if (name == "g2" || name == "r2") {
      return N(pick(4) - 1);
    }
    if (name == "m2") {
      return B(std::string(1, static_cast<char>(pick(3))));
    }
    if (name == "lsk" || name == "r1") {
      // Long values share their first 600 bytes: the stored sort key is truncated and hashed.
      static const std::string kLong(600, 'z');
      const std::string shapes[] = {"a", "a\0b", "b", kLong + "1", kLong + "2"};
      return S(shapes[pick(5)]);
    }
    return S(name + std::to_string(pick(3)));
  }

  std::mt19937 rng_;
};

std::optional<Item> get(Store& store, const TableInfo& table, const Item& key) {
  std::optional<Item> found;
  store.read([&](ReadTxn& txn) { found = txn.get_item(table, key); });
  return found;
}

// One random put, update or delete, sometimes of an invalid item (which must change nothing).
void random_step(Store& store, const TableInfo& table, RandomItems& random) {
  Item key = random.key();
  std::optional<Item> before = get(store, table, key);
  int op = random.pick(10);
  if (op < 4 || (op < 7 && !before)) {
    Item item = random.item();
    bool invalid = random.pick(10) == 0;
    if (invalid) {
      item = random.invalid(item);
    }
    auto put = [&](WriteTxn& txn) { txn.put_item(table, item, txn.get_item(table, item)); };
    if (invalid) {
      std::optional<Item> prior = get(store, table, item);
      CHECK_THROWS_AS(write_sync(store, put), IndexKeyError);
      CHECK(get(store, table, item) == prior);
    } else {
      write_sync(store, put);
    }
  } else if (op < 7) {
    Item updated = random.update(*before);
    write_sync(store, [&](WriteTxn& txn) { txn.put_item(table, updated, before); });
  } else if (before) {
    write_sync(store, [&](WriteTxn& txn) { txn.delete_item(table, *before); });
  }
}

// `steps` random steps from `seed`, each followed by a consistency check when `check`.
void random_steps(Store& store, const TableInfo& table, uint32_t seed, int steps, bool check) {
  RandomItems random(seed);
  for (int step = 0; step < steps; ++step) {
    INFO("step " << step);
    random_step(store, table, random);
    if (check) {
      check_consistent(store, table);
    }
  }
}

void put_many(Store& store, const TableInfo& table, int count, const std::string& prefix) {
  for (int first = 0; first < count; first += 250) {
    write_sync(store, [&](WriteTxn& txn) {
      for (int i = first; i < std::min(count, first + 250); ++i) {
        Item item{{"pk", S(prefix + std::to_string(i))},
                  {"sk", N(i % 7)},
                  {"g1", S("g" + std::to_string(i % 13))}};
        if (i % 5 != 0) {
          item["g2"] = N(i % 17);  // every fifth item stays out of the new index (sparse)
        }
        txn.put_item(table, item, txn.get_item(table, item));
      }
    });
  }
}

// The write that adds a GSI on (g1, g2), which starts CREATING and is backfilled by the writer.
Store::WriteWork adding_index(const TableInfo& table) {
  return [table_id = table.id](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>(*txn.live_table(table_id));
    IndexDefinition index =
        index_of("added", true, {{"g1", KeyType::kHash}, {"g2", KeyType::kRange}},
                 {ProjectionType::kKeysOnly, {}});
    index.index_id = txn.allocate_table_id();
    index.status = IndexStatus::kCreating;
    t->global_indexes.push_back(index);
    txn.save_table(t);
    txn.start_backfill(t->id, index.index_id);
  };
}

void add_index(Store& store, const TableInfo& table) { write_sync(store, adding_index(table)); }

// A table without GSIs holding `items` items, to which a GSI is then added.
TablePtr building_table(Store& store, int items) {
  TableInfo definition = indexed_definition();
  definition.global_indexes.clear();
  TablePtr table = create(store, definition);
  put_many(store, *table, items, "old");
  add_index(store, *table);
  return table;
}

TablePtr wait_until_built(Store& store, const std::string& name) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    TablePtr table = store.catalog().find(name);
    const IndexDefinition* index = table->find_index("added");
    if (index != nullptr && !index->backfilling()) {
      return table;
    }
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

TEST_CASE("random writes keep every index equal to the index recomputed from the table") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create(store, indexed_definition());
  random_steps(store, *table, 20260611, 600, /*check=*/true);
  CHECK(store.catalog().stats(table->id)->item_count > 0);
}

TEST_CASE("an invalid index key value is refused and changes nothing") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create(store, indexed_definition());
  Item item{{"pk", S("a")}, {"sk", N(1)}, {"g1", S("x")}, {"g2", N(5)}};
  write_sync(store, [&](WriteTxn& txn) { txn.put_item(*table, item, std::nullopt); });
  Item bad = item;
  bad["g2"] = S("five");
  try {
    write_sync(store, [&](WriteTxn& txn) { txn.put_item(*table, bad, item); });
    FAIL("no IndexKeyError");
  } catch (const IndexKeyError& e) {
    CHECK(e.problem().kind == IndexKeyProblem::Kind::kTypeMismatch);
    CHECK(e.problem().index_name == "g_both");  // the first index, by name, keyed on g2
    CHECK(e.problem().attribute == "g2");
    CHECK(e.problem().expected == ValueType::kNumber);
    CHECK(e.problem().actual == ValueType::kString);
  }
  CHECK(get(store, *table, item) == item);
  check_consistent(store, *table);
}

TEST_CASE("a GSI added online indexes existing items and those written while it builds") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = building_table(store, 3000);
  CHECK(store.catalog().find("t")->status_at(store.now_ms()) == TableStatus::kUpdating);
  random_steps(store, *store.catalog().find("t"), 7, 200, /*check=*/false);
  put_many(store, *table, 500, "new");
  TablePtr built = wait_until_built(store, "t");
  CHECK(built->status_at(store.now_ms()) == TableStatus::kActive);
  check_consistent(store, *built);
  CHECK(store.catalog().stats(built->find_index("added")->index_id)->item_count > 2800);
}

TEST_CASE("a GSI added in one batch with other writes is built too") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TableInfo definition = indexed_definition();
  definition.global_indexes.clear();
  TablePtr table = create(store, definition);
  put_many(store, *table, 2000, "old");
  // Requests queued behind a slow one reach the writer together, as one group commit.
  std::promise<void> slow;
  store.write([](WriteTxn&) { std::this_thread::sleep_for(std::chrono::milliseconds(50)); },
              [&](std::exception_ptr) { slow.set_value(); });
  std::promise<void> added;
  store.write(adding_index(*table), [&](std::exception_ptr) { added.set_value(); });
  Item item{{"pk", S("late")}, {"sk", N(1)}, {"g1", S("g")}, {"g2", N(1)}};
  write_sync(store, [&](WriteTxn& txn) { txn.put_item(*table, item, std::nullopt); });
  slow.get_future().get();
  added.get_future().get();
  TablePtr built = wait_until_built(store, "t");
  check_consistent(store, *built);
}

TEST_CASE("a backfill resumes after a restart") {
  TempDir dir;
  {
    Store store(StoreOptions{dir.path});
    building_table(store, 6000);
  }
  Store store(StoreOptions{dir.path});
  TablePtr built = wait_until_built(store, "t");
  check_consistent(store, *built);
}

TEST_CASE("dropping an index or its table removes the index entries in the background") {
  TempDir dir;
  Store store(StoreOptions{dir.path});
  TablePtr table = create(store, indexed_definition());
  random_steps(store, *table, 99, 100, /*check=*/false);
  const IndexDefinition& dropped = table->global_indexes.front();
  REQUIRE_FALSE(stored_entries(store, dropped.index_id).empty());
  write_sync(store, [&](WriteTxn& txn) {
    auto t = std::make_shared<TableInfo>(*table);
    t->global_indexes.erase(t->global_indexes.begin());
    txn.drop_index(dropped.index_id);
    txn.save_table(t);
  });
  write_sync(store, [&](WriteTxn& txn) {
    auto ghost = std::make_shared<TableInfo>(*txn.live_table(table->id));
    ghost->status = TableStatus::kDeleting;
    txn.delete_table(ghost);
  });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (const IndexDefinition* index : table->all_indexes()) {
    while (!stored_entries(store, index->index_id).empty()) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}
