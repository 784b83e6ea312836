#include <catch2/catch.hpp>

#include <filesystem>

#include "storage/internal/journal.h"
#include "storage/internal/lmdb.h"
#include "tests/storage/store_fixture.h"

using namespace storage;
using store_fixture::TempDir;

namespace {

struct TwoDatabases {
  TempDir dir;
  lmdb::Env env;
  Journal::DatabaseList dbs{};
  TwoDatabases() {
    std::filesystem::create_directories(dir.path);
    env.open(dir.path.string(), 1 << 24, Journal::kDatabases, 8);
    lmdb::Txn txn(env.get(), nullptr, 0);
    const char* names[] = {"a", "b", "c", "d", "e"};
    for (size_t i = 0; i < dbs.size(); ++i) {
      REQUIRE(mdb_dbi_open(txn.get(), names[i], MDB_CREATE, &dbs[i]) == 0);
    }
    txn.commit();
  }
  std::string get(size_t db, std::string_view key) {
    lmdb::Txn txn(env.get(), nullptr, MDB_RDONLY);
    std::string_view value;
    return lmdb::get(txn.get(), dbs[db], key, value) ? std::string(value) : "<none>";
  }
};

}  // namespace

TEST_CASE("the journal records what lmdb writes on its thread, and replays it elsewhere") {
  TwoDatabases source;
  Journal journal(source.dbs);
  {
    lmdb::Txn txn(source.env.get(), nullptr, 0);
    lmdb::put(txn.get(), source.dbs[0], "before", "not journaled");
    Journal::Scope scope(journal);
    lmdb::put(txn.get(), source.dbs[1], "k1", "v1");
    lmdb::put(txn.get(), source.dbs[3], "k2", std::string(1000, 'z'));
    lmdb::put(txn.get(), source.dbs[1], "gone", "x");
    size_t mark = journal.mark();
    lmdb::put(txn.get(), source.dbs[1], "rolled back", "x");
    journal.rollback(mark);
    CHECK(lmdb::del(txn.get(), source.dbs[1], "gone"));
    CHECK_FALSE(lmdb::del(txn.get(), source.dbs[1], "never there"));  // not journaled
    {
      lmdb::Cursor cursor(txn.get(), source.dbs[3]);
      REQUIRE(cursor.seek("k2"));
      cursor.del();
    }
    lmdb::put(txn.get(), source.dbs[3], "k3", "v3");
    txn.commit();
  }
  CHECK(lmdb::current_listener() == nullptr);

  TwoDatabases copy;
  {
    lmdb::Txn txn(copy.env.get(), nullptr, 0);
    lmdb::put(txn.get(), copy.dbs[1], "gone", "x");
    REQUIRE(Journal::replay(journal.bytes(), txn.get(), copy.dbs));
    txn.commit();
  }
  CHECK(copy.get(0, "before") == "<none>");
  CHECK(copy.get(1, "k1") == "v1");
  CHECK(copy.get(1, "gone") == "<none>");
  CHECK(copy.get(1, "rolled back") == "<none>");
  CHECK(copy.get(3, "k2") == "<none>");
  CHECK(copy.get(3, "k3") == "v3");

  lmdb::Txn txn(copy.env.get(), nullptr, 0);
  CHECK_FALSE(Journal::replay(journal.bytes().substr(0, 7), txn.get(), copy.dbs));
  CHECK_FALSE(Journal::replay(std::string("P\x09\x01k\x01v"), txn.get(), copy.dbs));
}
