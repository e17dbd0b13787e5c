"""The benchmark's static host compresses text like a real host and leaves images alone."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import brotli
import pytest

from pe_static_host import serve


def _get(url: str, accept: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def test_text_is_sent_in_brotli_or_gzip_and_images_as_they_are(tmp_path):
    page = "<p>" + "Most callbacks are not cancer. " * 200 + "</p>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)))
    server, base = serve(tmp_path, "br")
    try:
        headers, body = _get(base, "gzip, deflate, br, zstd")
        assert headers["Content-Encoding"] == "br" and brotli.decompress(body).decode() == page
        assert len(body) < len(page) / 20
        headers, body = _get(base + "index.html", "gzip")
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).decode() == page
        headers, body = _get(base + "logo.png", "gzip, br")
        assert headers["Content-Encoding"] is None and body.startswith(b"\x89PNG")
        with pytest.raises(urllib.error.HTTPError, match="404"):
            _get(base + "../etc/passwd", "br")
    finally:
        server.shutdown()
    with pytest.raises(ValueError, match="prefer must be"):
        serve(tmp_path, "zstd")
