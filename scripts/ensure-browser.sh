#!/usr/bin/env bash
# Installs Debian's chromium (the only browser the tests use) and fonts for every script the site
# shows, when they are missing. Nothing downloads a browser of its own.
set -euo pipefail
"$(dirname "$0")/ensure-fonts.sh"
command -v chromium >/dev/null 2>&1 && exit 0
exec "$(dirname "$0")/debian-install.sh" chromium
