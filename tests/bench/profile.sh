#!/usr/bin/env bash
# Profiles ddbd under one ddbd_bench workload with perf and prints the top symbols by self time.
# The profile starts once the tables are prepared, so the preload is not in it.
#
# usage: tests/bench/profile.sh [--workload get|get1|put|query|mix] [--seconds N] [--top N]
#                               [--ddbd PATH]
# Needs perf (linux-perf) and kernel.perf_event_paranoid <= 2 (or root). The Release build keeps
# its symbol table, so names resolve; for call graphs build with -fno-omit-frame-pointer and add
# -g to PERF_RECORD_OPTS. DDBD_PROFILE_KEEP=FILE keeps perf.data for `perf report -i FILE`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${DDBD_BENCH_BUILD:-$root/build-bench}"
workload="get"
seconds=10
top=10
ddbd=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workload) workload="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    --ddbd) ddbd="$(realpath "$2")"; shift 2 ;;
    *) echo "profile: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "profile: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
if [ -z "$ddbd" ]; then
  cmake --build "$build" --target ddbd -j"$(nproc)" >/dev/null
  ddbd="$build/ddbd"
fi
cmake --build "$build" --target ddbd_bench -j"$(nproc)" >/dev/null

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_scratch ddbd-profile

port="$(free_port)"
"$ddbd" --host 127.0.0.1 --port "$port" --data-dir "$work/data" >"$work/ddbd.log" 2>&1 &
ddbd_pid=$!; pids+=("$ddbd_pid")
for _ in $(seq 1 200); do
  grep -q "listening on" "$work/ddbd.log" && break
  sleep 0.05
done

"$build/tests/bench/ddbd_bench" --endpoint "ddbd=http://127.0.0.1:$port,pid=$ddbd_pid" \
  --workloads "$workload" --rounds 1 --warmup 0.5 --duration "$((seconds + 1))" \
  >"$work/bench.out" 2>"$work/bench.err" &
bench_pid=$!; pids+=("$bench_pid")
until grep -q "tables ready" "$work/bench.err"; do
  kill -0 "$bench_pid" 2>/dev/null || { cat "$work/bench.err" >&2; exit 1; }
  sleep 0.05
done
sleep 0.5  # past the warm-up
# shellcheck disable=SC2086
perf record ${PERF_RECORD_OPTS:-} -F 1999 -p "$ddbd_pid" -o "$work/perf.data" -- sleep "$seconds" \
  2>"$work/perf.err" >/dev/null
if [ -n "${DDBD_PROFILE_KEEP:-}" ]; then
  cp "$work/perf.data" "$DDBD_PROFILE_KEEP"
fi
wait "$bench_pid" || true
grep "^round" "$work/bench.err" || true

echo
echo "ddbd under '$workload', $seconds s: top $top symbols by self time (all threads)"
perf report -i "$work/perf.data" --no-children -F overhead,dso,sym --stdio 2>/dev/null |
  grep -E '^ +[0-9]' | sed -E 's/ +- +- *$//; s/ +$//; s/  +/  /g' | head -n "$top"
