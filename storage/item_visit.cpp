#include "storage/item_visit.h"

#include "storage/coding.h"
#include "storage/item_codec.h"

namespace storage {
namespace {

// The grammar is item_codec's (item_codec.cpp, FORMAT.md "Item value encoding"); this walker
// must accept exactly what decode accepts.
class Walker {
 public:
  explicit Walker(ItemSink& sink) : sink_(sink) {}

  bool members(std::string_view& in, int depth) {
    uint64_t count = 0;
    if (depth > item_codec::kMaxNestingDepth || !get_count(in, count)) {
      return false;
    }
    sink_.begin_map();
    std::string_view previous;
    for (uint64_t i = 0; i < count; ++i) {
      std::string_view name;
      if (!coding::get_bytes(in, name)) {
        return false;
      }
      // Names are stored in strictly ascending order; anything else is corruption.
      if (i > 0 && !(previous < name)) {
        return false;
      }
      previous = name;
      sink_.member(name);
      if (!value(in, depth)) {
        return false;
      }
    }
    sink_.end_map();
    return true;
  }

 private:
  // A count is believable only if every element could still take at least one byte.
  static bool get_count(std::string_view& in, uint64_t& count) {
    return coding::get_varint(in, count) && count <= in.size();
  }

  bool value(std::string_view& in, int depth) {
    if (in.empty()) {
      return false;
    }
    const auto type = static_cast<ValueType>(in.front());
    in.remove_prefix(1);
    switch (type) {
      case ValueType::kString:
      case ValueType::kBinary:
        return scalar_bytes(in, type);
      case ValueType::kNumber:
        return scalar_number(in);
      case ValueType::kBool:
        if (in.empty() || static_cast<uint8_t>(in.front()) > 1) {
          return false;
        }
        sink_.boolean(in.front() == '\x01');
        in.remove_prefix(1);
        return true;
      case ValueType::kNull:
        sink_.null();
        return true;
      case ValueType::kMap:
        return members(in, depth + 1);
      case ValueType::kList:
        return list(in, depth + 1);
      case ValueType::kStringSet:
      case ValueType::kBinarySet:
      case ValueType::kNumberSet:
        return set(in, type);
    }
    return false;  // unknown tag
  }

  bool scalar_bytes(std::string_view& in, ValueType type) {
    std::string_view bytes;
    if (!coding::get_bytes(in, bytes)) {
      return false;
    }
    sink_.bytes(type, bytes);
    return true;
  }

  bool scalar_number(std::string_view& in) {
    if (!Number::read_key_bytes(in, number_)) {
      return false;
    }
    sink_.number(number_);
    return true;
  }

  bool list(std::string_view& in, int depth) {
    uint64_t count = 0;
    if (depth > item_codec::kMaxNestingDepth || !get_count(in, count)) {
      return false;
    }
    sink_.begin_list();
    for (uint64_t i = 0; i < count; ++i) {
      if (!value(in, depth)) {
        return false;
      }
    }
    sink_.end_list();
    return true;
  }

  bool set(std::string_view& in, ValueType set_type) {
    uint64_t count = 0;
    if (!get_count(in, count)) {
      return false;
    }
    sink_.begin_set(set_type);
    const ValueType element = set_type == ValueType::kStringSet ? ValueType::kString
                                                                : ValueType::kBinary;
    for (uint64_t i = 0; i < count; ++i) {
      const bool ok = set_type == ValueType::kNumberSet ? scalar_number(in)
                                                        : scalar_bytes(in, element);
      if (!ok) {
        return false;
      }
    }
    sink_.end_set();
    return true;
  }

  ItemSink& sink_;
  Number number_;  // reused: read_key_bytes overwrites it
};

// item_size()'s rules (item_size.cpp has them with their sources), counted from the events.
class SizeSink final : public ItemSink {
 public:
  size_t size = 0;

  void bytes(ValueType, std::string_view bytes) override { add_value(bytes.size()); }
  void number(const Number& number) override { add_value(number.size_bytes()); }
  void boolean(bool) override { add_value(1); }
  void null() override { add_value(1); }
  void begin_map() override { begin_container(); }
  void member(std::string_view name) override {
    // A top-level name counts its bytes; a nested member also its 1-byte element overhead.
    size += name.size() + (depth_ > 1 ? 1 : 0);
    member_pending_ = true;
  }
  void end_map() override { --depth_; }
  void begin_list() override { begin_container(); }
  void end_list() override { --depth_; }
  void begin_set(ValueType) override {
    count_element();
    in_set_ = true;
  }
  void end_set() override { in_set_ = false; }

 private:
  // Every list element costs 1 byte besides its value; map members paid theirs with the name.
  void count_element() {
    if (member_pending_) {
      member_pending_ = false;
    } else if (depth_ > 0 && !in_set_) {
      size += 1;
    }
  }
  void add_value(size_t bytes) {
    count_element();
    size += bytes;
  }
  void begin_container() {
    if (depth_ > 0) {
      count_element();
      size += 3;  // a nested M or L: 3 bytes of overhead
    }
    ++depth_;
  }

  int depth_ = 0;  // 1 inside the item itself
  bool member_pending_ = false;
  bool in_set_ = false;
};

}  // namespace

bool visit_encoded_item(std::string_view bytes, ItemSink& sink) {
  Walker walker(sink);
  return walker.members(bytes, 0) && bytes.empty();
}

bool encoded_item_size(std::string_view bytes, size_t& size) {
  SizeSink sink;
  if (!visit_encoded_item(bytes, sink)) {
    return false;
  }
  size = sink.size;
  return true;
}

}  // namespace storage
