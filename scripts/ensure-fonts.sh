#!/usr/bin/env bash
# Installs, when missing, what the one-page handouts are printed with (build/handouts.py): Debian's
# Noto fonts for every script the site shows (Latin, Vietnamese, Arabic, Chinese), fontconfig, and
# Pango, which WeasyPrint lays text out with. `make site` runs it; the browser tests use the same fonts.
set -euo pipefail
exec "$(dirname "$0")/debian-install.sh" fonts-noto-core fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0
