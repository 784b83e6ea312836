#!/usr/bin/env bash
# Builds the container image (docker/Dockerfile) with podman, without a Docker daemon or a registry,
# and checks it as a user would: its size (at most 20 MB), the AWS CLI against it, the health
# check, that it does not run as root, a clean stop on SIGTERM, data kept on a volume across a
# restart and across a kill, and DynamoDB Local's command line. .ci/run runs it.
#
# Containers run with podman (runc, lowered ulimits, as this kind of machine needs); where podman
# cannot run one, the image's root filesystem runs under chroot instead, and the script says so.
# Needs root. Prints PASS/FAIL per check; exits non-zero on any failure.
# DDBD_IMAGE_TEST_MODE=chroot forces the chroot path (to test it where podman works).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="localhost/ddbd:test"
max_bytes=20000000  # 20 MB, as `docker image ls` counts

missing=()
for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-image: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    >/dev/null
fi
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws=/usr/bin/aws
[ -x "$aws" ] || aws="$(command -v aws)"

work="$(mktemp -d /tmp/ddbd-image-test-XXXXXX)"
names=()
cleanup() {
  for name in "${names[@]}"; do
    stop_ddbd "$name" KILL >/dev/null 2>&1 || true
  done
  podman volume rm -f ddbd-test-data >/dev/null 2>&1 || true
  podman image prune -f >/dev/null 2>&1 || true  # the build stage (about 870 MB), now dangling
  rm -rf "$work"
}
trap cleanup EXIT

check_subject=image
source "$root/docker/checks.sh"

# --- build --------------------------------------------------------------------------------------
"$root/docker/debian-base.sh" >/dev/null
echo "test-image: building $image"
podman build --isolation=chroot --pull=never --format docker -f "$root/docker/Dockerfile" \
  -t "$image" "$root" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
size="$(podman image inspect "$image" --format '{{.Size}}')"
echo "test-image: image size $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'))"
if [ "$size" -le "$max_bytes" ]; then pass "size $size <= $max_bytes bytes"; else fail "size $size > $max_bytes bytes"; fi

