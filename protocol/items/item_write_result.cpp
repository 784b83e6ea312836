#include "protocol/items/item_write_result.h"

#include <algorithm>

#include "protocol/wire/value_json.h"
#include "storage/item_size.h"

namespace protocol {

ConsumedCapacity item_write_capacity(const ItemRequestCommon& common, const storage::Item* before,
                                     const storage::Item* after,
                                     const storage::IndexWrites& index_writes) {
  size_t before_bytes = before != nullptr ? storage::item_size(*before) : 0;
  size_t after_bytes = after != nullptr ? storage::item_size(*after) : 0;
  ConsumedCapacity capacity{common.capacity, common.table_name, {}};
  capacity.consumed.table = write_units(std::max(before_bytes, after_bytes));
  capacity.consumed.add_index_writes(index_writes);
  return capacity;
}

void write_item_write_result(JsonWriter& w, const ItemWriteResult& result) {
  if (result.attributes && !result.attributes->empty()) {
    write_key(w, "Attributes");
    write_attribute_map(w, *result.attributes);
  }
  write_consumed_capacity(w, result.capacity);
}

}  // namespace protocol
