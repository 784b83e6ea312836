#!/usr/bin/env bash
# Makes the `debian:12` base image for podman without a registry: a debootstrap (minbase) of
# bookworm from deb.debian.org, with the official image's apt clean-up settings so that package
# caches do not inflate layers built on it, imported as localhost/debian:12 and
# docker.io/library/debian:12 (what `FROM debian:12` resolves to). The root filesystem's tarball is
# cached in ${XDG_CACHE_HOME:-~/.cache}/ddbd-debian-base and reused on later runs; its path is
# printed. --no-import makes only the tarball (docker/test-deb.sh unpacks it as a chroot).
# Used by docker/test-image.sh and docker/test-deb.sh. Needs root (debootstrap, podman import).
set -euo pipefail
import=1
[ "${1:-}" = --no-import ] && import=0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/ddbd-debian-base"
tarball="$cache/bookworm-minbase.tar"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [ ! -s "$tarball" ]; then
  mkdir -p "$cache"
  rootfs="$(mktemp -d "$cache/rootfs-XXXXXX")"
  trap 'rm -rf "$rootfs"' EXIT
  echo "debian-base: debootstrap bookworm (minbase) from $mirror" >&2
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  # The official image's /etc/apt/apt.conf.d/docker-clean.
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/*
  chmod 755 "$rootfs"  # mktemp made it 0700: the root directory every user must traverse
  tar -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
fi

if [ "$import" = 1 ] && ! podman image exists docker.io/library/debian:12; then
  podman import "$tarball" localhost/debian:12 >/dev/null
  podman tag localhost/debian:12 docker.io/library/debian:12
fi
echo "debian-base: debian:12 ready ($(du -h "$tarball" | cut -f1) root filesystem, cached in $cache)" >&2
echo "$tarball"
