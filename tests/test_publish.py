"""Publishing: what the published site carries, `make publish` into a real git repository and a
folder, and the published output served by nginx through the shipped deploy/nginx.conf and loaded
in Chromium with its Content-Security-Policy enforced.

The publishing tests run scripts/publish.py on a copy of the project (so a test can break a copy
without touching the repository): once to a local bare git repository, once to a folder, and
then with a deliberate fault, which must leave both publications exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, serve, wait_for_search_index
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.publish_config import load_publish_config
from mammogram_callbacks.project import Project
from mammogram_callbacks.publish.alternates import absolute_alternates
from mammogram_callbacks.publish.csp_audit import audit_built_pages, blocked_inline_code
from mammogram_callbacks.publish.headers import (
    EMBED_FOLDER,
    HeaderRule,
    OverlappingRules,
    embed_framers,
    header_rules,
    headers_for_file,
    headers_for_path,
    parse_headers_file,
    render_headers_file,
)
from mammogram_callbacks.publish.sitemap import add_x_default, read_sitemap, sitemap_entries, write_sitemap

PROJECT = Project(REPO)
LANGUAGES = [lang.code for lang in PROJECT.languages]
DEFAULT = PROJECT.default.code
PAGES = PROJECT.source_pages()
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
}


def lang_root(code: str) -> str:
    return "" if code == DEFAULT else f"{code}/"


# ---- Unit tests: the plain modules ----------------------------------------------------------------


def test_csp_audit_reports_each_kind_of_inline_code_with_its_line():
    html = (
        '<html><head>\n<script>alert(1)</script>\n<script id="c" type="application/json">{"a": 1}</script>\n'
        '<script src="x.js"></script>\n<style>p{}</style>\n</head>\n<body style="color:red">\n'
        '<a href="JavaScript:go()" onclick="go()">x</a>\n</body></html>'
    )
    assert blocked_inline_code(html, "p.html") == blocked_inline_code(html, "p.html", skip_plain_tags=False)
    assert [str(f) for f in blocked_inline_code(html, "p.html")] == [
        "p.html:2: an inline <script>: move it into a file under overrides/assets/javascripts/ "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:5: an inline <style> element: move it into overrides/assets/stylesheets/pe.css "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:7: a style= attribute on <body>: use a class styled in pe.css "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:8: a javascript: URL in href= on <a> (the Content-Security-Policy blocks inline code)",
        "p.html:8: an event handler attribute onclick= on <a> "
        "(the Content-Security-Policy blocks inline code)",
    ]


def test_csp_audit_of_built_pages_remembers_clean_pages_and_reports_faulty_ones_every_time(tmp_path):
    site, cache = tmp_path / "site", tmp_path / ".cache" / "csp-audit.json"
    site.mkdir()
    (site / "clean.html").write_text('<p><script src="a.js"></script></p>', encoding="utf-8")
    (site / "faulty.html").write_text("<p>\n<script>alert(1)</script></p>", encoding="utf-8")
    pages = ["clean.html", "faulty.html"]
    expected = [
        f"{site / 'faulty.html'}:2: an inline <script>: move it into a file under "
        "overrides/assets/javascripts/ (the Content-Security-Policy blocks inline code)"
    ]
    assert [str(f) for f in audit_built_pages(site, pages, cache)] == expected
    assert len(json.loads(cache.read_text(encoding="utf-8"))) == 1  # the clean page only
    assert [str(f) for f in audit_built_pages(site, pages, cache)] == expected  # reported again

    # A page remembered as clean is not read again: its text is its key, so any change reads it.
    (site / "clean.html").write_text('<p><script src="a.js"></script><p style="x">', encoding="utf-8")
    assert len(audit_built_pages(site, pages, cache)) == 2
    assert len(audit_built_pages(site, pages, None)) == 2  # without a cache, the same findings


# Pieces of HTML that do and do not give findings, in any order: the audit's shortcut (tags whose
# text cannot hold inline code are not read) must find exactly what reading every tag finds.
_HTML_PIECES = [
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    '<script src="a.js">',
    '<script type="module">',
    "<SCRIPT>",
    "<script/x>",
    "<style>",
    "</style>",
    "<styles>",
    '<a href="javascript:x()">',
    '<a href="&#106;avascript:x()">',
    '<a HREF="JavaScript:x">',
    '<p style="a">',
    "<p style>",
    "<p STYLE=a>",
    '<p class="onward">',
    '<p title="one" onclick="x()">',
    "<p/onload=x>",
    '<a title="x>"onclick=y>',
    "<!-- <script> -->",
    "<![CDATA[<style>]]>",
    "<?x <style> ?>",
    "text",
    "on",
    "style=",
    "\n",
    "&amp;",
    "<",
    ">",
    '"',
    "'",
    "<br/>",
    '<img src=x onerror="y">',
    '<svg><a xlink:href="javascript:z">',
    "<textarea><script></textarea>",
    "<title><b></title>",
]


@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=30))
@settings(max_examples=400, deadline=None)
def test_csp_audit_shortcut_finds_what_reading_every_tag_finds(pieces):
    html = "".join(pieces)
    assert blocked_inline_code(html, "p.html") == blocked_inline_code(html, "p.html", skip_plain_tags=False)


FILES = [
    "index.html",
    "404.html",
    "callback/index.html",
    "es/index.html",
    "es/callback.html",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/pe-md-base.js",
    "assets/javascripts/lunr/min/lunr.es.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
    "assets/stylesheets/pe.css",
    "embed/callback.html",
    "embed/es/callback.html",
]


def test_header_rules_give_every_file_its_headers_with_no_header_set_twice():
    origins = ["https://clinic.example", "http://127.0.0.1:9000"]
    rules = header_rules(FILES, lambda path: headers_for_file(path, origins))
    for path in FILES:
        assert headers_for_path(rules, f"/{path}") == headers_for_file(path, origins), path
    assert headers_for_path(rules, "/") == headers_for_file("index.html", origins)
    # A folder whose files agree gets one rule; the file format reads back to the same rules.
    assert [r.pattern for r in rules if r.pattern.startswith("/embed/")] == ["/embed/*"]
    assert parse_headers_file(render_headers_file(rules)) == rules
    embed = headers_for_file("embed/es/callback.html", origins)
    assert embed["Content-Security-Policy"].endswith(
        "frame-ancestors https://clinic.example http://127.0.0.1:9000"
    )
    assert "X-Frame-Options" not in embed
    page = headers_for_file("es/callback.html", origins)
    assert (
        page["Content-Security-Policy"].endswith("frame-ancestors 'none'")
        and page["X-Frame-Options"] == "DENY"
    )
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert (
        headers_for_file("assets/javascripts/bundle.a5f9d56c.min.js")["Cache-Control"]
        == "public, max-age=31536000, immutable"
    )
    assert headers_for_file("assets/stylesheets/pe.css")["Cache-Control"] == "public, max-age=300"


def test_header_rules_under_a_path_prefix_and_overlap_detection():
    rules = header_rules(FILES, headers_for_file, url_prefix="/site/")
    assert rules[0].pattern == "/site/*"
    assert headers_for_path(rules, "/site/es/callback.html") == headers_for_file("es/callback.html")
    overlapping = [HeaderRule("/*", {"Cache-Control": "a"}), HeaderRule("/x.html", {"Cache-Control": "b"})]
    with pytest.raises(OverlappingRules, match=r"Cache-Control is set by both /\* and /x.html"):
        headers_for_path(overlapping, "/x.html")


def publish_data(tmp_path: Path, publish: str | None = None, redirects: str | None = None):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name, text in (("publish.yml", publish), ("redirects.yml", redirects)):
        if text is not None:
            (data / name).write_text(text, encoding="utf-8")
    return load_publish_config(data, tmp_path, ["index.md", "callback.md"])


def test_publish_data_loads_and_its_absence_means_no_framing_and_no_redirects(tmp_path):
    assert publish_data(tmp_path).embed_frame_ancestors == ()
    loaded = publish_data(
        tmp_path,
        "embed_frame_ancestors:\n  - https://www.clinic.example\n",
        "redirects:\n  - from: old/\n    to: callback.md\n",
    )
    assert loaded.embed_frame_ancestors == ("https://www.clinic.example",)
    assert [(r.old, r.new) for r in loaded.redirects] == [("old/", "callback.md")]


def test_bad_publish_data_is_reported_with_file_line_and_expected_form(tmp_path):
    with pytest.raises(DataError) as error:
        publish_data(
            tmp_path,
            "embed_frame_ancestors:\n  - https://clinic.example/embed\n  - '*'\n",
            "redirects:\n  - from: callback.html\n    to: callback.md\n"
            "  - from: old.html\n    to: nowhere.md\n  - from: /abs/\n    to: index.md\n",
        )
    assert [str(f) for f in error.value.findings] == [
        "data/publish.yml:1: embed_frame_ancestors entry 1 is 'https://clinic.example/embed'; "
        "expected an origin: "
        "http(s)://, a host name and an optional :port, no path (e.g. https://www.example-clinic.org)",
        "data/publish.yml:1: embed_frame_ancestors entry 2 is '*'; expected an origin: "
        "http(s)://, a host name and an optional :port, no path (e.g. https://www.example-clinic.org)",
        "data/redirects.yml:2: redirect 1: 'from' 'callback.html' is the address of a page that exists; "
        "a redirect would hide it",
        "data/redirects.yml:5: redirect 2: 'to' is 'nowhere.md'; expected a page of the source language, "
        "one of callback.md, index.md",
        "data/redirects.yml:6: redirect 3: 'from' is '/abs/'; expected an old address relative to the "
        "language's root, ending in .html or / (e.g. callback/ or old-name.html)",
    ]


def test_absolute_alternates_and_x_default_in_the_head_only():
    html = (
        '<html><head>\n<link rel="alternate" href="../callback.html" hreflang="en">\n'
        '<link rel="alternate" href="callback.html" hreflang="es">\n</head>\n<body>'
        '<a href="../callback.html" hreflang="en" class="md-select__link">English</a></body></html>'
    )
    out = absolute_alternates(html, "https://site.example/es/callback.html", "en")
    assert re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', out) == [
        ("https://site.example/callback.html", "en"),
        ("https://site.example/callback.html", "x-default"),
        ("https://site.example/es/callback.html", "es"),
    ]
    assert '<a href="../callback.html" hreflang="en" class="md-select__link">' in out


def test_sitemap_x_default_is_the_default_languages_page(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://s.example/es/a.html</loc>'
        '<xhtml:link rel="alternate" hreflang="en" href="https://s.example/a.html"/>'
        '<xhtml:link rel="alternate" hreflang="es" href="https://s.example/es/a.html"/></url></urlset>'
    )
    tree = read_sitemap(path)
    add_x_default(tree, "en")
    add_x_default(tree, "en")  # once only
    write_sitemap(tree, path, with_gzip=True)
    assert sitemap_entries(path.read_text()) == {
        "https://s.example/es/a.html": {
            "en": "https://s.example/a.html",
            "es": "https://s.example/es/a.html",
            "x-default": "https://s.example/a.html",
        }
    }
    import gzip

    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == path.read_bytes()


# ---- The real build ----------------------------------------------------------------------------------


def site_file_for(url: str, site_url: str, site_dir: Path) -> Path:
    assert url.startswith(site_url), url
    rest = url[len(site_url) :]
    return site_dir / (rest + "index.html" if rest.endswith("/") or not rest else rest)


def test_sitemap_lists_every_page_in_every_language_and_every_alternate_exists(real_site):
    site_url = real_site.site_url
    entries = sitemap_entries(real_site.html("sitemap.xml"))
    expected = {
        f"{site_url}{lang_root(code)}{page.removesuffix('.md')}.html" for code in LANGUAGES for page in PAGES
    }
    assert set(entries) == expected
    for loc, alternates in entries.items():
        assert set(alternates) == {*LANGUAGES, "x-default"}, loc
        assert alternates["x-default"] == alternates[DEFAULT]
        for href in alternates.values():
            assert site_file_for(href, site_url, real_site.site_dir).is_file(), href
    for code in LANGUAGES[1:]:  # each language's own sitemap: its pages only
        assert set(sitemap_entries(real_site.html(f"{code}/sitemap.xml"))) == {
            loc for loc in expected if loc.startswith(f"{site_url}{code}/")
        }


class _HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: dict[str, str] = {}
        self.menu: dict[str, str] = {}
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "link" and attrs.get("rel") == "alternate" and self.in_head:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "md-select__link" in (attrs.get("class") or ""):
            self.menu[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_links(html: str) -> _HeadLinks:
    parser = _HeadLinks()
    parser.feed(html)
    return parser


def test_every_page_has_absolute_alternates_for_every_language_and_x_default(real_site):
    site_url = real_site.site_url
    for code in LANGUAGES:
        for page in PAGES:
            path = f"{lang_root(code)}{page.removesuffix('.md')}.html"
            links = head_links(real_site.html(path))
            assert set(links.alternates) == {*LANGUAGES, "x-default"}, path
            for lang, href in links.alternates.items():
                want = (
                    f"{site_url}{lang_root(DEFAULT if lang == 'x-default' else lang)}"
                    f"{page.removesuffix('.md')}.html"
                )
                assert href == want, (path, lang)


def test_a_not_found_page_in_every_language_leads_to_the_other_not_found_pages(real_site):
    for code in LANGUAGES:
        html = real_site.html(f"{lang_root(code)}404.html")
        assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}"' in html
        assert f"<h1>{NOT_FOUND_TITLES[code]}</h1>" in html
        links = head_links(html)
        assert links.menu == {other: f"/{lang_root(other)}404.html" for other in LANGUAGES}, code
        assert links.alternates[code] == f"{real_site.site_url}{lang_root(code)}404.html"
        assert f'href="/{lang_root(code)}index.html"' in html  # the way home, in her language
        base = re.search(r'"base": "([^"]*)"', html)[1]
        assert base == f"/{lang_root(code)}"  # search uses her language's index


def test_moved_pages_have_redirect_rules_and_a_page_at_the_old_address(real_site):
    redirects = real_site.html("_redirects")
    for code in LANGUAGES:
        root = lang_root(code)
        assert f"/{root}callback/ /{root}callback.html 301" in redirects
        assert f"location = /{root}callback/ {{ return 301 /{root}callback.html; }}" in real_site.html(
            "_nginx.conf"
        )
        moved = real_site.html(f"{root}callback/index.html")
        assert '<meta http-equiv="refresh" content="0; url=../callback.html">' in moved
        assert f'<html lang="{code}"' in moved
        assert f'<link rel="canonical" href="{real_site.site_url}{root}callback.html">' in moved
    assert "Esta página se movió" in real_site.html("es/callback/index.html")


def test_robots_and_the_headers_file_cover_every_published_file(real_site):
    assert real_site.html("robots.txt") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {real_site.site_url}sitemap.xml\n"
    )
    rules = parse_headers_file(real_site.html("_headers"))
    assert len(rules) <= 100  # Cloudflare Pages reads no more
    files = [
        p.relative_to(real_site.site_dir).as_posix() for p in real_site.site_dir.rglob("*") if p.is_file()
    ]
    served = [f for f in files if f not in HOST_FILES]
    assert len(served) > 100
    for path in served:
        # data/publish.yml lets any site frame the embed pages ("*"); no other page may be framed.
        assert headers_for_path(rules, f"/{path}") == headers_for_file(path, embed_framers(("*",), None)), (
            path
        )
    assert "'unsafe-inline'" not in real_site.html("_headers") and "'unsafe-eval'" not in real_site.html(
        "_headers"
    )


def test_no_built_page_has_inline_code_and_each_says_its_policy(real_site):
    pages = list(real_site.site_dir.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert blocked_inline_code(html, str(page)) == []
        assert blocked_inline_code(html, str(page), skip_plain_tags=False) == []
        assert '<meta http-equiv="Content-Security-Policy" content="default-src' in html, page


# ---- make publish ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(target: Path) -> Path:
    """The parts of the project a publication is made from."""
    target.mkdir(parents=True)
    for folder in ("docs", "data", "hooks", "overrides"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_publish(root: Path, *args: str, site_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "publish.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": site_url},
        check=False,
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def folder_fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


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


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> Publication:
    """The project published twice, to a bare git repository and to a folder, as a clinic's copy
    whose data/publish.yml lets one local origin frame the embed pages."""
    work = tmp_path_factory.mktemp("publish")
    host_dirs = (work / "host-allowed", work / "host-other")
    servers = []
    for folder in host_dirs:
        folder.mkdir()
        servers.append(serve(folder))
    embed_host, other_host = (url.rstrip("/") for _, url in servers)
    nginx_port = free_port()
    site_url = f"http://127.0.0.1:{nginx_port}/"
    project = copy_project(work / "project")
    (project / "data" / "publish.yml").write_text(
        f"embed_frame_ancestors:\n  - {embed_host}\n", encoding="utf-8"
    )
    remote = work / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    dest = work / "www" / "site"
    for args in (("--remote", str(remote), "--branch", "gh-pages"), ("--dest", str(dest))):
        result = run_publish(project, *args, site_url=site_url)
        assert result.returncode == 0, result.stdout + result.stderr
    yield Publication(project, remote, dest, site_url, nginx_port, embed_host, other_host, host_dirs)
    for server, _ in servers:
        server.shutdown()


def test_publish_pushes_the_built_site_as_one_commit_on_the_branch(publication):
    remote = publication.remote
    assert git(remote, "rev-list", "--count", "gh-pages") == "1"
    assert git(remote, "log", "-1", "--format=%s", "gh-pages").startswith("Publish the site")
    files = set(git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
    for code in LANGUAGES:
        for page in [*PAGES, "404.md"]:
            assert f"{lang_root(code)}{page.removesuffix('.md')}.html" in files
    assert {"robots.txt", "sitemap.xml", "_headers", "_redirects", "_nginx.conf", ".nojekyll"} <= files
    assert "Qué significa una llamada" in git(remote, "show", "gh-pages:es/callback.html")
    assert publication.embed_host in git(remote, "show", "gh-pages:_nginx.conf")


def test_publish_to_a_folder_writes_the_site_and_an_archive_of_it(publication):
    dest = publication.dest
    files = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert {"index.html", "es/404.html", "_headers", "sitemap.xml"} <= files
    with tarfile.open(dest.with_name("site.tar.gz")) as archive:
        names = {m.name for m in archive.getmembers() if m.isfile()}
    assert names == {f"site/{name}" for name in files}
    assert [p.name for p in dest.parent.iterdir() if p.name.startswith(".")] == []  # no leftovers
    assert git(publication.remote, "show", "gh-pages:index.html") == (dest / "index.html").read_text().strip()


def test_a_failing_check_or_build_leaves_both_publications_untouched(publication, tmp_path):
    commit = git(publication.remote, "rev-parse", "gh-pages")
    folder, archive = (
        folder_fingerprint(publication.dest),
        publication.dest.with_name("site.tar.gz").read_bytes(),
    )

    # A wrong number in a translation: the translation checks stop it before any build.
    broken = copy_project(tmp_path / "wrong-number")
    page = broken / "docs" / "es" / "next-steps.md"
    text = page.read_text(encoding="utf-8")
    assert "BI-RADS 5 {#highly-suggestive}" in text
    page.write_text(
        text.replace("BI-RADS 5 {#highly-suggestive}", "BI-RADS 7 {#highly-suggestive}"), encoding="utf-8"
    )
    for args in (
        ("--remote", str(publication.remote), "--branch", "gh-pages"),
        ("--dest", str(publication.dest)),
    ):
        result = run_publish(broken, *args, site_url=publication.site_url)
        assert result.returncode == 1
        assert "docs/es/next-steps.md:" in result.stdout and "7" in result.stdout
        assert "nothing was published; the previous publication is unchanged" in result.stderr

    # Inline script in a template: the checks pass, the strict build fails (the CSP audit).
    broken = copy_project(tmp_path / "inline-script")
    main = broken / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", "{% block extrahead %}<script>console.log(1)</script>"
        ),
        encoding="utf-8",
    )
    result = run_publish(broken, "--dest", str(publication.dest), site_url=publication.site_url)
    assert result.returncode == 1
    assert re.search(r"WARNING .*index\.html:\d+: an inline <script>", result.stdout + result.stderr)

    # A page past its review date: refused unless asked for explicitly.
    overdue = copy_project(tmp_path / "overdue")
    page = overdue / "docs" / "en" / "callback.md"
    page.write_text(
        re.sub(
            r"last_reviewed: .*\n  next_review: .*\n",
            "last_reviewed: 2020-01-01\n  next_review: 2020-06-01\n",
            page.read_text(encoding="utf-8"),
            count=1,
        ),
        encoding="utf-8",
    )
    result = run_publish(overdue, "--dest", str(publication.dest), site_url=publication.site_url)
    assert result.returncode == 1
    assert "docs/en/callback.md:7: review overdue since 2020-06-01" in result.stdout
    assert "ALLOW_OVERDUE=1" in result.stderr

    assert git(publication.remote, "rev-parse", "gh-pages") == commit
    assert folder_fingerprint(publication.dest) == folder
    assert publication.dest.with_name("site.tar.gz").read_bytes() == archive

    elsewhere = tmp_path / "www-overdue" / "site"
    result = run_publish(overdue, "--allow-overdue", "--dest", str(elsewhere), site_url=publication.site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "This page is due for review" in (elsewhere / "callback.html").read_text(encoding="utf-8")


def test_publish_refuses_a_folder_that_is_not_a_publication(tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "letter.txt").write_text("keep me")
    result = run_publish(REPO, "--dest", str(precious), site_url="https://x.example/")
    assert result.returncode == 1 and "is not a previous publication" in result.stderr
    assert (precious / "letter.txt").read_text() == "keep me"


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
    include {work / "server.conf"};
}}
""",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def nginx(publication, tmp_path_factory):
    """nginx serving the published folder, plus a stand-in embed page (the embed pages are built
    elsewhere; this one proves the /embed/ rules)."""
    assert Path(NGINX).exists(), f"{NGINX} is missing: run scripts/ensure-nginx.sh"
    embed = publication.dest / EMBED_FOLDER / "callback.html"
    embed.parent.mkdir(exist_ok=True)
    embed.write_text(
        '<!doctype html><html lang="en"><title>Embedded</title>'
        '<p id="pe-embedded">An embedded page</p></html>',
        encoding="utf-8",
    )
    work = tmp_path_factory.mktemp("nginx")
    config = nginx_config(work, publication.dest, publication.nginx_port)
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", publication.nginx_port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                pytest.fail(f"nginx did not start: {process.stdout.read().decode()}\n{log}")
            time.sleep(0.05)
    yield publication.site_url
    process.terminate()
    process.wait(timeout=10)


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


