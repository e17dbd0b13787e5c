#!/usr/bin/env bash
# Installs Debian's nginx when it is missing: tests/nginx/ serve the published site with it, through
# the shipped deploy/nginx.conf (and deploy/nginx-under-a-path.conf in front of it). The tests start
# it themselves, as a normal process on 127.0.0.1 with a temporary configuration; they need no nginx
# service.
set -euo pipefail
[ -x /usr/sbin/nginx ] && exit 0
exec "$(dirname "$0")/debian-install.sh" nginx
