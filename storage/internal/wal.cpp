#include "storage/internal/wal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "storage/crc32.h"
#include "storage/error.h"
#include "storage/internal/coding.h"
#include "storage/internal/file_io.h"

namespace storage::wal {

namespace {

constexpr std::string_view kMagic = "ddbdwal1";

}  // namespace

uint32_t epoch_seed(uint64_t epoch) {
  std::string epoch_bytes;
  coding::put_fixed64_be(epoch_bytes, epoch);
  return crc32(epoch_bytes);
}

namespace {

// The record at `offset` of `fd` if it is intact and numbered `seq`.
bool read_record(int fd, uint64_t size, uint64_t offset, uint32_t seed, uint64_t seq,
                 std::string& payload, uint64_t& next_offset) {
  std::string header;
  if (offset + kRecordHeaderBytes > size ||
      !file_io::read_exact(fd, header, kRecordHeaderBytes, offset)) {
    return false;
  }
  std::string_view in = header;
  uint32_t crc = 0;
  uint32_t length = 0;
  uint64_t record_seq = 0;
  coding::get_fixed32_be(in, crc);
  coding::get_fixed32_be(in, length);
  coding::get_fixed64_be(in, record_seq);
  uint64_t end = offset + kRecordHeaderBytes + length;
  if (record_seq != seq || end > size ||
      !file_io::read_exact(fd, payload, length, offset + kRecordHeaderBytes)) {
    return false;
  }
  if (crc32(payload, crc32(std::string_view(header).substr(4), seed)) != crc) {
    return false;
  }
  next_offset = end;
  return true;
}

}  // namespace

std::string encode_checkpoint(const Checkpoint& checkpoint) {
  std::string body;
  coding::put_fixed64_be(body, checkpoint.generation);
  coding::put_fixed64_be(body, checkpoint.next_seq);
  coding::put_fixed64_be(body, checkpoint.epoch);
  coding::put_fixed32_be(body, static_cast<uint32_t>(checkpoint.meta_pages.size()));
  body.append(checkpoint.meta_pages);
  std::string out(kMagic);
  coding::put_fixed32_be(out, crc32(body));
  coding::put_fixed32_be(out, static_cast<uint32_t>(body.size()));
  out.append(body);
  return out;
}

bool decode_checkpoint(std::string_view bytes, Checkpoint& checkpoint) {
  if (!bytes.starts_with(kMagic)) {
    return false;
  }
  bytes.remove_prefix(kMagic.size());
  uint32_t crc = 0;
  uint32_t length = 0;
  if (!coding::get_fixed32_be(bytes, crc) || !coding::get_fixed32_be(bytes, length) ||
      length > bytes.size()) {
    return false;
  }
  std::string_view body = bytes.substr(0, length);
  if (crc32(body) != crc) {
    return false;
  }
  uint32_t meta_size = 0;
  if (!coding::get_fixed64_be(body, checkpoint.generation) ||
      !coding::get_fixed64_be(body, checkpoint.next_seq) ||
      !coding::get_fixed64_be(body, checkpoint.epoch) || !coding::get_fixed32_be(body, meta_size) ||
      meta_size != body.size()) {
    return false;
  }
  checkpoint.meta_pages.assign(body);
  return true;
}

std::string encode_record_header(uint32_t seed, uint64_t seq, std::string_view payload) {
  std::string length_and_seq;
  coding::put_fixed32_be(length_and_seq, static_cast<uint32_t>(payload.size()));
  coding::put_fixed64_be(length_and_seq, seq);
  std::string header;
  coding::put_fixed32_be(header, crc32(payload, crc32(length_and_seq, seed)));
  return header + length_and_seq;
}

Log::Log(const std::filesystem::path& dir) {
  for (int i = 0; i < 2; ++i) {
    std::string path = (dir / ("wal-" + std::to_string(i))).string();
    fds_[i] = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fds_[i] < 0) {
      throw StorageError("write-ahead log: open " + path + ": " + std::strerror(errno));
    }
  }
  if (flock(fds_[0], LOCK_EX | LOCK_NB) != 0) {
    for (int fd : fds_) {
      ::close(fd);
    }
    throw StorageError("the data directory " + dir.string() + " is in use by another ddbd");
  }
  file_io::sync_directory(dir);  // new files must survive a crash too
  std::random_device random;
  epoch_ = (uint64_t{random()} << 32) | random();
  epoch_seed_ = epoch_seed(epoch_);
}

Log::~Log() {
  for (int fd : fds_) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

std::optional<Checkpoint> Log::newest_checkpoint() const {
  std::optional<Checkpoint> newest;
  for (int fd : fds_) {
    std::string bytes;
    Checkpoint checkpoint;
    uint64_t size = file_io::size_of(fd);
    if (file_io::read_exact(fd, bytes, std::min<uint64_t>(size, kRecordsStart), 0) &&
        decode_checkpoint(bytes, checkpoint) &&
        (!newest || checkpoint.generation > newest->generation)) {
      newest = std::move(checkpoint);
    }
  }
  return newest;
}

uint64_t Log::read_records(const Checkpoint& checkpoint, const RecordVisitor& visit) const {
  uint64_t seq = checkpoint.next_seq;
  uint32_t seed = epoch_seed(checkpoint.epoch);
  std::string payload;
  // The records of the checkpoint's generation, then those of the next one: written before that
  // checkpoint reached the disk, they are in the other file.
  for (uint64_t generation : {checkpoint.generation, checkpoint.generation + 1}) {
    int fd = fds_[generation % 2];
    uint64_t size = file_io::size_of(fd);
    uint64_t offset = kRecordsStart;
    while (read_record(fd, size, offset, seed, seq, payload, offset)) {
      visit(seq, payload);
      ++seq;
    }
  }
  return seq;
}

void Log::begin_generation(uint64_t generation, uint64_t next_seq) {
  file_ = static_cast<int>(generation % 2);
  position_ = kRecordsStart;
  last_record_ = kRecordsStart;
  next_seq_ = next_seq;
}

void Log::append(std::string_view payload) {
  std::string header = encode_record_header(epoch_seed_, next_seq_, payload);
  file_io::write_all(fds_[file_], header, payload, position_, "write-ahead log: write");
  last_record_ = position_;
  position_ += header.size() + payload.size();
  ++next_seq_;
  unsynced_ |= 1u << file_;
}

void Log::rewind() {
  position_ = last_record_;
  --next_seq_;
  file_io::write_all(fds_[file_], std::string(kRecordHeaderBytes, '\0'), {}, position_,
                     "write-ahead log: write");
  unsynced_ |= 1u << file_;
}

void Log::sync() {
  if (failure_) {
    std::rethrow_exception(failure_);
  }
  try {
    for (int i = 0; i < 2; ++i) {
      if ((unsynced_ & (1u << i)) != 0) {
        file_io::sync_data(fds_[i], "write-ahead log: fdatasync");
      }
    }
    unsynced_ = 0;
  } catch (const StorageError&) {
    failure_ = std::current_exception();
    throw;
  }
}

void Log::write_checkpoint(const Checkpoint& checkpoint) const {
  std::string bytes = encode_checkpoint(checkpoint);
  if (bytes.size() > kRecordsStart) {
    throw StorageError("write-ahead log: the LMDB meta pages do not fit a checkpoint");
  }
  int fd = fds_[checkpoint.generation % 2];
  file_io::write_all(fd, bytes, {}, 0, "write-ahead log: write");
  file_io::sync_data(fd, "write-ahead log: fdatasync");
}

}  // namespace storage::wal
