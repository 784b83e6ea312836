#pragma once

#include <optional>

#include "protocol/items/capacity.h"
#include "protocol/items/item_request.h"
#include "protocol/wire/json.h"
#include "storage/store.h"
#include "storage/value.h"

namespace protocol {

// What PutItem, DeleteItem and UpdateItem answer: the attributes ReturnValues asked for, and the
// capacity consumed.
struct ItemWriteResult {
  std::optional<storage::Item> attributes;  // absent or empty: no Attributes member
  ConsumedCapacity capacity;
};

// The capacity of one item write: the larger of the item before and after it (null: none), in
// 1 KB units, plus one write per index entry put or removed.
ConsumedCapacity item_write_capacity(const ItemRequestCommon& common, const storage::Item* before,
                                     const storage::Item* after,
                                     const storage::IndexWrites& index_writes);

void write_item_write_result(JsonWriter& w, const ItemWriteResult& result);

}  // namespace protocol
