"""A local web server for a folder, a free port to serve on, and a wait for Material's search."""

from __future__ import annotations

import functools
import http.server
import socket
import socketserver
import threading
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(directory: Path, port: int = 0):
    """Serve `directory` on 127.0.0.1 (on a free port by default); returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# ---- Material's search ---------------------------------------------------------------------------

_SEARCH_READY = """() => {
    const config = document.getElementById("__config");
    const meta = document.querySelector(".md-search-result__meta");
    if (!config || !meta) return false;
    const ready = JSON.parse(config.textContent).translations["search.result.placeholder"];
    return meta.innerText.trim() === ready.trim();
}"""


def wait_for_search_index(page, timeout: float = 30_000) -> None:
    """Wait until Material's worker has built the search index: a query typed earlier is dropped.

    Material then shows its own "Type to start searching" (in the page's language)."""
    page.wait_for_function(_SEARCH_READY, timeout=timeout)
