#include "protocol/admin/admin_api.h"

#include "protocol/context.h"
#include "protocol/error.h"
#include "protocol/wire/fields.h"
#include "protocol/wire/json.h"

namespace protocol {

namespace {

Reply clock_state(const storage::AdjustableClock& clock) {
  return json_reply([&](JsonWriter& w) {
    write_key(w, "nowMs");
    w.Int64(clock.now_ms());
    write_key(w, "frozen");
    w.Bool(clock.frozen());
    write_key(w, "offsetMs");
    w.Int64(clock.offset_ms());
  });
}

}  // namespace

Reply AdminApi::handle(std::string_view method, std::string_view path,
                       const std::string& body) noexcept {
  try {
    if (path == "/_ddbd/clock") {
      return clock(method, body);
    }
    throw ApiError::resource_not_found("No such admin resource: " + std::string(path));
  } catch (...) {
    return error_reply(std::current_exception());
  }
}

Reply AdminApi::clock(std::string_view method, const std::string& body) {
  if (method == "GET") {
    return clock_state(clock_);
  }
  if (method != "POST") {
    throw ApiError::validation("The clock takes GET or POST");
  }
  JsonDocument doc;
  parse_request(body.empty() ? std::string("{}") : body, doc);
  Fields f(doc);
  if (auto reset = f.boolean("reset"); reset && *reset) {
    clock_.reset();
  }
  if (auto set = f.integer("setMs")) {
    clock_.set(*set);
  }
  if (auto advance = f.integer("advanceMs")) {
    clock_.advance(*advance);
  }
  if (auto freeze = f.boolean("freeze")) {
    clock_.freeze(*freeze);
  }
  return clock_state(clock_);
}

}  // namespace protocol
