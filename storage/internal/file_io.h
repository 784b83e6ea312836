#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

// The raw file operations the write-ahead log and LMDB's meta-page copies need: whole reads and
// writes at an offset (retrying short transfers and EINTR), flushes, sizes; and the directory a
// store in memory opens its files in.
namespace storage::file_io {

// False when the file ends (or a read fails) before `size` bytes.
bool read_exact(int fd, std::string& out, size_t size, uint64_t offset);
// Throws StorageError naming `what`.
void write_all(int fd, std::string_view first, std::string_view second, uint64_t offset,
               const char* what);
void sync_data(int fd, const char* what);
uint64_t size_of(int fd);
// Flushes a directory's entries (new files in it survive a crash).
void sync_directory(const std::filesystem::path& dir);
// Makes a new directory `parent`/`prefix`XXXXXX (mkdtemp) and returns its path.
std::filesystem::path make_unique_directory(const std::filesystem::path& parent,
                                            const std::string& prefix);

}  // namespace storage::file_io
