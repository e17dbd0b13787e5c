"""Serve a built site on 127.0.0.1 the way a static host does: text compressed with brotli (or gzip,
whichever the browser accepts and the host is set to prefer), images and fonts as they are.

For scripts/bench_weight.py, which measures what a reader's first visit transfers. Python's own
http.server sends everything uncompressed, which would overstate the weight several times; a real
host (Netlify, Cloudflare Pages, nginx with brotli_static) sends precompressed text. Files are
compressed once, at the highest level, as a deploy step would precompress them, and kept in memory.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

# ---- Classes -----------------------------------------------------------------------------------


class _CompressingHandler(http.server.BaseHTTPRequestHandler):
    def __init__(self, *args, root: Path, prefer: str, cache: dict, **kwargs):
        self.root, self.prefer, self.cache = root, prefer, cache
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = self._file()
        if path is None:
            not_found = self.root / "404.html"
            self._send(404, not_found if not_found.exists() else None)
            return
        self._send(200, path)

    def _file(self) -> Path | None:
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        path = (self.root / relative).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(self.root.resolve()):
            return None  # a file outside the served folder (`..`) is never sent
        return path

    def _send(self, status: int, path: Path | None) -> None:
        if path is None:
            self.send_error(status)
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        accepted = {e.split(";")[0].strip() for e in (self.headers.get("Accept-Encoding") or "").split(",")}
        encoding = None
        if content_type in COMPRESSIBLE or content_type.startswith("text/"):
            encoding = next((e for e in (self.prefer, "gzip") if e in accepted), None)
        body = compressed(path, encoding, self.cache)
        self.send_response(status)
        self.send_header(
            "Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else "")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


# ---- Functions ---------------------------------------------------------------------------------


def compressed(path: Path, encoding: str | None, cache: dict) -> bytes:
    """The file's bytes in `encoding` ("br", "gzip" or None), compressed at most once."""
    key = (path, encoding)
    if key not in cache:
        data = path.read_bytes()
        if encoding == "br":
            import brotli  # a test dependency (requirements-test.txt): only the benchmark serves brotli

            data = brotli.compress(data, quality=11)
        elif encoding == "gzip":
            data = gzip.compress(data, compresslevel=9, mtime=0)
        cache[key] = data
    return cache[key]


def serve(root: Path, prefer: str = "br") -> tuple[http.server.HTTPServer, str]:
    """Start serving `root` on a free port of 127.0.0.1 in a thread; (server, base URL)."""
    if prefer not in ("br", "gzip"):
        raise ValueError(f"prefer must be 'br' or 'gzip', not {prefer!r}")
    handler = functools.partial(_CompressingHandler, root=root.resolve(), prefer=prefer, cache={})
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# ---- Data --------------------------------------------------------------------------------------

COMPRESSIBLE = frozenset(
    {
        "application/javascript",
        "text/javascript",
        "application/json",
        "image/svg+xml",
        "application/xml",
        "text/xml",
        "application/manifest+json",
    }
)
