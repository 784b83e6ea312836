#include "storage/internal/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "storage/error.h"

namespace storage::file_io {

namespace {

[[noreturn]] void raise_errno(const std::string& what) {
  throw StorageError(what + ": " + std::strerror(errno));
}

}  // namespace

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

void write_all(int fd, std::string_view first, std::string_view second, uint64_t offset,
               const char* what) {
  struct iovec parts[2] = {{const_cast<char*>(first.data()), first.size()},
                           {const_cast<char*>(second.data()), second.size()}};
  int next = 0;
  while (next < 2) {
    ssize_t n = pwritev(fd, &parts[next], 2 - next, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      raise_errno(what);
    }
    offset += static_cast<uint64_t>(n);
    auto left = static_cast<size_t>(n);
    while (next < 2 && left >= parts[next].iov_len) {
      left -= parts[next].iov_len;
      ++next;
    }
    if (next < 2) {
      parts[next].iov_base = static_cast<char*>(parts[next].iov_base) + left;
      parts[next].iov_len -= left;
    }
  }
}

void sync_data(int fd, const char* what) {
  if (fdatasync(fd) != 0) {
    raise_errno(what);
  }
}

uint64_t size_of(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    raise_errno("fstat");
  }
  return static_cast<uint64_t>(st.st_size);
}

void sync_directory(const std::filesystem::path& dir) {
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0 || fsync(dir_fd) != 0) {
    int error = errno;
    if (dir_fd >= 0) {
      ::close(dir_fd);
    }
    errno = error;
    raise_errno("sync " + dir.string());
  }
  ::close(dir_fd);
}

std::filesystem::path make_unique_directory(const std::filesystem::path& parent,
                                            const std::string& prefix) {
  std::string pattern = (parent / (prefix + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    raise_errno("cannot create " + pattern);
  }
  return pattern;
}

}  // namespace storage::file_io
