#include "protocol/json.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "protocol/error.h"

namespace protocol {

namespace {

// A SAX pass that only measures nesting, run before the DOM parse: the DOM parser itself is
// iterative, but every later walk over the tree recurses, so depth is bounded up front.
struct DepthCheck : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, DepthCheck> {
  int depth = 0;
  bool too_deep = false;
  bool Default() { return true; }
  bool StartObject() { return enter(); }
  bool EndObject(rapidjson::SizeType) { return leave(); }
  bool StartArray() { return enter(); }
  bool EndArray(rapidjson::SizeType) { return leave(); }
  bool enter() {
    if (++depth > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  }
  bool leave() {
    --depth;
    return true;
  }
};

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseValidateEncodingFlag;

}  // namespace

void parse_request(const std::string& body, JsonDocument& doc) {
  {
    DepthCheck depth;
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(body.data(), body.size());
    reader.Parse<kParseFlags>(stream, depth);
    if (depth.too_deep) {
      throw ApiError::serialization("");
    }
  }
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError()) {
    throw ApiError::serialization("");
  }
  if (!doc.IsObject()) {
    throw ApiError::serialization("");
  }
}

}  // namespace protocol
