"""Publishing for the tests: a copy of the project published with scripts/publish.py, nginx with the
shipped deploy/nginx.conf, and requests that do not follow redirects. The `publication` and `nginx`
fixtures (tests/conftest.py) are built from these."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import REPO

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
# The two values deploy/nginx.conf asks a clinic to change (and nothing else is changed here).
SHIPPED_ROOT = "/srv/mammogram-callbacks/site"
SHIPPED_LISTEN = "127.0.0.1:8080"
HOST_FILES = {"_headers", "_redirects", "_nginx.conf", ".nojekyll"}
NOT_FOUND_TITLES = {
    "en": "Page not found",
    "es": "No encontramos esta página",
    "ar": "لم نجد هذه الصفحة",
    "zh": "找不到这个页面",
    "vi": "Không tìm thấy trang",
    "so": "Bogga lama helin",
    "hmn": "Nrhiav tsis tau nplooj ntawv",
}


def copy_project(target: Path) -> Path:
    """The parts of the project a publication is made from."""
    target.mkdir(parents=True)
    for folder in ("docs", "data", "hooks", "overrides", "clinics"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_publish(root: Path, *args: str, site_url: str | None) -> subprocess.CompletedProcess:
    """scripts/publish.py on `root`; `site_url` None: without SITE_URL (a clinic's profile names it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PE_CLINIC")}
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "publish.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**env, "SITE_URL": site_url} if site_url else env,
        check=False,
    )


@dataclass
class Publication:
    project: Path
    remote: Path
    dest: Path
    site_url: str
    nginx_port: int
    embed_host: str  # an origin data/publish.yml allows to frame the embed pages
    other_host: str  # an origin it does not
    host_dirs: tuple[Path, Path]


@dataclass
class ClinicUnderAPath:
    dest: Path  # the published folder
    site_url: str  # http://127.0.0.1:<port>/patient-education/
    path: str  # /patient-education/


# ---- nginx, with the shipped server block -------------------------------------------------------------


def nginx_config(work: Path, root: Path, port: int) -> Path:
    """An nginx.conf for a process of our own: a temp prefix, and deploy/nginx.conf with only its
    root and listen address changed."""
    lines = (REPO / "deploy" / "nginx.conf").read_text(encoding="utf-8").splitlines()
    directives = [line for line in lines if not line.lstrip().startswith("#")]
    assert sum(SHIPPED_ROOT in line for line in directives) == 2  # root, and the include beside it
    assert sum(SHIPPED_LISTEN in line for line in directives) == 1
    server = "\n".join(
        line
        if line.lstrip().startswith("#")
        else line.replace(SHIPPED_ROOT, str(root)).replace(SHIPPED_LISTEN, f"127.0.0.1:{port}")
        for line in lines
    )
    (work / "server.conf").write_text(server, encoding="utf-8")
    return _http_config(work, work / "server.conf")


def _http_config(work: Path, server: Path) -> Path:
    temp = " ".join(
        f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = work / "nginx.conf"
    config.write_text(
        f"""
worker_processes 1;
{"user root;" if os.geteuid() == 0 else ""}
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    {temp}
    include {server};
}}
""",
        encoding="utf-8",
    )
    return config


def start_nginx(work: Path, config: Path, port: int) -> subprocess.Popen:
    """nginx in the foreground with `config`, once it answers on `port` (or a failed test)."""
    import socket
    import time

    import pytest

    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                pytest.fail(
                    f"nginx did not start: {process.stdout.read().decode() if process.stdout else ''}\n{log}"
                )
            time.sleep(0.05)


def front_server_config(work: Path, port: int, path: str, site_port: int) -> Path:
    """An nginx.conf for the clinic's own server: its host answers 404 outside `path`, and
    deploy/nginx-under-a-path.conf, with only the path and the site's port changed, inside it."""
    recipe = (REPO / "deploy" / "nginx-under-a-path.conf").read_text(encoding="utf-8")
    directives = [line for line in recipe.splitlines() if not line.lstrip().startswith("#")]
    assert sum("/patient-education/" in line for line in directives) == 2
    assert sum(SHIPPED_LISTEN in line for line in directives) == 1
    changed = "\n".join(
        line
        if line.lstrip().startswith("#")
        else line.replace("/patient-education/", path).replace(SHIPPED_LISTEN, f"127.0.0.1:{site_port}")
        for line in recipe.splitlines()
    )
    (work / "front.conf").write_text(
        f"server {{\n    listen 127.0.0.1:{port};\n    location / {{ return 404; }}\n{changed}\n}}\n",
        encoding="utf-8",
    )
    return _http_config(work, work / "front.conf")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str):
    """(status, headers, body) without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
