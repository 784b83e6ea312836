#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/number.h"

namespace storage {

// Attribute types. The numeric values are written to disk by item_codec: never renumber.
enum class ValueType : uint8_t {
  kString = 1,      // S
  kNumber = 2,      // N
  kBinary = 3,      // B
  kBool = 4,        // BOOL
  kNull = 5,        // NULL
  kMap = 6,         // M
  kList = 7,        // L
  kStringSet = 8,   // SS
  kNumberSet = 9,   // NS
  kBinarySet = 10,  // BS
};

// DynamoDB's name of the type ("S", "N", ..., "BS").
std::string_view type_name(ValueType type);

struct AttributeValue;
// Attribute name -> value. Used for items, keys and M values. Ordered by name so that encoding is
// deterministic.
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using Item = AttributeMap;

// One typed DynamoDB value. Only the members belonging to `type` are meaningful.
struct AttributeValue {
  ValueType type = ValueType::kNull;
  bool boolean = false;               // BOOL (NULL is always true)
  std::string bytes;                  // S (UTF-8) and B (raw bytes)
  Number number;                      // N
  std::vector<std::string> byte_set;  // SS and BS elements, in the order given
  std::vector<Number> number_set;     // NS elements, in the order given
  std::vector<AttributeValue> list;   // L
  AttributeMap map;                   // M

  static AttributeValue string(std::string s);
  static AttributeValue binary(std::string b);
  static AttributeValue num(Number n);
  static AttributeValue boolean_value(bool b);
  static AttributeValue null();
  static AttributeValue list_of(std::vector<AttributeValue> elements);
  static AttributeValue map_of(AttributeMap members);
  static AttributeValue string_set(std::vector<std::string> elements);
  static AttributeValue binary_set(std::vector<std::string> elements);
  static AttributeValue number_set_of(std::vector<Number> elements);

  // Deep equality with set semantics (element order of SS/NS/BS does not matter).
  friend bool operator==(const AttributeValue& a, const AttributeValue& b);
};

}  // namespace storage
