"""Publishing: what the published site carries, `make publish` into a real git repository and a
folder, and the live preview.

The publishing tests run scripts/publish.py on a copy of the project (so a test can break a copy
without touching the repository): once to a local bare git repository, once to a folder (the
`publication` fixture, tests/conftest.py), and then with a deliberate fault, which must leave both
publications exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import tarfile
import time
from html.parser import HTMLParser
from pathlib import Path

from mammogram_callbacks.publish.csp_audit import blocked_inline_code
from mammogram_callbacks.publish.headers import (
    embed_framers,
    headers_for_file,
    headers_for_path,
    parse_headers_file,
)
from mammogram_callbacks.publish.sitemap import sitemap_entries

from tests.support.paths import REPO
from tests.support.project import DEFAULT, LANGUAGES, PAGES, lang_root
from tests.support.publishing import HOST_FILES, NOT_FOUND_TITLES, copy_project, fetch, run_publish
from tests.support.web import free_port

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
    # RFC 9116, with the contact the clinic's data/publish.yml names (GitHub Pages serves it: .nojekyll).
    security = git(remote, "show", "gh-pages:.well-known/security.txt")
    assert "Contact: mailto:security@clinic.example" in security.splitlines()
    assert any(line.startswith("Expires: ") for line in security.splitlines())


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


# ---- The live preview --------------------------------------------------------------------------------


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


def test_a_clinics_copy_of_some_languages_publishes_at_the_clinics_address(tmp_path):
    project = copy_project(tmp_path / "project")
    profile = project / "clinics" / "example.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        re.sub(r"^languages: .*$", "languages: [en, es]", text, flags=re.M)
        + "site_url: https://harborview-imaging.example/patient-education/\n",
        encoding="utf-8",
    )
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    dest = tmp_path / "www" / "site"
    for args in (("--remote", str(remote), "--branch", "gh-pages"), ("--dest", str(dest))):
        result = run_publish(project, "--clinic", str(profile), *args, site_url=None)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        assert (
            "Harbor View Breast Imaging's copy (en, es) for https://harborview-imaging.example/"
            in result.stdout
        )
        assert "under a path (/patient-education/)" in result.stdout
    files = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert files == set(git(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()) - {".nojekyll"}
    # Only its languages: no page, embed page, redirect stub or server rule for the others.
    assert {"index.html", "es/index.html", "embed/es/callback.html"} <= files
    assert not any(name.split("/")[0] in ("ar", "zh", "vi", "so", "hmn") for name in files)
    assert not any(name.startswith(("embed/ar/", "embed/so/")) for name in files)
    # Its handouts and feed: its languages only, at its address.
    assert {"handouts/es/callback.pdf", "feed/es/index.json", "feed/en/atom.xml"} <= files
    assert not any(name.startswith(("handouts/ar/", "feed/zh/", "handouts/so/")) for name in files)
    assert '"url": "https://harborview-imaging.example/patient-education/es/callback.html"' in (
        dest / "feed" / "es" / "callback.json"
    ).read_text(encoding="utf-8")
    for host_file in ("_headers", "_redirects", "_nginx.conf", "sitemap.xml"):
        assert not re.search(r"/(ar|zh|vi|so|hmn)/", (dest / host_file).read_text(encoding="utf-8")), (
            host_file
        )
    # Its name, and its address in the canonical links, the sitemap and the embed snippets.
    index = (dest / "index.html").read_text(encoding="utf-8")
    assert "Harbor View Breast Imaging" in index
    assert (
        '<link rel="canonical" href="https://harborview-imaging.example/patient-education/index.html">'
        in index
    )
    assert "https://harborview-imaging.example/patient-education/" in (dest / "sitemap.xml").read_text()
    embed = (dest / "embed.html").read_text(encoding="utf-8")
    assert "https://harborview-imaging.example/patient-education/assets/javascripts/embed.js" in embed
    assert "mammogram-callbacks.example.org" not in index + embed

    # Without an address of its own, a clinic's copy is refused before anything is built.
    profile.write_text(text, encoding="utf-8")
    result = run_publish(project, "--clinic", str(profile), "--dest", str(tmp_path / "other"), site_url=None)
    assert result.returncode == 1
    assert "a clinic's copy needs the address it is published at" in result.stderr
    assert "not the public site's https://mammogram-callbacks.example.org/" in result.stderr
    assert not (tmp_path / "other").exists()
