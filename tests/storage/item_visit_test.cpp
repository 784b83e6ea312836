#include "storage/item_visit.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "storage/item_codec.h"
#include "storage/item_size.h"
#include "tests/storage/random_items.h"

namespace storage {
namespace {

using V = AttributeValue;
using namespace storage::testing;

// Records the events as text, to check their order and nesting.
class TraceSink final : public ItemSink {
 public:
  std::string trace;
  void bytes(ValueType type, std::string_view bytes) override {
    trace += std::string(type_name(type)) + ":" + std::string(bytes) + " ";
  }
  void number(const Number& number) override { trace += "N:" + number.to_string() + " "; }
  void boolean(bool value) override { trace += value ? "true " : "false "; }
  void null() override { trace += "null "; }
  void begin_map() override { trace += "{ "; }
  void member(std::string_view name) override { trace += std::string(name) + "= "; }
  void end_map() override { trace += "} "; }
  void begin_list() override { trace += "[ "; }
  void end_list() override { trace += "] "; }
  void begin_set(ValueType type) override { trace += std::string(type_name(type)) + "( "; }
  void end_set() override { trace += ") "; }
};

TEST_CASE("visiting an encoded item reports its values in order", "[item_visit]") {
  const Item item{
      {"a", V::string("x")},
      {"b", V::map_of({{"c", V::list_of({V::num(Number::parse("1.50")), V::null()})}})},
      {"d", V::string_set({"p", "q"})},
      {"e", V::boolean_value(false)},
  };
  TraceSink sink;
  REQUIRE(visit_encoded_item(item_codec::encode(item), sink));
  CHECK(sink.trace == "{ a= S:x b= { c= [ N:1.5 null ] } d= SS( S:p S:q ) e= false } ");
}

TEST_CASE("the size of an encoded item is item_size of the decoded one", "[item_visit]") {
  std::mt19937 rng(4242);
  for (int i = 0; i < 500; ++i) {
    const Item item = random_members(rng, 0, 12);
    size_t size = 0;
    REQUIRE(encoded_item_size(item_codec::encode(item), size));
    REQUIRE(size == item_size(item));
  }
}

TEST_CASE("visiting rejects what decoding rejects", "[item_visit]") {
  std::mt19937 rng(99);
  for (int i = 0; i < 30; ++i) {
    const std::string encoded = item_codec::encode(random_members(rng, 0, 8));
    TraceSink sink;
    for (size_t len = 0; len < encoded.size(); ++len) {
      REQUIRE_FALSE(visit_encoded_item(std::string_view(encoded).substr(0, len), sink));
    }
    REQUIRE_FALSE(visit_encoded_item(encoded + '\0', sink));
  }
  for (int i = 0; i < 2000; ++i) {
    const std::string garbage = random_string(rng, 64);
    Item decoded;
    size_t size = 0;
    REQUIRE(encoded_item_size(garbage, size) == item_codec::decode(garbage, decoded));
  }
}

}  // namespace
}  // namespace storage
