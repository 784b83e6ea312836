#include "protocol/wire/json.h"

#include <array>
#include <cstring>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "protocol/error.h"

namespace protocol {

namespace {

// Builds the DOM in one pass while bounding nesting: the DOM parser itself is iterative, but
// every later walk over the tree recurses, so a document deeper than kMaxJsonDepth is refused
// while it is read. Each event goes on to the document's own handler.
class DepthLimitedBuilder {
 public:
  explicit DepthLimitedBuilder(JsonDocument& doc) : doc_(doc) {}

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned i) { return doc_.Uint(i); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t i) { return doc_.Uint64(i); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.RawNumber(str, length, copy);
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.String(str, length, copy);
  }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    return doc_.Key(str, length, copy);
  }
  bool StartObject() { return enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return doc_.EndObject(members);
  }
  bool StartArray() { return enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return doc_.EndArray(elements);
  }

 private:
  bool enter() { return ++depth_ <= kMaxJsonDepth; }

  JsonDocument& doc_;
  int depth_ = 0;
};

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

}  // namespace

void parse_request(const std::string& body, JsonDocument& doc) {
  bool parsed = false;
  // Populate hands the generator the document as handler and takes the root it built.
  auto generate = [&](JsonDocument& handler) {
    DepthLimitedBuilder builder(handler);
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(body.data(), body.size());
    parsed = !reader.Parse<kParseFlags>(stream, builder).IsError();
    return parsed;
  };
  doc.Populate(generate);
  // Syntax errors, bad UTF-8 and excessive depth all answer the same.
  if (!parsed || !doc.IsObject()) {
    throw ApiError::serialization("");
  }
}

namespace {

// What RapidJSON's Writer writes for each byte: 0 (itself), or the letter after the backslash,
// 'u' meaning \u00XX. The same table as rapidjson/writer.h.
constexpr std::array<char, 256> make_escapes() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) {
    table[c] = 'u';
  }
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}

constexpr std::array<char, 256> kEscapes = make_escapes();

}  // namespace

void JsonWriter::write_escaped(const char* str, size_t length) {
  constexpr char kHex[] = "0123456789ABCDEF";
  os_->Reserve(2 + length * 6);  // every byte escaped as \u00XX at worst
  os_->PutUnsafe('"');
  const auto* bytes = reinterpret_cast<const unsigned char*>(str);
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < length; ++i) {
    const char escape = kEscapes[bytes[i]];
    if (escape == 0) {
      continue;
    }
    std::memcpy(os_->PushUnsafe(i - run), str + run, i - run);
    run = i + 1;
    os_->PutUnsafe('\\');
    os_->PutUnsafe(escape);
    if (escape == 'u') {
      os_->PutUnsafe('0');
      os_->PutUnsafe('0');
      os_->PutUnsafe(kHex[bytes[i] >> 4]);
      os_->PutUnsafe(kHex[bytes[i] & 0xF]);
    }
  }
  std::memcpy(os_->PushUnsafe(length - run), str + run, length - run);
  os_->PutUnsafe('"');
}

}  // namespace protocol
