// The secret that seals DynamoDB Streams shard iterators, kept in `meta` (FORMAT.md) so that an
// iterator issued before a restart still reads after it.

#include <openssl/rand.h>

#include <future>

#include "storage/error.h"
#include "storage/internal/lmdb.h"
#include "storage/internal/meta_keys.h"
#include "storage/internal/txn_handle.h"
#include "storage/streams.h"

namespace storage {

namespace {

constexpr size_t kKeyBytes = 32;

std::string stored_key(const TxnHandle& handle) {
  std::string_view bytes;
  if (!lmdb::get(handle.txn, handle.dbs.meta, meta_keys::kStreamIteratorKey, bytes)) {
    return {};
  }
  return std::string(bytes);
}

}  // namespace

std::string stream_iterator_key(Store& store) {
  std::string key;
  store.read([&](const ReadTxn& txn) { key = stored_key(txn.handle()); });
  if (key.size() == kKeyBytes) {
    return key;
  }
  std::string fresh(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(fresh.data()), kKeyBytes) != 1) {
    throw StorageError("no random bytes for the stream iterator key");
  }
  // Kept unless a key appeared meanwhile (the job runs once per data directory's life).
  std::promise<void> written;
  store.write(
      [&](WriteTxn& txn) {
        key = stored_key(txn.handle());
        if (key.size() != kKeyBytes) {
          lmdb::put(txn.handle().txn, txn.handle().dbs.meta, meta_keys::kStreamIteratorKey, fresh);
          key = fresh;
        }
      },
      [&](std::exception_ptr error) {
        if (error) {
          written.set_exception(error);
        } else {
          written.set_value();
        }
      });
  written.get_future().get();
  return key;
}

}  // namespace storage
