#pragma once

#include "protocol/context.h"

// Query and Scan, not yet split into their three parts: JSON in, reply out.
namespace protocol::ops {

void query(OpContext& ctx, const JsonValue& request, Completion done);
void scan(OpContext& ctx, const JsonValue& request, Completion done);

}  // namespace protocol::ops
