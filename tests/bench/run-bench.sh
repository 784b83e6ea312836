#!/usr/bin/env bash
# Builds ddbd and the benchmark tools (Release, in build-bench/), starts ddbd on a fresh data
# directory, dynalite in memory (npm, cached under ~/.cache/ddbd-bench) and bench_ceiling (the
# rig's fixed-response ceiling), measures startup and footprint, runs every workload against the
# three interleaved over rounds, prints the Markdown tables, and stops the servers.
#
# usage: tests/bench/run-bench.sh [--full] [--dynalite-disk] [--ddbd PATH] [-- ddbd_bench options]
#   --full           10 s per run and bulk loads of 10k, 100k and 1M items (about half an hour)
#   --dynalite-disk  also run dynalite with --path (LevelDB on disk) as a fourth endpoint
#   --ddbd PATH      measure this ddbd binary instead of building one (e.g. an older build)
#   --in-memory      also run ddbd with --in-memory as "ddbd-mem" (what test suites start)
#   --baseline PATH  also measure this ddbd binary, as "ddbd-base", in the same run: the A/B of a
#                    change (the ratio columns then give ddbd / ddbd-base too)
# Default (quick): 3 s per run, bulk loads of 10k and 50k items, a few minutes.
# Environment: DDBD_BENCH_BUILD (build directory), DDBD_BENCH_CACHE (where dynalite is installed),
# DDBD_BENCH_CEILING_THREADS (bench_ceiling's threads). The report is also saved to
# $DDBD_BENCH_BUILD/bench-report.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${DDBD_BENCH_BUILD:-$root/build-bench}"
cache="${DDBD_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddbd-bench}"
dynalite_version="4.0.0"
# bench_ceiling runs as many I/O threads as ddbd does by default (one per CPU); on the 2-CPU
# machine 1 and 2 threads measured the same within the noise.
ceiling_threads="${DDBD_BENCH_CEILING_THREADS:-$(nproc)}"

mode_args=()
mode="quick"
startup_runs=10
dynalite_disk=0
ddbd=""
baseline=""
in_memory=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) mode="full"; mode_args+=(--full); shift ;;
    --dynalite-disk) dynalite_disk=1; shift ;;
    --ddbd) ddbd="$(realpath "$2")"; shift 2 ;;
    --baseline) baseline="$(realpath "$2")"; shift 2 ;;
    --in-memory) in_memory=1; shift ;;
    --) shift; break ;;
    *) echo "run-bench: unknown option $1 (extra ddbd_bench options go after --)" >&2; exit 2 ;;
  esac
done

"$root/docker/install-deps.sh" --test  # Node.js and npm included, for dynalite

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DDDBD_BUILD_TESTS=ON >/dev/null
if [ -z "$ddbd" ]; then
  cmake --build "$build" --target ddbd -j"$(nproc)" >/dev/null
  ddbd="$build/ddbd"
  ddbd_source="built from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'this tree')"
  git -C "$root" diff --quiet HEAD 2>/dev/null || ddbd_source+=" with local changes"
else
  ddbd_source="given as $ddbd"
fi
cmake --build "$build" --target ddbd_bench bench_ceiling -j"$(nproc)" >/dev/null
bench="$build/tests/bench/ddbd_bench"
ceiling="$build/tests/bench/bench_ceiling"

dynalite_dir="$cache/dynalite"
dynalite_cli="$dynalite_dir/node_modules/dynalite/cli.js"
if [ ! -f "$dynalite_cli" ] || ! grep -q "\"version\": \"$dynalite_version\"" \
    "$dynalite_dir/node_modules/dynalite/package.json"; then
  mkdir -p "$dynalite_dir"
  (cd "$dynalite_dir" && npm install --no-audit --no-fund --silent "dynalite@$dynalite_version")
fi

. "$root/tests/bench/lib.sh"
bench_scratch ddbd-bench

wait_for_port() {
  local port="$1" name="$2"
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
  echo "run-bench: $name did not start on port $port" >&2
  exit 1
}

