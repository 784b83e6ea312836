#pragma once

#include <cstdint>
#include <optional>

#include "protocol/context.h"
#include "protocol/reads/read_paging.h"

// Scan: every item of a table or secondary index, or of one segment of a parallel scan, in key
// order, a page at a time.
namespace protocol::ops {

struct ScanRequest : ReadRequestBase {
  std::optional<int64_t> segment;
  std::optional<int64_t> total_segments;
};
using ScanResult = ReadPageResult;

ScanRequest parse_scan(const JsonValue& json);
// Items go to `sink` when given (ReadPageResult::items stays empty), else into the result.
ScanResult scan(OpContext& ctx, const ScanRequest& request, PageSink* sink = nullptr);

}  // namespace protocol::ops
