#include "storage/wal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>

#include "storage/coding.h"
#include "storage/crc32.h"
#include "storage/lmdb.h"

namespace storage::wal {

namespace {

constexpr std::string_view kMagic = "ddbdwal1";
[[noreturn]] void raise_errno(const std::string& what) {
  throw StorageError("write-ahead log: " + what + ": " + std::strerror(errno));
}

void write_all(int fd, const struct iovec* parts, int count, uint64_t offset) {
  std::vector<struct iovec> rest(parts, parts + count);
  size_t first = 0;
  while (first < rest.size()) {
    ssize_t n = pwritev(fd, &rest[first], static_cast<int>(rest.size() - first),
                        static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      raise_errno("write");
    }
    offset += static_cast<uint64_t>(n);
    auto left = static_cast<size_t>(n);
    while (first < rest.size() && left >= rest[first].iov_len) {
      left -= rest[first].iov_len;
      ++first;
    }
    if (first < rest.size()) {
      rest[first].iov_base = static_cast<char*>(rest[first].iov_base) + left;
      rest[first].iov_len -= left;
    }
  }
}

bool read_exact(int fd, std::string& out, size_t size, uint64_t offset) {
  out.resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = pread(fd, out.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

void sync_file(int fd) {
  if (fdatasync(fd) != 0) {
    raise_errno("fdatasync");
  }
}

uint64_t file_size(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    raise_errno("fstat");
  }
  return static_cast<uint64_t>(st.st_size);
}

// The record at `offset` of `fd` if it is intact and numbered `seq`.
uint32_t record_crc(uint64_t epoch, std::string_view length_and_seq, std::string_view payload) {
  std::string epoch_bytes;
  coding::put_fixed64_be(epoch_bytes, epoch);
  return crc32(payload, crc32(length_and_seq, crc32(epoch_bytes)));
}

bool read_record(int fd, uint64_t size, uint64_t offset, uint64_t epoch, uint64_t seq,
                 std::string& payload, uint64_t& next_offset) {
  std::string header;
  if (offset + kRecordHeaderBytes > size || !read_exact(fd, header, kRecordHeaderBytes, offset)) {
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
      !read_exact(fd, payload, length, offset + kRecordHeaderBytes)) {
    return false;
  }
  if (record_crc(epoch, std::string_view(header).substr(4), payload) != crc) {
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
      !coding::get_fixed64_be(body, checkpoint.epoch) ||
      !coding::get_fixed32_be(body, meta_size) || meta_size != body.size()) {
    return false;
  }
  checkpoint.meta_pages.assign(body);
  return true;
}

std::string encode_record_header(uint64_t epoch, uint64_t seq, std::string_view payload) {
  std::string header;
  coding::put_fixed32_be(header, 0);
  coding::put_fixed32_be(header, static_cast<uint32_t>(payload.size()));
  coding::put_fixed64_be(header, seq);
  uint32_t crc = record_crc(epoch, std::string_view(header).substr(4), payload);
  std::string crc_bytes;
  coding::put_fixed32_be(crc_bytes, crc);
  header.replace(0, 4, crc_bytes);
  return header;
}

void sync_directory(const std::filesystem::path& dir) {
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0 || fsync(dir_fd) != 0) {
    if (dir_fd >= 0) {
      ::close(dir_fd);
    }
    raise_errno("sync " + dir.string());
  }
  ::close(dir_fd);
}

Log::Log(const std::filesystem::path& dir) {
  for (int i = 0; i < 2; ++i) {
    std::string path = (dir / ("wal-" + std::to_string(i))).string();
    fds_[i] = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fds_[i] < 0) {
      raise_errno("open " + path);
    }
  }
  if (flock(fds_[0], LOCK_EX | LOCK_NB) != 0) {
    for (int fd : fds_) {
      ::close(fd);
    }
    throw StorageError("the data directory " + dir.string() + " is in use by another ddbd");
  }
  sync_directory(dir);  // new files must survive a crash too
  std::random_device random;
  epoch_ = (uint64_t{random()} << 32) | random();
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
    uint64_t size = file_size(fd);
    if (read_exact(fd, bytes, std::min<uint64_t>(size, kRecordsStart), 0) &&
        decode_checkpoint(bytes, checkpoint) &&
        (!newest || checkpoint.generation > newest->generation)) {
      newest = std::move(checkpoint);
    }
  }
  return newest;
}

uint64_t Log::read_records(const Checkpoint& checkpoint, const RecordVisitor& visit) const {
  uint64_t seq = checkpoint.next_seq;
  std::string payload;
  // The records of the checkpoint's generation, then those of the next one: written before that
  // checkpoint reached the disk, they are in the other file.
  for (uint64_t generation : {checkpoint.generation, checkpoint.generation + 1}) {
    int fd = fds_[generation % 2];
    uint64_t size = file_size(fd);
    uint64_t offset = kRecordsStart;
    while (read_record(fd, size, offset, checkpoint.epoch, seq, payload, offset)) {
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
  header_ = encode_record_header(epoch_, next_seq_, payload);
  struct iovec parts[2] = {{header_.data(), header_.size()},
                           {const_cast<char*>(payload.data()), payload.size()}};
  write_all(fds_[file_], parts, 2, position_);
  last_record_ = position_;
  position_ += header_.size() + payload.size();
  ++next_seq_;
  unsynced_ |= 1u << file_;
}

void Log::rewind() {
  position_ = last_record_;
  --next_seq_;
  std::string zeros(kRecordHeaderBytes, '\0');
  struct iovec part = {zeros.data(), zeros.size()};
  write_all(fds_[file_], &part, 1, position_);
  unsynced_ |= 1u << file_;
}

void Log::sync() {
  if (failure_) {
    std::rethrow_exception(failure_);
  }
  try {
    for (int i = 0; i < 2; ++i) {
      if ((unsynced_ & (1u << i)) != 0) {
        sync_file(fds_[i]);
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
  struct iovec part = {bytes.data(), bytes.size()};
  write_all(fd, &part, 1, 0);
  sync_file(fd);
}

}  // namespace storage::wal
