#!/usr/bin/env bash
# Installs Debian's nginx when it is missing: tests/nginx/test_publish.py serves the published site with
# it, through the shipped deploy/nginx.conf. The tests start it themselves, as a normal process on
# 127.0.0.1 with a temporary configuration; they need no nginx service.
set -euo pipefail
[ -x /usr/sbin/nginx ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing from Debian: nginx"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
