# Sourced by docker/test-image.sh and docker/test-deb.sh: PASS/FAIL lines and their count.
# The sourcing script sets $check_subject (what the lines name) and $work (a scratch directory).
failures=0
pass() { echo "PASS $check_subject: $1"; }
fail() { echo "FAIL $check_subject: $1"; failures=$((failures + 1)); }
check() {  # check NAME COMMAND...: PASS when the command succeeds
  local name="$1"
  shift
  if "$@" >"$work/check.out" 2>&1; then pass "$name"; else fail "$name: $(tail -c 300 "$work/check.out")"; fi
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
