#include "protocol/wire/error_body.h"

#include "protocol/wire/json.h"

namespace protocol {

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
  w.EndObject();
  std::string body(buffer.GetString(), buffer.GetSize());
  if (!error.extra_json_members().empty()) {
    body.pop_back();
    body += ",";
    body += error.extra_json_members();
    body += "}";
  }
  return body;
}

}  // namespace protocol
