#pragma once

#include <string>
#include <string_view>

#include "protocol/api.h"
#include "storage/clock.h"

// ddbd's own test controls, served under the reserved path /_ddbd/ on the API port (the HTTP layer
// routes there). JSON over HTTP; errors are {"__type": ..., "message": ...} like the API's.
//
//   GET  /_ddbd/clock   {"nowMs": N, "frozen": false, "offsetMs": N}
//   POST /_ddbd/clock   any of {"reset": true, "setMs": N, "advanceMs": N, "freeze": true|false},
//                       applied in that order, answering the new state
namespace protocol {

class AdminApi {
 public:
  explicit AdminApi(storage::AdjustableClock& clock) : clock_(clock) {}

  // `method` is the HTTP method ("GET", "POST"), `path` the request path without the query.
  Reply handle(std::string_view method, std::string_view path, const std::string& body) noexcept;

 private:
  Reply clock(std::string_view method, const std::string& body);

  storage::AdjustableClock& clock_;
};

}  // namespace protocol
