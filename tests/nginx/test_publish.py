"""The published output served by nginx through the shipped deploy/nginx.conf: the headers the
headers file lists, each language's not-found page, the redirects of moved pages, and the host's
files kept private."""

from __future__ import annotations

from mammogram_callbacks.publish.headers import (
    EMBED_FOLDER,
    embed_framers,
    headers_for_file,
    headers_for_path,
    parse_headers_file,
)

from tests.support.project import LANGUAGES, lang_root
from tests.support.publishing import HOST_FILES, NOT_FOUND_TITLES, fetch


def test_nginx_sends_the_headers_the_headers_file_lists_for_every_file(publication, nginx):
    rules = parse_headers_file((publication.dest / "_headers").read_text(encoding="utf-8"))
    files = [p.relative_to(publication.dest).as_posix() for p in publication.dest.rglob("*") if p.is_file()]
    checked = 0
    for path in files:
        if path in HOST_FILES:
            continue
        status, headers, _ = fetch(nginx + path)
        assert status == 200, path
        if path.startswith(EMBED_FOLDER):  # data/publish.yml lets embed_host (and the site) frame them
            expected = headers_for_file(path, embed_framers((publication.embed_host,), None))
            assert headers.get("X-Frame-Options") is None
            assert headers.get("Cross-Origin-Opener-Policy") is None
        else:
            expected = headers_for_path(rules, f"/{path}")
        assert {name: headers.get(name) for name in expected} == expected, path
        checked += 1
    assert checked > 100
    status, headers, _ = fetch(nginx)
    assert status == 200 and headers["Cache-Control"] == headers_for_path(rules, "/")["Cache-Control"]


def test_nginx_answers_with_each_languages_not_found_page(nginx):
    for code in LANGUAGES:
        status, headers, body = fetch(f"{nginx}{lang_root(code)}no-such-page.html")
        assert status == 404, code
        assert f"<h1>{NOT_FOUND_TITLES[code]}</h1>" in body.decode(), code
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_nginx_redirects_moved_pages_and_keeps_host_files_private(nginx):
    for code in LANGUAGES:
        for old in (f"{lang_root(code)}callback/", f"{lang_root(code)}callback"):
            status, headers, _ = fetch(nginx + old)
            assert (status, headers["Location"]) == (301, f"/{lang_root(code)}callback.html"), old
    for private in HOST_FILES - {".nojekyll"}:
        assert fetch(nginx + private)[0] == 404, private