# ---- Chromium, with the policy enforced --------------------------------------------------------------

# Runs before any script of the page (Playwright injects it through DevTools, outside the policy).
LISTEN_FOR_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(\
`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def every_published_page(dest: Path) -> list[str]:
    return sorted(
        p.relative_to(dest).as_posix()
        for p in dest.rglob("*.html")
        if not p.relative_to(dest).as_posix().startswith(EMBED_FOLDER)
    )


@pytest.mark.browser
def test_every_page_loads_with_the_csp_enforced_and_no_violation(publication, nginx, browser):
    context = browser.new_context()
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}"))
    pages = every_published_page(publication.dest)
    assert len(pages) >= len(LANGUAGES) * (len(PAGES) + 2)  # pages, not-found and moved pages
    for path in pages:
        response = page.goto(nginx + path, wait_until="networkidle")
        assert "script-src 'self'" in response.all_headers()["content-security-policy"], path
        assert page.evaluate("window.__violations") == [], path
    # Search runs in a worker, which loads its scripts and the language's index under the policy.
    for code, word in (("en", "biopsy"), ("es", "biopsia"), ("zh", "活检")):
        page.goto(f"{nginx}{lang_root(code)}index.html", wait_until="networkidle")
        page.click(".md-search__input")
        wait_for_search_index(page)
        page.keyboard.type(word, delay=20)
        page.keyboard.press("End")  # Material searches on keyup, which typing Chinese does not send
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert page.evaluate("window.__violations") == [], code
    # The tooltips are placed with the element's style (CSSOM, which the policy allows; a style
    # attribute written as text it would not).
    page.goto(f"{nginx}callback.html", wait_until="networkidle")
    page.hover("article p abbr[title]")
    page.wait_for_selector("#pe-tooltip", state="visible")
    page.hover("article .footnote-ref")
    page.wait_for_selector("#pe-tooltip a", state="visible")  # a note's tooltip: its source's link
    assert page.evaluate("window.__violations") == []
    csp_messages = [m for m in console if "Content Security Policy" in m]
    assert csp_messages == []
    # And the policy is really enforced: an inline script is refused and reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src-elem blocked inline")
    context.close()


@pytest.mark.browser
def test_embed_pages_can_be_framed_by_an_allowed_origin_and_main_pages_cannot(publication, nginx, browser):
    frames = {
        "embed": f"{nginx}{EMBED_FOLDER}callback.html",
        "page": f"{nginx}callback.html",
        "spanish": f"{nginx}es/callback.html",
    }
    host_page = "".join(f'<iframe id="{name}" src="{url}"></iframe>' for name, url in frames.items())
    for folder in publication.host_dirs:
        (folder / "host.html").write_text(
            f"<!doctype html><title>A clinic</title>{host_page}", encoding="utf-8"
        )

    def framed(host: str) -> dict[str, bool]:
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(f"{host}/host.html", wait_until="networkidle")
        shown = {}
        for name in frames.keys():
            frame = page.frame_locator(f"#{name}")
            try:
                shown[name] = frame.locator("h1, #pe-embedded").first.is_visible(timeout=2_000)
            except Exception:
                shown[name] = False
        page.close()
        assert len(refused) == sum(not ok for ok in shown.values()), refused
        return shown

    assert framed(publication.embed_host) == {"embed": True, "page": False, "spanish": False}
    assert framed(publication.other_host) == {"embed": False, "page": False, "spanish": False}
    assert urlsplit(publication.embed_host).port != urlsplit(nginx).port  # a different origin


def test_the_live_preview_keeps_its_reload_script_working(tmp_path):
    """`mkdocs serve` injects an inline script; the preview must not carry the <meta> policy."""
    port = free_port()
    serve_process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            status, _, body = (
                fetch(f"http://127.0.0.1:{port}/es/callback.html") if _listening(port) else (0, {}, b"")
            )
            if status == 200:
                break
            assert serve_process.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.5)
        html = body.decode()
        assert "Qué significa una llamada" in html
        assert "livereload" in html and "<script>" in html  # MkDocs' inline reload script
        assert 'http-equiv="Content-Security-Policy"' not in html
    finally:
        serve_process.terminate()
        serve_process.wait(timeout=20)


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False
