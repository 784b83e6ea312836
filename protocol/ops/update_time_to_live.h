#pragma once

#include <string>

#include "protocol/context.h"

// UpdateTimeToLive: names the attribute whose Number (epoch seconds) expires a table's items, or
// stops expiring them; ENABLING and DISABLING last the configured status delay.
namespace protocol::ops {

struct UpdateTimeToLiveRequest {
  std::string table_name;
  bool enabled = false;
  std::string attribute_name;
};
struct UpdateTimeToLiveResult {
  bool enabled = false;
  std::string attribute_name;
};

UpdateTimeToLiveRequest parse_update_time_to_live(const JsonValue& json);
void update_time_to_live(OpContext& ctx, UpdateTimeToLiveRequest request,
                         Then<UpdateTimeToLiveResult> then);
void write_update_time_to_live(JsonWriter& w, const UpdateTimeToLiveResult& result);

}  // namespace protocol::ops
