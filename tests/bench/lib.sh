# Sourced by the bench scripts: a scratch directory, and the processes a script starts (their pids
# go in `pids`), stopped and removed however the script exits.

# Sets `work` to a fresh directory named after PREFIX and `pids` to an empty list.
bench_scratch() {
  work="$(mktemp -d "/tmp/$1-XXXXXX")"
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
