#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs every test: the Catch2 unit tests,
# the pytest + boto3 integration tests against the built binary, the AWS CLI / boto3 / JS SDK
# client smoke, then the Debian package (docker/test-deb.sh) and the container image
# (docker/test-image.sh), which need root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/docker/install-deps.sh" --test
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DDDBD_BUILD_TESTS=ON >/dev/null
cmake --build "$root/build" -j"$(nproc)"
cd "$root/build"
# -V shows both suites' own summaries (Catch2 and pytest); ctest's line closes the run.
ctest --output-on-failure -V
cd "$root"
sudo=""  # as docker/install-deps.sh: root, or a user with sudo
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo docker/test-deb.sh "$root/build"
$sudo docker/test-image.sh
