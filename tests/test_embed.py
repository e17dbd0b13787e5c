"""Embed pages and the script clinics paste.

Files: every embeddable page of every language has an embed page with the same content (icon array,
statistics with their sources, glossary terms) and none of the site's chrome or Material's bundle;
they are light. Browser: a clinic's page served from a second local origin embeds a page with the
script, and the frame is exactly as tall as its content at phone and desktop widths and after a
resize; nothing is fetched from anywhere else; messages from another origin, or of another shape,
are ignored; a plain <iframe> still works; a branded build's embeds refuse to be framed by a site
its profile does not list.
"""

from __future__ import annotations

import gzip
import html
import http.server
import posixpath
import re
import shutil
import socketserver
import threading
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO, build_site, serve
from mammogram_callbacks.project import Project
from mammogram_callbacks.render.content import text_direction
from mammogram_callbacks.render.embed import (
    content_security_policy,
    embed_content,
    embed_url,
    relocate,
    snippet_templates,
)

PROJECT = Project(REPO)
LANGUAGES = [lang.code for lang in PROJECT.languages]
EMBEDDABLE = PROJECT.embeddable_pages()
HOST_FILES = Path(__file__).parent / "embed_host"

# What an embed page may weigh, with its stylesheet and script, gzip-compressed (the full page with
# Material's CSS and JavaScript is about 70 KB); and the clinic's script ("a few KB").
EMBED_BUDGET_GZIP = 12 * 1024
HOST_SCRIPT_BUDGET = 4 * 1024
FRAME_SCRIPT_BUDGET = 3 * 1024
FIT = 2  # px: how far the frame's height may be from its content's


# ---- Addresses and content ----------------------------------------------------------------------


def test_embed_addresses_are_stable_per_language_and_page():
    assert embed_url("callback.html", "en", "en") == "embed/en/callback.html"
    assert embed_url("index.html", "en", "en") == "embed/en/index.html"
    assert embed_url("es/callback.html", "es", "en") == "embed/es/callback.html"
    assert embed_url("ar/guides/x.html", "ar", "en") == "embed/ar/guides/x.html"


def test_relative_links_still_reach_the_full_site_from_the_embed_address():
    assert (
        relocate("tests.html#biopsy", "es/callback.html", "embed/es/callback.html")
        == "../../es/tests.html#biopsy"
    )
    assert relocate("../callback.html", "es/callback.html", "embed/es/callback.html") == "../../callback.html"
    assert relocate("tests.html", "callback.html", "embed/en/callback.html") == "../../tests.html"
    for unchanged in ("#fn:1", "https://example.org/a", "tel:+18002272345", "//cdn.example/x"):
        assert relocate(unchanged, "es/callback.html", "embed/es/callback.html") == unchanged


def test_embed_content_opens_other_pages_in_a_new_tab_and_makes_terms_focusable():
    content = (
        '<p><a href="tests.html#biopsy">biopsy</a> <a href="https://www.cancer.gov/">NCI</a> '
        '<a href="tel:+18004226237">1-800-422-6237</a> <sup id="fnref:a"><a class="footnote-ref" '
        'href="#fn:a">1</a></sup> <abbr title="A small sample.">biopsy</abbr> <abbr>US</abbr> '
        '<img alt="x" src="../assets/x.png" /></p>'
    )
    assert embed_content(content, "es/callback.html", "embed/es/callback.html") == (
        '<p><a href="../../es/tests.html#biopsy" target="_blank" rel="noopener">biopsy</a> '
        '<a href="https://www.cancer.gov/" target="_blank" rel="noopener noreferrer">NCI</a> '
        '<a href="tel:+18004226237">1-800-422-6237</a> <sup id="fnref:a"><a class="footnote-ref" '
        'href="#fn:a">1</a></sup> <abbr title="A small sample." tabindex="0">biopsy</abbr> <abbr>US</abbr> '
        '<img alt="x" src="../../assets/x.png" /></p>'
    )


def test_the_embed_pages_own_policy_allows_nothing_inline_or_foreign():
    assert content_security_policy() == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


