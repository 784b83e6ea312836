#include "storage/internal/raw_reads.h"

#include "storage/error.h"
#include "storage/internal/item_codec.h"
#include "storage/internal/lmdb.h"

namespace storage::raw_reads {

namespace {

void walk(MDB_txn* txn, MDB_dbi dbi, std::string_view lower, std::string_view upper, bool reverse,
          const EntryVisitor& visit) {
  lmdb::Cursor cursor(txn, dbi);
  auto in_range = [&](std::string_view key) {
    return key >= lower && (upper.empty() || key < upper);
  };
  bool ok = false;
  if (!reverse) {
    ok = cursor.seek(lower);
  } else if (upper.empty() || !cursor.seek(upper)) {
    ok = cursor.last();
  } else {
    ok = cursor.prev();
  }
  for (; ok && in_range(cursor.key()); ok = reverse ? cursor.prev() : cursor.next()) {
    if (!visit(cursor.key(), cursor.value())) {
      return;
    }
  }
}

}  // namespace

std::optional<Item> load_item(const TxnHandle& txn, std::string_view key) {
  std::string_view bytes;
  if (!lmdb::get(txn.txn, txn.dbs.items, key, bytes)) {
    return std::nullopt;
  }
  Item item;
  if (!item_codec::decode(bytes, item)) {
    throw StorageError("corrupt item record");
  }
  return item;
}

void items(const TxnHandle& txn, std::string_view lower, std::string_view upper, bool reverse,
           const ItemVisitor& visit) {
  Item item;
  walk(txn.txn, txn.dbs.items, lower, upper, reverse,
       [&](std::string_view key, std::string_view value) {
         if (!item_codec::decode(value, item)) {
           throw StorageError("corrupt item record");
         }
         return visit(key, item);
       });
}

void index_items(const TxnHandle& txn, std::string_view lower, std::string_view upper, bool reverse,
                 const ItemVisitor& visit) {
  Item item;
  walk(txn.txn, txn.dbs.index, lower, upper, reverse,
       [&](std::string_view key, std::string_view item_key) {
         std::string_view bytes;
         if (!lmdb::get(txn.txn, txn.dbs.items, item_key, bytes) ||
             !item_codec::decode(bytes, item)) {
           throw StorageError("index entry without its item");
         }
         return visit(key, item);
       });
}

void index_entries(const TxnHandle& txn, std::string_view lower, std::string_view upper,
                   const EntryVisitor& visit) {
  walk(txn.txn, txn.dbs.index, lower, upper, false, visit);
}

void ttl_entries(const TxnHandle& txn, std::string_view lower, std::string_view upper,
                 const EntryVisitor& visit) {
  walk(txn.txn, txn.dbs.ttl, lower, upper, false, visit);
}

}  // namespace storage::raw_reads
