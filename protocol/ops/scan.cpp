#include "protocol/error.h"
#include "protocol/ops/ops.h"

namespace protocol::ops {

// Not built yet: answered exactly as an unknown operation, as before.
void scan(OpContext& ctx, const JsonValue& request, Completion done) {
  throw ApiError::unknown_operation();
}

}  // namespace protocol::ops
