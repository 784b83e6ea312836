#include "auth/signing_key_cache.h"

namespace auth {

Digest SigningKeyCache::get(std::string_view access_key_id, std::string_view secret,
                            std::string_view date, std::string_view region,
                            std::string_view service) {
  // The joined text names one scope: the verifier asks only after the region, service and date
  // matched its own (none holds '\n') and the access key was found in the credentials file
  // (whose ids, one per line, hold no '\n'). The same invariant bounds the entries to a few
  // dates per known key. A per-thread buffer keeps lookups free of allocation.
  thread_local std::string scope;
  scope.clear();
  scope.append(access_key_id).append("\n").append(date).append("\n").append(region);
  scope.append("\n").append(service);
  {
    std::lock_guard lock(mutex_);
    const auto found = keys_.find(scope);
    if (found != keys_.end()) {
      return found->second;
    }
  }
  const Digest key = signing_key(secret, date, region, service);  // outside the lock
  std::lock_guard lock(mutex_);
  if (keys_.size() >= capacity_) {
    keys_.clear();
  }
  keys_.emplace(scope, key);
  return key;
}

size_t SigningKeyCache::size() const {
  std::lock_guard lock(mutex_);
  return keys_.size();
}

}  // namespace auth
