#!/usr/bin/env bash
# Installs what is missing, builds ddbd (Release) and starts it on 127.0.0.1:8000 with its data in
# ./data (kept across runs). Extra arguments go to ddbd, e.g. `server/run.sh --port 8001`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/docker/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DDDBD_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build" --target ddbd -j"$(nproc)"
exec "$root/build/ddbd" --host 127.0.0.1 --port 8000 --data-dir "$root/data" "$@"
