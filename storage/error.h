#pragma once

#include <stdexcept>
#include <string>

namespace storage {

// Failures of the storage layer itself (I/O, corruption, LMDB errors). Never shown to a client as
// is: the protocol layer turns it into a 500 InternalServerError and logs it. Its own header, so
// that everything in storage can throw it without depending on the LMDB wrapper.
class StorageError : public std::runtime_error {
 public:
  StorageError(std::string message, int lmdb_code = 0)
      : std::runtime_error(std::move(message)), lmdb_code_(lmdb_code) {}
  // The LMDB return code behind the failure (0: none); the writer grows the map on MDB_MAP_FULL.
  int lmdb_code() const { return lmdb_code_; }

 private:
  int lmdb_code_;
};

}  // namespace storage
