#pragma once

#include <string_view>

#include "storage/number.h"
#include "storage/value.h"

namespace storage {

// Receives an encoded item's contents in order, without an Item being built: reading a stored
// item straight into a reply skips the map nodes and strings a decode allocates. The item itself
// arrives as the outermost begin_map/end_map.
class ItemSink {
 public:
  virtual ~ItemSink() = default;
  // S and B values, and the elements of SS and BS sets (then `type` is kString or kBinary).
  virtual void bytes(ValueType type, std::string_view bytes) = 0;
  // N values and NS elements. The reference is valid only during the call.
  virtual void number(const Number& number) = 0;
  virtual void boolean(bool value) = 0;
  virtual void null() = 0;
  virtual void begin_map() = 0;
  virtual void member(std::string_view name) = 0;  // before each member's value
  virtual void end_map() = 0;
  virtual void begin_list() = 0;
  virtual void end_list() = 0;
  virtual void begin_set(ValueType set_type) = 0;  // kStringSet, kNumberSet or kBinarySet
  virtual void end_set() = 0;
};

// Walks an item encoded by item_codec (storage/FORMAT.md) into `sink`. Returns false, possibly
// after some calls, if the bytes are not a valid encoding; checks what item_codec::decode checks.
bool visit_encoded_item(std::string_view bytes, ItemSink& sink);

// item_size() of an encoded item, without decoding it. Returns false on an invalid encoding.
bool encoded_item_size(std::string_view bytes, size_t& size);

}  // namespace storage
