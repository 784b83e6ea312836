#pragma once

#include "bench_options.h"
#include "report.h"

namespace bench {

// Prepares the tables of every endpoint, runs each workload on each endpoint round by round
// (so slow drifts of a shared machine hit every endpoint alike), drops the tables, and returns
// the collected figures. Progress goes to stderr. Throws std::runtime_error on a setup failure.
Report run_bench(const BenchOptions& options);

}  // namespace bench
