#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not installed yet (with sudo when
# not root); does nothing when all are. The ensure-*.sh scripts say which packages and why.
set -euo pipefail
need=()
for package in "$@"; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
