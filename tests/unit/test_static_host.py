"""The benchmark's static host compresses text like a real host and leaves images alone."""

from __future__ import annotations

import gzip
import http.client
import urllib.error
import urllib.parse
import urllib.request

import brotli
import pytest

from tests.support.static_host import serve


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
    finally:
        server.shutdown()
    with pytest.raises(ValueError, match="prefer must be"):
        serve(tmp_path, "zstd")


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/%2e%2e%2fsecret.txt"]
)
def test_no_file_outside_the_served_folder_is_sent(tmp_path, path):
    """The request line is sent as written (http.client does not tidy `..` away as browsers do)."""
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    server, base = serve(site, "br")
    try:
        host = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 404 and b"not for the web" not in body
        connection.close()
    finally:
        server.shutdown()
