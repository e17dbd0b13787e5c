"""Embed pages in a browser: a clinic's page served from a second local origin embeds a page with the
script, and the frame is exactly as tall as its content at phone and desktop widths and after a
resize; nothing is fetched from anywhere else; messages from another origin, or of another shape,
are ignored; a plain <iframe> still works; a branded build's embeds refuse to be framed by a site
its profile does not list.
"""

from __future__ import annotations

import http.server
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
from mammogram_callbacks.render.embed import snippet_templates

from tests.support.builds import build_site
from tests.support.paths import REPO, TESTS
from tests.support.web import serve

HOST_FILES = TESTS / "embed_host"
FIT = 2  # px: how far the frame's height may be from its content's


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
        self.warnings: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on(
            "console", lambda message: message.type == "warning" and self.warnings.append(message.text)
        )
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
            # No height will come: the frame scrolls instead, a link opens the page, and the
            # console says why (the frame is not left at its first height with the page cut off).
            frame = visit.page.locator("iframe")
            visit.page.wait_for_function(
                "document.querySelector('iframe').getAttribute('scrolling') === 'yes'"
            )
            link = visit.page.locator("iframe + p a")
            assert link.get_attribute("href") == branded + "embed/es/next-steps.html"
            assert link.get_attribute("target") == "_blank"
            assert frame.evaluate("f => f.scrolling") == "yes"  # the attribute browsers honour for frames
            assert any(
                "loaded but told no height" in w and "frame-ancestors must list this origin" in w
                for w in visit.warnings
            ), visit.warnings
        finally:
            visit.close()
            other_server.shutdown()
    finally:
        server.shutdown()


def test_keyboard_users_can_skip_past_each_embedded_page(browser, site_url, clinic_pages):
    folder, host = clinic_pages
    body = script_snippet(site_url, "callback", "es") + "\n" + script_snippet(site_url, "tests", "en")
    visit = Visit(
        browser, host + host_page(folder, "skip.html", body + '\n<button id="next">Next</button>'), 1280
    )
    try:
        visit.fitted(0)
        visit.fitted(1)
        page = visit.page
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.textContent")
        assert first == "Saltar la página insertada"  # the page's own words, in its language
        assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 1  # shown on focus
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip past the embedded page"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        # Four key presses past two whole pages (the frames' links were never visited).
        assert page.evaluate("document.activeElement.id") == "next"
        assert visit.errors == []
    finally:
        visit.close()


def test_a_source_note_link_inside_a_frame_brings_the_note_into_view_on_the_clinics_page(
    browser, site_url, clinic_pages
):
    folder, host = clinic_pages
    visit = Visit(
        browser, host + host_page(folder, "notes.html", script_snippet(site_url, "callback", "en")), 375
    )
    try:
        visit.fitted()
        page = visit.page
        assert page.evaluate("window.scrollY") == 0
        frame = visit.frame()
        note_id = frame.evaluate("document.querySelector('a.footnote-ref').getAttribute('href').slice(1)")
        frame.locator("a.footnote-ref").first.click()
        page.wait_for_function("window.scrollY > 0")
        frame_top = page.evaluate("document.querySelector('iframe').getBoundingClientRect().top")
        note_top = frame.evaluate(f"document.getElementById({note_id!r}).getBoundingClientRect().top")
        # The note is on the screen of the clinic's page (not somewhere below it).
        assert 0 <= frame_top + note_top <= page.evaluate("window.innerHeight"), (frame_top, note_top)
        assert visit.errors == []
    finally:
        visit.close()
