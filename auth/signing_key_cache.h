#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "auth/sigv4.h"

namespace auth {

// Derived SigV4 signing keys by (access key, date, region, service): the key changes once a day,
// and deriving it costs four HMACs per request. Bounded (when full it starts over: with a
// handful of keys and one or two dates in play it refills at once). Thread-safe: the server
// verifies on several I/O threads.
class SigningKeyCache {
 public:
  explicit SigningKeyCache(size_t capacity = 1024) : capacity_(capacity) {}

  // The key for this scope, derived from `secret` (and remembered) when not cached.
  Digest get(std::string_view access_key_id, std::string_view secret, std::string_view date,
             std::string_view region, std::string_view service);

  size_t size() const;

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, Digest, std::less<>> keys_;
};

}  // namespace auth
