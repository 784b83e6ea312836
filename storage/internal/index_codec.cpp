#include "storage/internal/index_codec.h"

#include "storage/internal/key_codec.h"

namespace storage::index_codec {

std::string partition_prefix(uint32_t index_id, const std::vector<const AttributeValue*>& values) {
  std::string input;
  for (const AttributeValue* value : values) {
    input.push_back(static_cast<char>(value->type));
    key_codec::append_ordered(input, *value, /*last=*/false);
  }
  std::string prefix;
  prefix.reserve(kPartitionPrefixBytes);
  key_codec::append_id(prefix, index_id);
  key_codec::append_hash(prefix, key_codec::hash16(input));
  return prefix;
}

std::string sort_bytes(const std::vector<const AttributeValue*>& values) {
  std::string bytes;
  for (const AttributeValue* value : values) {
    key_codec::append_ordered(bytes, *value, /*last=*/false);
  }
  return bytes;
}

std::string stored_sort(std::string_view sort) {
  if (sort.size() <= kSortPrefixBytes) {
    return std::string(sort);
  }
  // A self-delimiting encoding of at most kSortPrefixBytes is never a prefix of a longer one, so
  // short and truncated forms cannot collide; truncated ones sharing a prefix sort by hash.
  std::string stored(sort.substr(0, kSortPrefixBytes));
  key_codec::append_hash(stored, key_codec::hash16(sort));
  return stored;
}

std::string entry_key(std::string_view partition_prefix, std::string_view sort,
                      std::string_view item_key) {
  std::string key(partition_prefix);
  key += stored_sort(sort);
  key_codec::append_hash(key, key_codec::hash16(item_key));
  return key;
}

static_assert(kMaxEntryKeyBytes <= 511, "index entry keys must fit LMDB's 511-byte key limit");

}  // namespace storage::index_codec
