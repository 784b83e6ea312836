#!/usr/bin/env bash
# Installs whatever ddbd needs to build on Debian 12, and nothing that is already there.
# `--test` adds what the tests need: pytest and boto3, the AWS CLI (Debian's awscli, v2), jq,
# clang-format, and Node.js with npm for the AWS SDK for JavaScript v3 (kept if the machine already
# has a `node`).
# Run as root, or as a user with sudo.
set -euo pipefail

packages=(build-essential cmake pkg-config libboost1.81-dev rapidjson-dev liblmdb-dev libssl-dev)
if [ "${1:-}" = "--test" ]; then
  # openssl: the HTTPS test makes a certificate; clang-format: .ci/run checks the layout.
  packages+=(catch2 python3 python3-pytest python3-boto3 openssl awscli jq clang-format)
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