def test_who_may_frame_the_embeds():
    from mammogram_callbacks.publish.headers import embed_framers

    assert embed_framers(("*",), None) == ("*",)  # the public site (data/publish.yml)
    assert embed_framers((), None) == ("'self'",)  # the live preview of "Embed these pages"
    assert embed_framers(("https://a.example",), None) == ("'self'", "https://a.example")
    # A clinic's branded build: its profile's origins, whatever data/publish.yml says.
    assert embed_framers(("*",), ("https://a.example", "http://127.0.0.1:9")) == (
        "'self'",
        "https://a.example",
        "http://127.0.0.1:9",
    )


def test_the_snippets_name_a_page_and_a_language_only():
    script, frame = snippet_templates("https://site.example", 'Callbacks "&" more')
    assert script == (
        '<script src="https://site.example/assets/javascripts/embed.js" data-page="{page}" '
        'data-lang="{lang}" async></script>'
    )
    assert frame == (
        '<iframe src="https://site.example/embed/{lang}/{page}.html" title="Callbacks &quot;&amp;&quot; '
        'more" width="100%" height="1200" frameborder="0" loading="lazy"></iframe>'
    )


# ---- The real site's embed pages, as files --------------------------------------------------------


def embed_pages(site: Path):
    for lang in LANGUAGES:
        for page in EMBEDDABLE:
            yield lang, page, site / "embed" / lang / page.replace(".md", ".html")


def test_every_page_of_every_language_has_an_embed_page_without_the_sites_chrome(real_site):
    assert len(EMBEDDABLE) >= 8 and "embed.md" not in EMBEDDABLE and "translation-status.md" not in EMBEDDABLE
    for lang, page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}" dir="{text_direction(lang)}">' in document, path
        for chrome in ("md-header", "md-nav", "md-search", "md-footer", "md-select", "md-sidebar", "md-tabs"):
            assert chrome not in document, (path, chrome)
        # Canonical, not noindex: search engines list the page it repeats (and may read it, robots.txt)
        assert 'name="robots"' not in document, path
        assert re.search(
            r'<link rel="canonical" href="http[^"]+/' + (page.replace(".md", ".html")) + '">', document
        ), path
        assert '<meta name="description" content="' in document, path  # the page's own (Lighthouse SEO)
    assert sorted(p.name for p in (real_site.site_dir / "embed").iterdir()) == sorted(LANGUAGES)
    assert not (real_site.site_dir / "embed/en/embed.html").exists()
    assert not (real_site.site_dir / "embed/es/translation-status.html").exists()


def test_embed_pages_have_the_pages_content_with_sources_icon_array_and_glossary(real_site):
    page = real_site.html("embed/es/callback.html")
    full = real_site.html("es/callback.html")
    assert '<svg viewBox="0 0 400 250" role="img"' in page  # the icon array
    assert "De 1,000 mujeres" in page  # numbers as US readers write them (es_US)
    assert "De dónde vienen estos números" in page and '<div class="footnote">' in page  # sources of numbers
    assert re.search(r'<abbr title="[^"]+" tabindex="0">radiólogo</abbr>', page)  # glossary tooltips
    # The same words as the full page: its <article> content, links aside.
    first_paragraph = re.search(r"<h2 id=\"how-common\">.*?</p>", full, re.S)[0]
    assert re.sub(r"<[^>]+>", "", first_paragraph) in re.sub(r"<[^>]+>", "", page)
    # The attribution line: the review date and a link to the full page, in a new tab.
    # The attribution line: the site's name and the review date in the reader's language, whether a
    # breast-imaging doctor reviewed the page, and a link to the full page, in a new tab.
    assert (
        "<p>Esta página es de Llamadas tras la mamografía. Última revisión: 1 de diciembre de 2026. "
        "Todavía no la revisó un médico especialista en imágenes del seno. "
        '<a href="../../es/callback.html" target="_blank" rel="noopener">Leer la página completa'
        '<span class="pe-visually-hidden"> (se abre en una pestaña nueva)</span></a></p>'
    ) in page
    # In Arabic: right to left, with Arabic-Indic digits in the date.
    assert "<p>هذه الصفحة من موقع استدعاءات الماموغرام. آخر مراجعة: ١ ديسمبر ٢٠٢٦." in real_site.html(
        "embed/ar/callback.html"
    )


