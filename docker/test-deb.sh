#!/usr/bin/env bash
# Builds the Debian package (cpack -G DEB in the build directory) and checks it as an
# administrator would, in a fresh Debian 12 chroot made from docker/debian-base.sh's debootstrap:
# apt installs it with its dependencies; the binary, conffile, systemd unit and man page are where
# Debian puts them; postinst made the ddbd system user and /var/lib/ddbd; the service's command
# (ExecStart, as User=, in WorkingDirectory=, read from the installed unit: a chroot runs no
# systemd) serves the AWS CLI, answers `ddbd healthcheck`, keeps its data in /var/lib/ddbd/data and
# stops cleanly on SIGTERM; remove keeps the conffile, purge removes it and the data.
# usage: docker/test-deb.sh [BUILD_DIR] (default: build/, configured and built if needed). Needs
# root and Debian's mirror (apt fetches liblmdb0 and libssl3 into the chroot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"

command -v debootstrap >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws=/usr/bin/aws
[ -x "$aws" ] || aws="$(command -v aws)"

# --- the package ----------------------------------------------------------------------------------
[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target ddbd manpage -j"$(nproc)" >/dev/null
rm -f "$build"/ddbd_*.deb
(cd "$build" && cpack -G DEB >"$build/cpack.log" 2>&1) || { tail -20 "$build/cpack.log"; exit 1; }
deb="$(ls "$build"/ddbd_*.deb)"
echo "test-deb: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# --- a fresh Debian 12 -----------------------------------------------------------------------------
tarball="$("$root/docker/debian-base.sh" --no-import)"
work="$(mktemp -d /tmp/ddbd-deb-test-XXXXXX)"
rootfs="$work/rootfs"
ddbd_pid=""
cleanup() {
  [ -n "$ddbd_pid" ] && kill -KILL "$ddbd_pid" 2>/dev/null
  umount "$rootfs/proc" 2>/dev/null || true
  umount "$rootfs/dev" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$rootfs"
tar -C "$rootfs" -xf "$tarball"
chmod 755 "$rootfs"  # the tarball's "." may carry its build directory's 0700
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
cp "$deb" "$rootfs/tmp/ddbd.deb"
in_chroot() { chroot "$rootfs" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }

check_subject=deb
source "$root/docker/checks.sh"

echo "test-deb: installing it with apt in a debootstrap of bookworm"
in_chroot apt-get update -q >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; exit 1; }
check "apt installs the package and its dependencies" \
  in_chroot apt-get install -y -q --no-install-recommends /tmp/ddbd.deb
check "installed: /usr/bin/ddbd runs" in_chroot /usr/bin/ddbd --help
check "conffile /etc/ddbd/ddbd.conf" bash -c \
  "chroot '$rootfs' dpkg-query -W -f='\${Conffiles}' ddbd | grep -q '/etc/ddbd/ddbd.conf'"
check "systemd unit /lib/systemd/system/ddbd.service" test -f "$rootfs/lib/systemd/system/ddbd.service"
check "man page ddbd(1) made from --help" bash -c \
  "zcat '$rootfs/usr/share/man/man1/ddbd.1.gz' | grep -q -- '^\\\\fB\\\\-\\\\-in\\\\-memory'"
check "postinst: system user ddbd" bash -c \
  "uid=\$(chroot '$rootfs' id -u ddbd) && [ \"\$uid\" -lt 1000 ] && [ \"\$uid\" -gt 0 ]"
check "postinst: /var/lib/ddbd owned by ddbd" bash -c \
  "[ \"\$(chroot '$rootfs' stat -c %U '/var/lib/ddbd')\" = ddbd ]"

# --- the service's command, as the unit runs it -------------------------------------------------
unit="$rootfs/lib/systemd/system/ddbd.service"
user="$(sed -n 's/^User=//p' "$unit")"
workdir="$(sed -n 's/^WorkingDirectory=//p' "$unit")"
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
port="$(free_port)"
echo "test-deb: running '$exec_start' as $user in $workdir (port $port)"
# DDBD_PORT: the environment overrides the conffile, whose port 8000 may be taken on this host.
chroot --userspec="$user:$user" "$rootfs" env -i DDBD_PORT="$port" \
  sh -c "cd '$workdir' && exec $exec_start" >"$work/ddbd.log" 2>&1 &
ddbd_pid=$!
for _ in $(seq 1 100); do
  grep -q "ddbd ready" "$work/ddbd.log" && break
  sleep 0.1
done
if grep -q "ddbd ready" "$work/ddbd.log"; then
  pass "the service's command starts ('ddbd ready')"
else
  fail "the service's command did not start: $(tail -c 300 "$work/ddbd.log")"
fi
check "ddbd healthcheck" in_chroot /usr/bin/ddbd healthcheck --port "$port"
ddb() { "$aws" dynamodb --endpoint-url "http://127.0.0.1:$port" --output json "$@"; }
check "AWS CLI create-table" ddb create-table --table-name music \
  --attribute-definitions AttributeName=pk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST
check "AWS CLI put-item" ddb put-item --table-name music --item '{"pk": {"S": "from-the-deb"}}'
check "AWS CLI get-item" bash -c "$(declare -f ddb); aws=$aws; port=$port; \
  ddb get-item --table-name music --key '{\"pk\": {\"S\": \"from-the-deb\"}}' | grep -q from-the-deb"
check "data in /var/lib/ddbd/data, owned by ddbd" bash -c \
  "[ \"\$(stat -c %u '$rootfs/var/lib/ddbd/data/data.mdb')\" = \"\$(chroot '$rootfs' id -u ddbd)\" ]"
kill -TERM "$ddbd_pid" 2>/dev/null || true
status=0
wait "$ddbd_pid" || status=$?
ddbd_pid=""
if [ "$status" = 0 ]; then pass "SIGTERM: clean exit 0"; else fail "SIGTERM: exit $status"; fi

# --- remove and purge ----------------------------------------------------------------------------
in_chroot apt-get remove -y -q ddbd >"$work/remove.log" 2>&1 || fail "apt-get remove: $(tail -5 "$work/remove.log")"
check "remove: the binary is gone" test ! -e "$rootfs/usr/bin/ddbd"
check "remove: the conffile and the data stay" test -f "$rootfs/etc/ddbd/ddbd.conf" -a -d "$rootfs/var/lib/ddbd/data"
in_chroot apt-get purge -y -q ddbd >"$work/purge.log" 2>&1 || fail "apt-get purge: $(tail -5 "$work/purge.log")"
check "purge: the conffile and /var/lib/ddbd are gone" test ! -e "$rootfs/etc/ddbd" -a ! -e "$rootfs/var/lib/ddbd"

echo "deb: $failures failed"
[ "$failures" -eq 0 ]
