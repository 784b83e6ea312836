#include "storage/internal/journal.h"

#include "storage/internal/coding.h"

namespace storage {

namespace {

// One write: op byte, database position, varint key length, key, and for a put varint value
// length and value.
constexpr char kPut = 'P';
constexpr char kDelete = 'D';

bool get_bytes(std::string_view& in, std::string_view& out) {
  uint64_t size = 0;
  if (!coding::get_varint(in, size) || size > in.size()) {
    return false;
  }
  out = in.substr(0, size);
  in.remove_prefix(size);
  return true;
}

}  // namespace

uint8_t Journal::position_of(MDB_dbi dbi) const {
  for (size_t i = 0; i < dbs_.size(); ++i) {
    if (dbs_[i] == dbi) {
      return static_cast<uint8_t>(i);
    }
  }
  throw StorageError("a write to a database the write-ahead log does not know");
}

void Journal::put(MDB_dbi dbi, std::string_view key, std::string_view value) {
  bytes_.push_back(kPut);
  bytes_.push_back(static_cast<char>(position_of(dbi)));
  coding::put_varint(bytes_, key.size());
  bytes_.append(key);
  coding::put_varint(bytes_, value.size());
  bytes_.append(value);
}

void Journal::del(MDB_dbi dbi, std::string_view key) {
  bytes_.push_back(kDelete);
  bytes_.push_back(static_cast<char>(position_of(dbi)));
  coding::put_varint(bytes_, key.size());
  bytes_.append(key);
}

bool Journal::replay(std::string_view bytes, MDB_txn* txn, const DatabaseList& dbs) {
  while (!bytes.empty()) {
    if (bytes.size() < 2) {
      return false;
    }
    char op = bytes[0];
    auto position = static_cast<uint8_t>(bytes[1]);
    bytes.remove_prefix(2);
    std::string_view key;
    if (position >= dbs.size() || (op != kPut && op != kDelete) || !get_bytes(bytes, key)) {
      return false;
    }
    if (op == kPut) {
      std::string_view value;
      if (!get_bytes(bytes, value)) {
        return false;
      }
      lmdb::put(txn, dbs[position], key, value);
    } else {
      lmdb::del(txn, dbs[position], key);
    }
  }
  return true;
}

}  // namespace storage