def test_embed_links_open_in_a_new_tab_and_lead_to_pages_that_exist(real_site):
    for _lang, _page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<a\s[^>]*>", document):
            href = html.unescape(re.search(r'href="([^"]*)"', tag)[1])
            if href.startswith("#") or href.startswith("tel:"):
                assert "target=" not in tag, (path, tag)
                continue
            assert 'target="_blank"' in tag and "noopener" in tag, (path, tag)
            if not urlsplit(href).scheme:
                target = posixpath.normpath(
                    posixpath.join(
                        path.parent.relative_to(real_site.site_dir).as_posix(), urlsplit(href).path
                    )
                )
                assert (real_site.site_dir / target).is_file(), (path, href)


def test_embed_pages_load_no_material_bundle_and_no_inline_script(real_site):
    for _lang, _page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", document, re.S)
        assert scripts == [""], path  # one script, from a file
        assert re.findall(r'<script src="([^"]+)"', document) == ["../../assets/javascripts/embed-frame.js"]
        assert "bundle." not in document and "main." not in document and "palette." not in document
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', document) == [
            "../../assets/stylesheets/embed.css"
        ]
        assert re.search(r" on[a-z]+=", document) is None, path
        assert 'http-equiv="Content-Security-Policy"' in document


def test_embed_pages_are_light(real_site):
    site = real_site.site_dir
    css = (site / "assets/stylesheets/embed.css").read_bytes()
    frame_script = (site / "assets/javascripts/embed-frame.js").read_bytes()
    weights = {
        path: len(gzip.compress(path.read_bytes(), 9))
        + len(gzip.compress(css, 9))
        + len(gzip.compress(frame_script, 9))
        for _l, _p, path in embed_pages(site)
    }
    heaviest = max(weights, key=weights.get)
    print(
        f"\nheaviest embed page: {heaviest.relative_to(site)}, {weights[heaviest]} bytes gzipped with its "
        f"CSS and script (budget {EMBED_BUDGET_GZIP})"
    )
    assert weights[heaviest] <= EMBED_BUDGET_GZIP
    assert len(frame_script) <= FRAME_SCRIPT_BUDGET
    host_script = (site / "assets/javascripts/embed.js").read_bytes()
    assert len(host_script) <= HOST_SCRIPT_BUDGET
    for script in (host_script, frame_script):
        code = re.sub(rb"/\*.*?\*/", b"", script, flags=re.S)  # comments show an example address
        assert not re.search(
            rb"https?://|import\b|require\(|fetch\(|XMLHttpRequest|cookie|localStorage", code
        )


def test_a_page_not_translated_yet_is_embedded_in_the_source_language_with_the_readers_notice(site_factory):
    result = build_site(site_factory("untranslated-page"))
    assert result.error is None, result.warnings
    page = result.html("embed/es/extra.html")
    assert '<html lang="es" dir="ltr">' in page
    assert "Esta página todavía no está disponible en español. Está leyendo la versión en inglés." in page
    assert '<a href="../../es/extra.html" target="_blank" rel="noopener">Leer la página completa' in page


def test_the_neutral_site_lets_any_site_frame_its_embeds_and_no_site_its_pages(real_site):
    from mammogram_callbacks.publish.headers import parse_headers_file

    rules = parse_headers_file(real_site.html("_headers"))
    policies = {rule.pattern: rule.headers.get("Content-Security-Policy", "") for rule in rules}
    embed = [p for pattern, p in policies.items() if "/embed/" in pattern]
    assert embed and all(p.endswith("; frame-ancestors *") for p in embed)
    pages = [p for pattern, p in policies.items() if "/embed/" not in pattern and p]
    assert pages and all(p.endswith("; frame-ancestors 'none'") for p in pages)


# ---- In a browser: a clinic's page on a second origin ----------------------------------------------


@pytest.fixture(scope="module")
def clinic_pages(tmp_path_factory):
    """A folder served on its own origin (another port on 127.0.0.1): the clinic's web pages."""
    folder = tmp_path_factory.mktemp("clinic-pages")
    for name in ("host.js", "poster.html", "poster.js"):
        shutil.copy(HOST_FILES / name, folder / name)
    server, url = serve(folder)
    yield folder, url
    server.shutdown()