# --- how containers run here ----------------------------------------------------------------------
podman_run=(podman run --runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
if [ "${DDBD_IMAGE_TEST_MODE:-}" != chroot ] &&
  "${podman_run[@]}" --rm "$image" --help >"$work/probe.log" 2>&1; then
  mode=podman
  echo "test-image: running containers with podman (runc)"
else
  mode=chroot
  if [ "${DDBD_IMAGE_TEST_MODE:-}" = chroot ]; then
    echo "test-image: DDBD_IMAGE_TEST_MODE=chroot: running the image's root filesystem under chroot"
  else
    echo "test-image: podman cannot run containers here ($(tail -c 200 "$work/probe.log"));" \
      "running the image's root filesystem under chroot instead"
  fi
  container="$(podman create "$image" 2>/dev/null)"
  mkdir -p "$work/rootfs"
  podman export "$container" | tar -C "$work/rootfs" -x
  podman rm "$container" >/dev/null 2>&1
fi

# start_ddbd NAME PORT [ddbd arguments...]: the image with the test volume at /data.
start_ddbd() {
  local name="$1" port="$2"
  shift 2
  names+=("$name")
  if [ "$mode" = podman ]; then
    "${podman_run[@]}" -d --name "$name" -p "127.0.0.1:$port:8000" -v ddbd-test-data:/data \
      "$image" "$@" >/dev/null 2>>"$work/podman.log"
  else
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DDBD_HOST=0.0.0.0 DDBD_PORT="$port" DDBD_DATA_DIR=/data \
      DDBD_OPEN_WITHOUT_CREDENTIALS=true TMPDIR=/tmp \
      chroot --userspec=10001:10001 "$work/rootfs" /usr/local/bin/ddbd "$@" \
      >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
  fi
  for _ in $(seq 1 100); do
    logs_of "$name" | grep -q "ddbd ready" && return 0
    sleep 0.1
  done
  echo "test-image: $name did not start: $(logs_of "$name" | tail -5)" >&2
  return 1
}
logs_of() {
  if [ "$mode" = podman ]; then podman logs "$1" 2>&1; else cat "$work/$1.log"; fi
}
pid_of() {
  if [ "$mode" = podman ]; then podman inspect "$1" --format '{{.State.Pid}}'; else cat "$work/$1.pid"; fi
}
# stop_ddbd NAME TERM|KILL: stops it and waits; its exit status is left in $stopped_status. (Not
# in a subshell: under chroot only this shell can wait for the process it started.)
stopped_status=""
stop_ddbd() {
  local name="$1" signal="$2"
  if [ "$mode" = podman ]; then
    if [ "$signal" = TERM ]; then podman stop -t 10 "$name" >/dev/null 2>&1; else podman kill "$name" >/dev/null 2>&1; fi
    stopped_status="$(podman inspect "$name" --format '{{.State.ExitCode}}')"
    podman rm -f "$name" >/dev/null 2>&1
  else
    local pid
    pid="$(cat "$work/$name.pid")"
    kill "-$signal" "$pid" 2>/dev/null
    stopped_status=0
    wait "$pid" 2>/dev/null || stopped_status=$?
  fi
}
healthy() {
  if [ "$mode" = podman ]; then
    podman healthcheck run "$1" 2>/dev/null
  else
    chroot --userspec=10001:10001 "$work/rootfs" /usr/local/bin/ddbd healthcheck --port "$2"
  fi
}
ddb() {  # ddb PORT aws-dynamodb-arguments...
  local port="$1"
  shift
  "$aws" dynamodb --endpoint-url "http://127.0.0.1:$port" --output json "$@"
}

# --- the checks ------------------------------------------------------------------------------------
[ "$mode" = podman ] && podman volume create ddbd-test-data >/dev/null
port="$(free_port)"
start_ddbd first "$port"
check "health check" healthy first "$port"
uid="$(awk '/^Uid:/ { print $2 }' "/proc/$(pid_of first)/status")"
if [ "$uid" != 0 ]; then pass "runs as uid $uid, not root"; else fail "runs as root"; fi
check "AWS CLI create-table" ddb "$port" create-table --table-name music \
  --attribute-definitions AttributeName=pk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST
check "AWS CLI put-item" ddb "$port" put-item --table-name music \
  --item '{"pk": {"S": "before-restart"}}'
check "AWS CLI get-item" bash -c "$(declare -f ddb); aws=$aws; ddb $port get-item --table-name music \
  --key '{\"pk\": {\"S\": \"before-restart\"}}' | grep -q before-restart"

started=$(date +%s%N)
stop_ddbd first TERM
status="$stopped_status"
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
if [ "$status" = 0 ] && [ "$elapsed_ms" -lt 10000 ]; then
  pass "SIGTERM: clean exit 0 in ${elapsed_ms} ms"
else
  fail "SIGTERM: exit $status after ${elapsed_ms} ms"
fi

port="$(free_port)"
start_ddbd second "$port"
check "the volume keeps data across a restart" bash -c "$(declare -f ddb); aws=$aws; \
  ddb $port get-item --table-name music --key '{\"pk\": {\"S\": \"before-restart\"}}' | grep -q before-restart"
check "AWS CLI put-item before a kill" ddb "$port" put-item --table-name music \
  --item '{"pk": {"S": "before-kill"}}'
stop_ddbd second KILL

port="$(free_port)"
start_ddbd third "$port"
check "the volume keeps acknowledged writes across a kill" bash -c "$(declare -f ddb); aws=$aws; \
  ddb $port get-item --table-name music --key '{\"pk\": {\"S\": \"before-kill\"}}' | grep -q before-kill"
stop_ddbd third TERM

port="$(free_port)"
start_ddbd local "$port" -jar DynamoDBLocal.jar -sharedDb -inMemory
check "DynamoDB Local's command line (-jar DynamoDBLocal.jar -sharedDb -inMemory)" bash -c \
  "$(declare -f ddb); aws=$aws; ddb $port list-tables | grep -q '\"TableNames\": \[\]'"
stop_ddbd local TERM

echo "image: $failures failed ($mode, $(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'))"
[ "$failures" -eq 0 ]
