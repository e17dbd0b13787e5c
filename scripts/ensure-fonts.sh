#!/usr/bin/env bash
# Installs, when missing, what the one-page handouts are printed with (build/handouts.py): Debian's
# Noto fonts for every script the site shows (Latin, Vietnamese, Arabic, Chinese), fontconfig, and
# Pango, which WeasyPrint lays text out with. `make site` runs it; the browser tests use the same fonts.
set -euo pipefail
need=()
for package in fonts-noto-core fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
