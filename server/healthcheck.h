#pragma once

#include <string>
#include <vector>

namespace server {

// `ddbd healthcheck [--host HOST] [--port PORT]`: asks a running ddbd for its health (GET /, as
// DynamoDB's health check) and returns the process exit status: 0 for a 200 within 3 seconds, 1
// otherwise, 2 for bad arguments. The container's HEALTHCHECK runs it, so no other tool is needed.
int run_healthcheck(const std::vector<std::string>& args);

}  // namespace server
