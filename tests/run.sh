#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs every test: the Catch2 unit tests
# and the pytest + boto3 integration tests against the built binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/docker/install-deps.sh" --test
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DDDBD_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build" -j"$(nproc)"
cd "$root/build"
# -V shows both suites' own summaries (Catch2 and pytest); ctest's line closes the run.
ctest --output-on-failure -V
