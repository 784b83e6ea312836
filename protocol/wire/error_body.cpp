#include "protocol/wire/error_body.h"

#include "protocol/wire/json.h"
#include "protocol/wire/value_json.h"

namespace protocol {

namespace {

void write_reason(JsonWriter& w, const CancellationReason& reason) {
  w.StartObject();
  if (reason.item) {
    write_key(w, "Item");
    write_attribute_map(w, *reason.item);
  }
  write_key(w, "Code");
  write_string(w, reason.code);
  if (!reason.message.empty()) {
    write_key(w, "Message");
    write_string(w, reason.message);
  }
  w.EndObject();
}

}  // namespace

std::string error_body(const ApiError& error) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_key(w, "__type");
  write_string(w, error.type_namespace() + "#" + error.type());
  // DynamoDB omits the message of bare protocol errors (e.g. SerializationException on bad JSON).
  if (!error.message().empty()) {
    write_key(w, error.capitalized_message() ? "Message" : "message");
    write_string(w, error.message());
  }
  if (error.item()) {
    write_key(w, "Item");
    write_attribute_map(w, *error.item());
  }
  if (!error.cancellation_reasons().empty()) {
    write_key(w, "CancellationReasons");
    w.StartArray();
    for (const auto& reason : error.cancellation_reasons()) {
      write_reason(w, reason);
    }
    w.EndArray();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace protocol
