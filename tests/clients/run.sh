#!/usr/bin/env bash
# ctest's clients_smoke: the shared three-client smoke (clients-smoke.sh: the AWS CLI, boto3 and
# the AWS SDK for JavaScript v3, 53 steps) against a fresh ddbd on a free port. The clients are
# Debian's: /usr/bin comes first on PATH so that `aws` is Debian's awscli v2 and `python3` has
# Debian's boto3, whatever else the machine has installed. The JS SDK is installed from npm into
# ~/.cache/ddbd-jsclient on first use.
# usage: run.sh DDBD
set -euo pipefail
ddbd="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d /tmp/ddbd-clients-XXXXXX)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$ddbd" --host 127.0.0.1 --port 0 --data-dir "$work/data" >"$work/ddbd.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's/.*listening on .*:\([0-9][0-9]*\)$/\1/p' "$work/ddbd.log" | head -n1)"
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "clients: ddbd did not start: $(cat "$work/ddbd.log")" >&2; exit 1; }

PATH="/usr/bin:/bin:$PATH" bash "$here/clients-smoke.sh" "http://127.0.0.1:$port"