@pytest.fixture(scope="module")
def third_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("third-site")
    for name in ("poster.html", "poster.js"):
        shutil.copy(HOST_FILES / name, folder / name)
    server, url = serve(folder)
    yield url
    server.shutdown()


def host_page(folder: Path, name: str, body: str) -> str:
    """A clinic's page: a heading, some text, the pasted code, more text."""
    (folder / name).write_text(
        '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n<title>Harbor View Breast Imaging</title>\n'
        '<script src="host.js"></script>\n</head>\n<body>\n<h1>Your callback</h1>\n<p>Read this first.</p>\n'
        f'{body}\n<p id="after">Call us with any question.</p>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    return name


def script_snippet(site_url: str, page: str, lang: str) -> str:
    return (
        snippet_templates(site_url, "Mammogram Callbacks")[0].replace("{page}", page).replace("{lang}", lang)
    )


class Visit:
    """One browser context on a clinic's page: every request and every console error is kept."""

    def __init__(self, browser, url: str, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def frame(self, index: int = 0):
        return self.page.locator("iframe").nth(index).element_handle().content_frame()

    def heights(self, index: int = 0) -> tuple[float, float]:
        """(the iframe's height, its content's height), in CSS pixels."""
        outer = (
            self.page.locator("iframe").nth(index).evaluate("frame => frame.getBoundingClientRect().height")
        )
        inner = self.frame(index).evaluate("document.documentElement.getBoundingClientRect().height")
        return outer, inner

    def fitted(self, index: int = 0, timeout: float = 10) -> tuple[float, float]:
        """The heights once the frame has fitted its content (three polls in a row), or the last seen."""
        deadline, streak, seen = time.monotonic() + timeout, 0, (0.0, 0.0)
        while time.monotonic() < deadline:
            seen = self.heights(index)
            streak = streak + 1 if abs(seen[0] - seen[1]) <= FIT and seen[1] > 100 else 0
            if streak >= 3:
                break
            self.page.wait_for_timeout(100)
        return seen

    def no_inner_scrolling(self, index: int = 0) -> bool:
        return self.frame(index).evaluate(
            "document.documentElement.scrollHeight <= window.innerHeight + 1 && "
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        )

    def origins(self) -> set[str]:
        return {
            f"{p.scheme}://{p.netloc}"
            for p in map(urlsplit, self.requests)
            if p.scheme not in ("data", "about")
        }

    def close(self):
        self.context.close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.browser
@pytest.mark.parametrize(("width", "lang", "page"), [(375, "es", "callback"), (1280, "ar", "report-words")])
def test_the_frame_fits_its_content_at_phone_and_desktop_widths_and_after_a_resize(
    browser, site_url, clinic_pages, width, lang, page
):
    folder, host = clinic_pages
    name = host_page(folder, f"fit-{lang}.html", script_snippet(site_url, page, lang))
    visit = Visit(browser, host + name, width)
    try:
        outer, inner = visit.fitted()
        assert abs(outer - inner) <= FIT, (width, outer, inner)
        assert visit.no_inner_scrolling()
        assert visit.frame().url == f"{site_url}embed/{lang}/{page}.html"
        # The clinic's page goes on below the frame, not under it.
        after = visit.page.locator("#after").bounding_box()
        frame_box = visit.page.locator("iframe").bounding_box()
        assert after["y"] >= frame_box["y"] + frame_box["height"] - 1
        for other in (1280 if width == 375 else 375, 768):
            visit.page.set_viewport_size({"width": other, "height": 800})
            resized_outer, resized_inner = visit.fitted()
            assert abs(resized_outer - resized_inner) <= FIT, (other, resized_outer, resized_inner)
            assert visit.no_inner_scrolling()
            assert resized_inner != inner  # the content did reflow: the test measured a real change
        # The frame took the page's title, for screen readers.
        site_name = yaml.safe_load((REPO / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))[
            "site_name"
        ]
        assert visit.page.locator("iframe").get_attribute("title").endswith(f"– {site_name}")
        assert visit.origins() == {origin(site_url), origin(host)}, visit.requests
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.browser
def test_the_frame_follows_its_content_when_a_term_is_opened(browser, site_url, clinic_pages):
    folder, host = clinic_pages
    name = host_page(folder, "term.html", script_snippet(site_url, "tests", "en"))
    visit = Visit(browser, host + name, 375)
    try:
        before, _ = visit.fitted()
        visit.frame().locator("abbr[title]").first.focus()  # a tap or the keyboard shows the definition
        deadline = time.monotonic() + 5
        while visit.heights()[0] <= before and time.monotonic() < deadline:
            visit.page.wait_for_timeout(50)
        outer, inner = visit.fitted()
        assert outer > before and abs(outer - inner) <= FIT
        assert visit.no_inner_scrolling()
    finally:
        visit.close()


@pytest.mark.browser
def test_two_frames_on_one_page_each_fit_their_own_content(browser, site_url, clinic_pages):
    folder, host = clinic_pages
    body = (
        script_snippet(site_url, "glossary", "zh")
        + "\n<p>Between.</p>\n"
        + script_snippet(site_url, "index", "vi")
    )
    visit = Visit(browser, host + host_page(folder, "two.html", body), 1280)
    try:
        first, second = visit.fitted(0), visit.fitted(1)
        assert abs(first[0] - first[1]) <= FIT and abs(second[0] - second[1]) <= FIT
        assert abs(first[0] - second[0]) > 50  # two different pages, two different heights
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.browser
def test_messages_from_another_origin_or_of_another_shape_are_ignored(
    browser, site_url, clinic_pages, third_site
):
    folder, host = clinic_pages
    body = (
        script_snippet(site_url, "callback", "en")
        + f'\n<iframe src="{third_site}poster.html" title="Other"></iframe>'
    )
    visit = Visit(browser, host + host_page(folder, "guarded.html", body), 1280)
    try:
        fitted, _ = visit.fitted()
        page, frame = visit.page, visit.frame()
        # A well-formed message from the clinic's own page, and from a third site (posting repeatedly).
        page.evaluate("window.postMessage({type: 'pe-embed-height', height: 5, title: 'fake'}, '*')")
        page.wait_for_function(
            f"window.__peMessages.filter(m => m.origin === {origin(third_site)!r}).length >= 10"
        )
        # Messages from the embedded page itself, but of the wrong shape.
        for bad in (
            "{type: 'pe-embed-height', height: '9000'}",
            "{type: 'other', height: 9001}",
            "{type: 'pe-embed-height', height: -3}",
            "{type: 'pe-embed-height', height: 1e9}",
            "{type: 'pe-embed-height', height: NaN}",
            "'pe-embed-height 9002'",
            "null",
        ):
            frame.evaluate(f"parent.postMessage({bad}, '*')")
        page.wait_for_timeout(300)
        received = page.evaluate("window.__peMessages.map(m => m.origin)")
        assert origin(host) in received and origin(third_site) in received  # they did arrive
        applied = page.evaluate("window.__peHeights")
        assert not {"5px", "7px", "9000px", "9001px", "9002px", "1000000000px"} & set(applied), applied
        assert abs(visit.heights()[0] - fitted) <= FIT
        assert page.locator("iframe").first.get_attribute("title") != "fake"
        # The control: the same message from the embedded page is applied (and then corrected by it).
        frame.evaluate("parent.postMessage({type: 'pe-embed-height', height: 10}, '*')")
        page.wait_for_function("window.__peHeights.includes('10px')")
        outer, inner = visit.fitted()
        assert abs(outer - inner) <= FIT and abs(outer - fitted) <= FIT
    finally:
        visit.close()


@pytest.mark.browser
def test_a_plain_iframe_without_the_script_still_shows_the_page(browser, site_url, clinic_pages):
    folder, host = clinic_pages
    frame_code = (
        snippet_templates(site_url, "Mammogram Callbacks")[1]
        .replace("{page}", "callback")
        .replace("{lang}", "es")
    )
    visit = Visit(browser, host + host_page(folder, "plain.html", frame_code), 375)
    try:
        frame = visit.frame()
        frame.wait_for_load_state("load")
        assert visit.heights()[0] == 1200
        assert frame.evaluate("document.documentElement.scrollHeight") > 1200  # readers scroll inside it
        assert frame.evaluate("window.scrollTo(0, 400), window.scrollY") == 400
        assert "Qué significa" in frame.inner_text("h1")
        assert visit.origins() == {origin(site_url), origin(host)}
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.browser
def test_the_embed_page_tool_previews_and_copies_the_code(browser, site_url):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(site_url + "es/embed.html")
        code = page.locator("#pe-embed-code")
        assert code.input_value() == script_snippet(site_url, "index", "es")
        page.select_option("#pe-embed-page", "callback")
        page.select_option("#pe-embed-language", "ar")
        assert code.input_value() == script_snippet(site_url, "callback", "ar")
        assert (
            f'src="{site_url}embed/ar/callback.html"' in page.locator("#pe-embed-iframe-code").input_value()
        )
        preview = page.locator("#pe-embed-preview iframe")
        preview.wait_for()
        assert preview.get_attribute("src") == site_url + "embed/ar/callback.html"
        frame = preview.element_handle().content_frame()
        frame.wait_for_load_state("load")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            outer = preview.evaluate("frame => frame.getBoundingClientRect().height")
            inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
            if abs(outer - inner) <= FIT and inner > 100:
                break
            page.wait_for_timeout(100)
        assert abs(outer - inner) <= FIT
        assert frame.evaluate("document.documentElement.dir") == "rtl"
        page.locator("[data-pe-copy='pe-embed-code']").click()
        page.locator(".pe-embed-builder__status", has_text="Copiado.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == code.input_value()
        assert errors == []
    finally:
        context.close()


# ---- A branded build: only the profile's origins may frame the embeds --------------------------------


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a site the way a host reading its `_headers` file does (Netlify, Cloudflare Pages)."""

    rules: ClassVar[list] = []

    def end_headers(self):
        from mammogram_callbacks.publish.headers import headers_for_path

        for name, value in headers_for_path(self.rules, self.path.split("?")[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def read_headers_file(path: Path):
    from mammogram_callbacks.publish.headers import parse_headers_file

    return parse_headers_file(path.read_text(encoding="utf-8"))


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.mark.browser
def test_a_branded_build_is_framed_only_by_the_clinics_origins(
    browser, site_factory, monkeypatch, clinic_pages, third_site, tmp_path
):
    folder, host = clinic_pages
    root = site_factory()
    shutil.copy(REPO / "clinics/example-logo.svg", root / "logo.svg")
    profile = (REPO / "clinics/example.yml").read_text(encoding="utf-8")
    profile = profile.replace("logo: example-logo.svg", "logo: logo.svg").replace(
        "languages: [en, es, ar, zh, vi]", "languages: [en, es, ar]"
    )
    profile = re.sub(r"frame_origins:\n(  - .*\n)+", f"frame_origins:\n  - {origin(host)}\n", profile)
    (root / "clinic.yml").write_text(profile, encoding="utf-8")
    monkeypatch.setenv("PE_CLINIC", "clinic.yml")
    result = build_site(root)
    assert result.error is None, result.warnings

    handler = type("Handler", (_HeadersHandler,), {"rules": read_headers_file(result.site_dir / "_headers")})
    server = _Server(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(result.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    branded = f"http://127.0.0.1:{server.server_address[1]}/"
    snippet = script_snippet(branded, "next-steps", "es")
    try:
        # The clinic's own site: the page shows, fitted, with the clinic's name and phone.
        visit = Visit(browser, host + host_page(folder, "branded.html", snippet), 375)
        try:
            outer, inner = visit.fitted()
            assert abs(outer - inner) <= FIT
            assert "llame a Harbor View Breast Imaging al (503) 555-0142" in visit.frame().inner_text("body")
            assert visit.errors == []
        finally:
            visit.close()
        # Another site: the browser refuses to show the page in its frame.
        (tmp_path / "other").mkdir()
        other_server, other = serve(tmp_path / "other")
        host_page(tmp_path / "other", "steal.html", snippet)
        shutil.copy(HOST_FILES / "host.js", tmp_path / "other" / "host.js")
        visit = Visit(browser, other + "steal.html", 375)
        try:
            visit.page.wait_for_timeout(500)
            assert "Harbor View" not in visit.frame().evaluate("document.body ? document.body.innerText : ''")
            assert any("frame-ancestors" in error for error in visit.errors), visit.errors
            assert visit.page.evaluate("window.__peHeights") == []
        finally:
            visit.close()
            other_server.shutdown()
    finally:
        server.shutdown()
