#include "storage/internal/recovery.h"

#include <string>
#include <vector>

namespace storage::recovery {

namespace {

// Records applied per transaction: a long log replays in bounded transactions.
constexpr size_t kChunkBytes = 32u << 20;

void apply_chunk(const std::vector<std::string>& records, lmdb::Env& env,
                 const Journal::DatabaseList& dbs) {
  for (;;) {
    try {
      lmdb::Txn txn(env.get(), nullptr, 0);
      for (const auto& record : records) {
        if (!Journal::replay(record, txn.get(), dbs)) {
          throw StorageError("write-ahead log: a record that passed its checksum does not parse");
        }
      }
      txn.commit();
      return;
    } catch (const StorageError& e) {
      if (e.lmdb_code() != MDB_MAP_FULL) {
        throw;
      }
      env.set_map_size(env.map_size() * 2);
    }
  }
}

}  // namespace

std::optional<wal::Checkpoint> restore_snapshot(const wal::Log& log,
                                                const std::filesystem::path& dir) {
  auto checkpoint = log.newest_checkpoint();
  if (checkpoint) {
    lmdb::restore_meta_pages(dir.string(), checkpoint->meta_pages);
  }
  return checkpoint;
}

uint64_t replay(const wal::Log& log, const wal::Checkpoint& checkpoint, lmdb::Env& env,
                const Journal::DatabaseList& dbs) {
  std::vector<std::string> chunk;
  size_t chunk_bytes = 0;
  uint64_t next = log.read_records(checkpoint, [&](uint64_t, std::string_view payload) {
    chunk.emplace_back(payload);
    chunk_bytes += payload.size();
    if (chunk_bytes >= kChunkBytes) {
      apply_chunk(chunk, env, dbs);
      chunk.clear();
      chunk_bytes = 0;
    }
  });
  if (!chunk.empty()) {
    apply_chunk(chunk, env, dbs);
  }
  return next;
}

}  // namespace storage::recovery
