#!/usr/bin/env bash
# ctest's bench_smoke (a few seconds): ddbd_bench runs every workload briefly against a fresh
# in-memory ddbd and bench_ceiling and must finish without a single failed request. It keeps the
# tool working as ddbd changes; it measures nothing.
# usage: smoke.sh DDBD DDBD_BENCH BENCH_CEILING
set -euo pipefail
ddbd="$1" bench="$2" ceiling="$3"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_scratch ddbd-bench-smoke

# The port from a server's "... listening on HOST:PORT" line (both are started with --port 0).
port_of() {
  local log="$1"
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$log"; then
      sed -n 's/.*listening on .*:\([0-9][0-9]*\)$/\1/p' "$log" | head -n1
      return 0
    fi
    sleep 0.05
  done
  echo "smoke: no server started: $(cat "$log")" >&2
  return 1
}

"$ddbd" --host 127.0.0.1 --port 0 --in-memory >"$work/ddbd.log" 2>&1 &
ddbd_pid=$!; pids+=("$ddbd_pid")
# The same with auth verify: the bench signs with AKIDDDBDBENCH (request_builder.cpp).
printf '[AKIDDDBDBENCH]\nsecret = ddbd-bench-secret-access-key\n' >"$work/credentials"
"$ddbd" --host 127.0.0.1 --port 0 --in-memory --credentials-file "$work/credentials" \
  >"$work/ddbd-verify.log" 2>&1 &
verify_pid=$!; pids+=("$verify_pid")
"$ceiling" --host 127.0.0.1 --port 0 >"$work/ceiling.log" 2>&1 &
pids+=($!)
ddbd_port="$(port_of "$work/ddbd.log")"
verify_port="$(port_of "$work/ddbd-verify.log")"
ceiling_port="$(port_of "$work/ceiling.log")"

"$bench" --endpoint "ddbd=http://127.0.0.1:$ddbd_port,pid=$ddbd_pid" \
  --endpoint "ddbd-verify=http://127.0.0.1:$verify_port,pid=$verify_pid" \
  --endpoint "ceiling=http://127.0.0.1:$ceiling_port,fixed" \
  --rounds 1 --duration 0.3 --warmup 0.1 --connections 4 --keys 500 --partitions 50 \
  --bulk-sizes 1k,2k | tee "$work/report.md"
grep -q "^errors: none" "$work/report.md"