# --- footprint: start to first response, idle memory, binary size (each server alone) ---
echo "run-bench: measuring startup and idle memory" >&2
startup_port="$(free_port)"
footprint="$("$bench" startup --header --runs "$startup_runs" --binary "$ddbd" \
    --endpoint "ddbd=http://127.0.0.1:$startup_port" \
    -- "$ddbd" --host 127.0.0.1 --port "$startup_port" --data-dir "{tmpdir}/data")"
startup_port="$(free_port)"
footprint+=$'\n'"$("$bench" startup --runs 3 --endpoint "dynalite=http://127.0.0.1:$startup_port" \
    -- node "$dynalite_cli" --host 127.0.0.1 --port "$startup_port")"

# --- the servers under load ---
ddbd_port="$(free_port)"
"$ddbd" --host 127.0.0.1 --port "$ddbd_port" --data-dir "$work/ddbd-data" >"$work/ddbd.log" 2>&1 &
ddbd_pid=$!; pids+=("$ddbd_pid")

# A larger heap limit than node's default, which 1M items in memory (--full) can exceed.
dynalite_port="$(free_port)"
node --max-old-space-size=8192 "$dynalite_cli" --host 127.0.0.1 --port "$dynalite_port" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$work/dynalite.log" 2>&1 &
dynalite_pid=$!; pids+=("$dynalite_pid")

ceiling_port="$(free_port)"
"$ceiling" --host 127.0.0.1 --port "$ceiling_port" --threads "$ceiling_threads" >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!; pids+=("$ceiling_pid")

endpoints=(
  --endpoint "ddbd=http://127.0.0.1:$ddbd_port,pid=$ddbd_pid"
  --endpoint "dynalite=http://127.0.0.1:$dynalite_port,pid=$dynalite_pid"
)
wait_for_port "$ddbd_port" ddbd
wait_for_port "$dynalite_port" dynalite
if [ -n "$baseline" ]; then
  base_port="$(free_port)"
  "$baseline" --host 127.0.0.1 --port "$base_port" --data-dir "$work/base-data" >"$work/base.log" 2>&1 &
  base_pid=$!; pids+=("$base_pid")
  endpoints+=(--endpoint "ddbd-base=http://127.0.0.1:$base_port,pid=$base_pid")
  wait_for_port "$base_port" ddbd-base
  ddbd_source+="; ddbd-base is $baseline"
fi
if [ "$in_memory" = 1 ]; then
  mem_port="$(free_port)"
  "$ddbd" --host 127.0.0.1 --port "$mem_port" --in-memory >"$work/ddbd-mem.log" 2>&1 &
  mem_pid=$!; pids+=("$mem_pid")
  endpoints+=(--endpoint "ddbd-mem=http://127.0.0.1:$mem_port,pid=$mem_pid")
  wait_for_port "$mem_port" ddbd-mem
fi
if [ "$dynalite_disk" = 1 ]; then
  disk_port="$(free_port)"
  mkdir -p "$work/dynalite-data"
  node --max-old-space-size=8192 "$dynalite_cli" --host 127.0.0.1 --port "$disk_port" \
    --path "$work/dynalite-data" \
    --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$work/dynalite-disk.log" 2>&1 &
  disk_pid=$!; pids+=("$disk_pid")
  endpoints+=(--endpoint "dynalite-disk=http://127.0.0.1:$disk_port,pid=$disk_pid")
  wait_for_port "$disk_port" dynalite-disk
fi
endpoints+=(--endpoint "ceiling=http://127.0.0.1:$ceiling_port,fixed,pid=$ceiling_pid")
wait_for_port "$ceiling_port" bench_ceiling

status=0
tables="$("$bench" "${endpoints[@]}" "${mode_args[@]}" "$@")" || status=$?

report="$build/bench-report.md"
{
  echo "## ddbd benchmark ($mode mode), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), Linux $(uname -r)."
  echo "ddbd $ddbd_source; dynalite $dynalite_version on node $(node --version), in memory; bench_ceiling with $ceiling_threads thread(s)."
  echo "ddbd_bench on the same machine, every request SigV4-signed on kept-alive HTTP/1.1 connections."
  echo
  echo "Startup and footprint (each server alone, fresh data directory)"
  echo
  echo "$footprint"
  echo "$tables"
} | tee "$report"
echo "run-bench: report saved to $report" >&2
exit "$status"
