#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// The write-ahead log in front of LMDB (FORMAT.md "Write-ahead log"). LMDB commits without
// flushing; each group commit's journal (journal.h) is appended to a log file before the commit,
// and one fdatasync of the log makes the batch durable: one flush per acknowledgement instead of
// LMDB's two (data pages, then the meta page). A checkpoint flushes LMDB and records its meta pages
// and the first log record it does not contain; recovery puts those meta pages back and replays
// the records after them.
//
// Two files, wal-0 and wal-1, each a checkpoint header at offset 0 and records from kRecordsStart.
// The records after checkpoint generation g go to file g % 2; a new checkpoint switches files, so
// a file is only rewritten once the checkpoint after the one it started is on disk.
namespace storage::wal {

constexpr uint64_t kRecordsStart = 64 * 1024;

struct Checkpoint {
  uint64_t generation = 0;  // its records are in file generation % 2
  uint64_t next_seq = 0;    // the first record the LMDB snapshot does not contain
  uint64_t epoch = 0;       // of the process that wrote it, and so of the records after it
  std::string meta_pages;   // LMDB's two meta pages (pages 0 and 1) as the snapshot left them
};

// The header bytes of a checkpoint; decode is false for anything torn, foreign or too big.
std::string encode_checkpoint(const Checkpoint& checkpoint);
bool decode_checkpoint(std::string_view bytes, Checkpoint& checkpoint);
// A record: CRC-32 (of the epoch, then the rest), payload length, sequence number, payload. The
// epoch, random per process, keeps a record left behind by an earlier run from passing for one of
// this run's with the same sequence number.
constexpr size_t kRecordHeaderBytes = 16;
// `seed` is epoch_seed(epoch): the CRC of the epoch's bytes, which every record's CRC starts from.
uint32_t epoch_seed(uint64_t epoch);
std::string encode_record_header(uint32_t seed, uint64_t seq, std::string_view payload);

class Log {
 public:
  // Opens or creates the two files in `dir` and locks the directory against a second server
  // (recovery rewrites LMDB's meta pages before LMDB's own lock is taken); throws StorageError.
  explicit Log(const std::filesystem::path& dir);
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  // Recovery: the newest intact checkpoint, then its records in order (those of its file, then
  // those that continue in the other one), up to the first torn or missing one. Returns the
  // sequence number after the last record visited.
  std::optional<Checkpoint> newest_checkpoint() const;
  using RecordVisitor = std::function<void(uint64_t seq, std::string_view payload)>;
  uint64_t read_records(const Checkpoint& checkpoint, const RecordVisitor& visit) const;

  // Writer thread. Records go to the file of `generation` from its start, numbered from
  // `next_seq` on.
  void begin_generation(uint64_t generation, uint64_t next_seq);
  uint64_t next_seq() const { return next_seq_; }
  uint64_t epoch() const { return epoch_; }
  uint64_t bytes_in_generation() const { return position_ - kRecordsStart; }
  // Writes the next record (not yet flushed); throws StorageError.
  void append(std::string_view payload);
  // Takes back the last append (its transaction did not commit) and spoils its header on disk, so
  // recovery never reads it, whatever comes after it.
  void rewind();
  // Flushes every record appended so far. After a failed flush (which may have lost pages) it
  // throws that StorageError forever: nothing written later can be called durable.
  void sync();

  // Checkpointer thread: writes `checkpoint` to the header of its file and flushes it; throws
  // StorageError. Safe beside appends and sync (they never touch a header).
  void write_checkpoint(const Checkpoint& checkpoint) const;

 private:
  int fds_[2] = {-1, -1};
  uint64_t epoch_ = 0;
  uint32_t epoch_seed_ = 0;
  // Writer thread only.
  int file_ = 0;
  uint64_t position_ = kRecordsStart;
  uint64_t last_record_ = kRecordsStart;
  uint64_t next_seq_ = 0;
  unsigned unsynced_ = 0;  // bit per file with appends not yet flushed
  std::exception_ptr failure_;
};

}  // namespace storage::wal
