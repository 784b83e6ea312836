#pragma once

// Random items for property tests of the item encoding and everything that reads it.

#include <random>
#include <string>
#include <vector>

#include "storage/value.h"

namespace storage::testing {

inline AttributeValue random_value(std::mt19937& rng, int depth);

inline std::string random_string(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string s(len(rng), '\0');
  for (char& c : s) {
    c = static_cast<char>(byte(rng));
  }
  return s;
}

inline Number random_number(std::mt19937& rng) {
  std::uniform_int_distribution<int64_t> mantissa(-999999999999, 999999999999);
  std::uniform_int_distribution<int> exponent(-100, 100);
  const int64_t m = mantissa(rng);  // separate statements: argument order is unspecified
  const int e = exponent(rng);
  return Number::parse(std::to_string(m) + "e" + std::to_string(e));
}

inline AttributeMap random_members(std::mt19937& rng, int depth, size_t max_count) {
  AttributeMap members;
  const size_t count = std::uniform_int_distribution<size_t>(0, max_count)(rng);
  for (size_t i = 0; i < count; ++i) {
    members[random_string(rng, 8)] = random_value(rng, depth + 1);
  }
  return members;
}

inline AttributeValue random_value(std::mt19937& rng, int depth) {
  const int max_type = depth >= 4 ? 5 : 10;  // no containers below depth 4
  const auto type = static_cast<ValueType>(std::uniform_int_distribution<int>(1, max_type)(rng));
  std::uniform_int_distribution<size_t> count(0, 4);
  switch (type) {
    case ValueType::kString:
      return AttributeValue::string(random_string(rng, 20));
    case ValueType::kNumber:
      return AttributeValue::num(random_number(rng));
    case ValueType::kBinary:
      return AttributeValue::binary(random_string(rng, 20));
    case ValueType::kBool:
      return AttributeValue::boolean_value(rng() % 2 == 0);
    case ValueType::kNull:
      return AttributeValue::null();
    case ValueType::kMap:
      return AttributeValue::map_of(random_members(rng, depth, 4));
    case ValueType::kList: {
      std::vector<AttributeValue> list(count(rng));
      for (AttributeValue& element : list) {
        element = random_value(rng, depth + 1);
      }
      return AttributeValue::list_of(std::move(list));
    }
    case ValueType::kStringSet:
    case ValueType::kBinarySet: {
      std::vector<std::string> set(count(rng));
      for (std::string& element : set) {
        element = random_string(rng, 10);
      }
      return type == ValueType::kStringSet ? AttributeValue::string_set(set)
                                           : AttributeValue::binary_set(set);
    }
    case ValueType::kNumberSet: {
      std::vector<Number> set(count(rng));
      for (Number& element : set) {
        element = random_number(rng);
      }
      return AttributeValue::number_set_of(std::move(set));
    }
  }
  return AttributeValue::null();
}

}  // namespace storage::testing
