"""The built site in a real browser (Debian's chromium through Playwright, against a local server).

1. Every page of every language loads from this server only: the document is a 200, no request
   goes to (or is even attempted towards) another host, no request fails, the console stays clean,
   and the late requests (search worker and index) are waited for.
2. Every page says its language (<html lang>) and runs in its language's direction.
3. The language selector leads to the same page in the other language, by mouse and by keyboard;
   no page fetches the sitemaps Material would look alternates up in.
4. Each language's search finds that language's pages, and only those.

Languages and pages come from mkdocs.yml and docs/<default>/ through project, and the URL
style (directory URLs or .html files) from the built site, so a new language or page is covered
without touching this file. Nothing is blocked or mocked: every request is observed and judged.
A failing test leaves a screenshot in /tmp/test_browser-*.png."""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# CSP_NOTE: the pages' Content-Security-Policy forbids inline and eval'd script, which is how the
# test's own tools (axe-core, Playwright's waits) run inside a page; contexts bypass it for them.
# tests/browser/test_publish.py loads every page with the policy enforced and asserts no violation.
from mammogram_callbacks.project import Language, Project

from tests.support.paths import REPO
from tests.support.web import wait_for_search_index

PROJECT = Project(REPO)
LANGUAGES = PROJECT.languages
DEFAULT = PROJECT.default
OTHERS = [lang for lang in LANGUAGES if not lang.default]
PAGES = PROJECT.source_pages()

RTL = frozenset({"ar", "fa", "he", "ur"})
# Any host but the local server fails; these are named in the report when they turn up.
KNOWN_THIRD_PARTIES = (
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "cdn.jsdelivr.net",
    "unpkg.com",
    "cdnjs.cloudflare.com",
    "google-analytics.com",
    "googletagmanager.com",
)
# A word of the Spanish pages only (checked against both search indexes before it is used).
SPANISH_ONLY_WORD = "ecografía"
# Preferred source-only words for the negative search; when none is eligible (it occurs in the
# other language's index), the most frequent word of the source index that the other lacks is used.
PREFERRED_SOURCE_ONLY_WORDS = ("ultrasound", "tissue", "radiologist")

SEARCH_INPUT = ".md-search__input"
RESULT_LINK = ".md-search-result__link"
LANGUAGE_LINK = ".md-header .md-select__link[hreflang]"
LANGUAGE_BUTTON = ".md-header .md-select:has(.md-select__link[hreflang]) > button.md-header__button"
TIMEOUT = 10_000  # ms, for anything the page does by itself (search worker, navigation)

# ---- The site under test -------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    url: str  # http://127.0.0.1:<port>/
    dir: Path
    directory_urls: bool  # callback/ (MkDocs' default) or callback.html

    @property
    def origin(self) -> str:
        return origin_of(self.url)

    def root(self, lang: Language) -> str:
        """The language's home: the site root for the default language, <code>/ otherwise."""
        return self.url + ("" if lang.default else f"{lang.code}/")

    def path(self, page: str) -> str:
        """A docs file's URL inside its language, as MkDocs writes it: "" / "callback/" or
        "index.html" / "callback.html"."""
        stem = page.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def page(self, lang: Language, page: str) -> str:
        return self.root(lang) + self.path(page)

    def search_index(self, lang: Language) -> dict:
        folder = self.dir if lang.default else self.dir / lang.code
        return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(real_site, site_url) -> Site:
    assert urlsplit(site_url).hostname == "127.0.0.1", site_url
    probe = next((p for p in PAGES if Path(p).stem != "index"), None)
    # Probe for callback.html, not callback/index.html: a page that moved leaves a redirect page at its
    # old directory address.
    directory_urls = probe is None or not (real_site.site_dir / f"{probe.removesuffix('.md')}.html").exists()
    return Site(site_url, real_site.site_dir, directory_urls)


# ---- Helpers -------------------------------------------------------------------------------------


def expected_direction(code: str) -> str:
    return "rtl" if re.split(r"[-_]", code)[0].lower() in RTL else "ltr"


def index_text(index: dict) -> str:
    """Everything a search index holds (titles and texts), lower-cased."""
    return " ".join(f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index["docs"]).lower()


def source_only_word(site: Site, other: Language) -> str:
    """A word of the default language's search index that appears nowhere in `other`'s index."""
    source, target = index_text(site.search_index(DEFAULT)), index_text(site.search_index(other))
    counts = Counter(w for w in re.findall(r"[a-z]+", re.sub(r"<[^>]+>", " ", source)) if len(w) >= 6)
    candidates = [w for w in PREFERRED_SOURCE_ONLY_WORDS if counts[w]] + [w for w, _ in counts.most_common()]
    for word in candidates:
        if word not in target:
            return word
    pytest.fail(f"no word of the {DEFAULT.code} search index is absent from the {other.code} index")


def new_context(browser):
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    return context


def shot(page, name: str) -> str:
    """A viewport screenshot for debugging (full-page shots of long RTL pages crash headless chromium)."""
    path = f"/tmp/test_browser-{re.sub(r'[^A-Za-z0-9]+', '-', name).strip('-')}.png"
    try:
        page.screenshot(path=path)
    except Exception as exc:  # the page may be gone; the assertion message matters more
        return f"none ({type(exc).__name__})"
    return path


@contextlib.contextmanager
def screenshot_on_failure(page, name: str):
    try:
        yield
    except BaseException:
        print(f"screenshot: {shot(page, name)}")
        raise


@dataclass
class Traffic:
    """Everything one page did: every request, and each failure, bad response and console error."""

    origin: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> Traffic:
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.problems.append(f"request failed ({r.failure}): {r.url}"))
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("crash", lambda _: self.problems.append("the page crashed"))
        page.on("worker", lambda worker: worker.on("console", self._console))
        return self

    def _request(self, request) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if origin_of(request.url) != self.origin:
            known = " (a known third party)" if (parts.hostname or "").endswith(KNOWN_THIRD_PARTIES) else ""
            self.problems.append(f"request to another host{known}: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.problems.append(f"console error: {message.text} (at {location.get('url', '?')})")


# Every URL the page's markup asks the browser to fetch or connect to: preconnect and dns-prefetch
# open connections without any request event, so they are read from the DOM.
_RESOURCE_URLS_JS = """() => {
  const urls = [];
  const add = v => { if (v) urls.push(new URL(v, document.baseURI).href); };
  document.querySelectorAll(
    'script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src], track[src]'
  ).forEach(el => add(el.getAttribute('src')));
  document.querySelectorAll('object[data]').forEach(el => add(el.getAttribute('data')));
  document.querySelectorAll('img[srcset], source[srcset]').forEach(el =>
    el.getAttribute('srcset').split(',').forEach(s => add(s.trim().split(/\\s+/)[0])));
  const fetching = new Set(['stylesheet', 'icon', 'preload', 'prefetch', 'preconnect', 'dns-prefetch',
                            'modulepreload', 'manifest', 'apple-touch-icon']);
  document.querySelectorAll('link[href]').forEach(el => {
    if ([...el.relList].some(rel => fetching.has(rel.toLowerCase()))) add(el.getAttribute('href'));
  });
  return urls;
}"""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def foreign_resources(page, origin: str) -> list[str]:
    return [
        u
        for u in page.evaluate(_RESOURCE_URLS_JS)
        if urlsplit(u).scheme not in ("data", "blob") and origin_of(u) != origin
    ]


_FOCUSED_JS = "s => !!document.activeElement && document.activeElement.matches(s)"


def open_search(page) -> None:
    """Material's search hotkey ("/"); at desktop width the input covers the magnifier label."""
    page.keyboard.press("/")
    page.wait_for_function(_FOCUSED_JS, arg=SEARCH_INPUT)


def search(page, query: str) -> list[str]:
    """Type `query` into the open search box, wait until the search has answered, return result hrefs."""
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    box = page.locator(SEARCH_INPUT)
    wait_for_search_index(page)
    box.fill("")
    box.press_sequentially(query, delay=20)
    # Answered means the result line reads "none", "one" or "# found", in the page's language.
    page.wait_for_function(
        """([none, one, other]) => {
             const meta = document.querySelector('.md-search-result__meta');
             const text = meta ? meta.textContent.trim() : '';
             if (text === none || text === one) return true;
             const [before, after] = other.split('#');
             if (!text.startsWith(before) || !text.endsWith(after)) return false;
             return /^\\d+$/.test(text.slice(before.length, text.length - after.length).trim());
           }""",
        arg=[
            translations["search.result.none"],
            translations["search.result.one"],
            translations["search.result.other"],
        ],
    )
    return page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")


def html_lang(page) -> str:
    return page.evaluate("() => document.documentElement.getAttribute('lang')")


# ---- 1. and 2. One visit of every page of a language, judged by two tests ----------------------------


_FACTS_JS = """() => ({
  lang: document.documentElement.getAttribute('lang'),
  htmlDir: document.documentElement.getAttribute('dir'),
  bodyDir: document.body.getAttribute('dir'),
  content: getComputedStyle(document.querySelector('.md-content') || document.body).direction,
})"""


@dataclass
class Visit:
    url: str
    problems: list[str]  # what went wrong loading it; empty when it loaded cleanly
    facts: dict | None  # <html lang>, dir attributes and the content's direction; None if unread
    screenshot: str = ""


def visit_language(browser, site: Site, lang: Language) -> list[Visit]:
    """All pages of the language, each in its own tab of one context, loaded side by side and
    waited for to network idle; the first page also opens the search box (worker and index)."""
    context = new_context(browser)
    visits: list[Visit] = []
    try:
        tabs = []
        for name in PAGES:
            page = context.new_page()
            traffic = Traffic(site.origin).attach(page)
            url = site.page(lang, name)
            tabs.append((name, url, page, traffic, page.goto(url, wait_until="commit")))
        for number, (name, url, page, traffic, response) in enumerate(tabs):
            problems, facts = [], None
            try:
                page.wait_for_load_state("load")
                page.wait_for_load_state("networkidle")  # late requests: search worker and index
                if number == 0:
                    open_search(page)
                    page.wait_for_load_state("networkidle")
                problems += [
                    f"markup asks for another host: {u}" for u in foreign_resources(page, site.origin)
                ]
                facts = page.evaluate(_FACTS_JS)
            except Exception as exc:  # a crash or a hang is this page's finding, not the end of the visit
                problems.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            if response is None or response.status != 200 or response.url != url:
                status, final = (response.status, response.url) if response else (None, None)
                problems.append(f"document: HTTP {status} at {final}")
            if url not in traffic.requests:
                problems.append("the recorder never saw the document request")
            problems += traffic.problems
            first_failure = problems and not any(v.problems for v in visits)
            screenshot = shot(page, f"load-{lang.code}-{name}") if first_failure else ""
            visits.append(Visit(url, problems, facts, screenshot))
    finally:
        with contextlib.suppress(Exception):
            context.close()
    return visits


@pytest.fixture(scope="module")
def visits(browser, site):
    """visits(lang): the one visit of that language's pages, made by whichever test asks first."""
    cache: dict[str, list[Visit]] = {}

    def get(lang: Language) -> list[Visit]:
        if lang.code not in cache:
            cache[lang.code] = visit_language(browser, site, lang)
        return cache[lang.code]

    return get


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_loads_cleanly_from_this_server_only(visits, lang):
    """The document is a 200; no request to another host, none failed, no console error."""
    seen = visits(lang)
    assert [v.url for v in seen] and len(seen) == len(PAGES)
    bad = [v for v in seen if v.problems]
    report = [
        f"{v.url}{f' (screenshot {v.screenshot})' if v.screenshot else ''}:\n    " + "\n    ".join(v.problems)
        for v in bad
    ]
    assert not bad, f"{len(bad)} of {len(seen)} {lang.code} pages have problems:\n" + "\n".join(report)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_declares_its_language_and_direction(visits, lang):
    direction = expected_direction(lang.code)
    wrong = []
    for v in visits(lang):
        facts = v.facts
        if facts is None:
            wrong.append(f"{v.url}: did not load ({'; '.join(v.problems)})")
            continue
        if facts["lang"] != lang.code:
            wrong.append(f"{v.url}: <html lang={facts['lang']!r}>, expected {lang.code!r}")
        # Material writes dir on <body>; <html dir>, where present, must agree with it.
        if facts["bodyDir"] != direction or facts["htmlDir"] not in (None, direction):
            wrong.append(
                f"{v.url}: dir on html={facts['htmlDir']!r} body={facts['bodyDir']!r}, expected {direction!r}"
            )
        if facts["content"] != direction:
            wrong.append(f"{v.url}: the content runs {facts['content']}, expected {direction}")
    assert not wrong, "\n".join(wrong)


def test_direction_rule():
    # The rule the test above holds each language to, so an Arabic or Hebrew site must be rtl.
    assert [expected_direction(c) for c in ("en", "es", "ar", "fa-IR", "he", "ur", "pt-BR", "zh")] == [
        "ltr",
        "ltr",
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
    ]


# ---- 3. The language selector keeps the reader on the same page ----------------------------------


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_language_selector_by_mouse_leads_to_the_same_page(browser, site, other):
    name = "callback.md" if "callback.md" in PAGES else PAGES[-1]
    start, expected = site.page(DEFAULT, name), site.page(other, name)
    context = new_context(browser)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, f"selector-mouse-{other.code}"):
            page.goto(start, wait_until="networkidle")
            assert html_lang(page) == DEFAULT.code
            page.locator(LANGUAGE_BUTTON).click()
            link = page.locator(f"{LANGUAGE_LINK}[hreflang='{other.code}']")
            assert link.count() == 1, f"{start}: the selector has {link.count()} links to {other.code}"
            assert link.inner_text().strip() == other.name
            link.click()
            page.wait_for_url(lambda url: url != start, wait_until="load")
            assert page.url == expected, f"the selector led from {start} to {page.url}, not {expected}"
            assert page.url.endswith(f"/{other.code}/{site.path(name)}")
            assert html_lang(page) == other.code
    finally:
        with contextlib.suppress(Exception):
            context.close()


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_language_selector_by_keyboard_leads_to_the_same_page(browser, site, other):
    """Tab to the selector, Enter, Tab to the source language, Enter: no mouse at all."""
    name = "tests.md" if "tests.md" in PAGES else PAGES[0]
    start, expected = site.page(other, name), site.page(DEFAULT, name)
    target = f"{LANGUAGE_LINK}[hreflang='{DEFAULT.code}']"
    context = new_context(browser)
    page = context.new_page()

    def tab_to(selector: str, limit: int) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(_FOCUSED_JS, selector):
                return
        pytest.fail(f"{page.url}: {limit} presses of Tab never reached {selector}")

    try:
        with screenshot_on_failure(page, f"selector-keyboard-{other.code}"):
            page.goto(start, wait_until="networkidle")
            assert html_lang(page) == other.code
            tab_to(LANGUAGE_BUTTON, limit=30)
            page.keyboard.press("Enter")
            tab_to(target, limit=len(LANGUAGES) + 1)
            # The focused link is shown to the keyboard user, not merely focusable.
            page.wait_for_function(
                "s => { const menu = document.querySelector(s).closest('.md-select__inner');"
                " return getComputedStyle(menu).opacity === '1'"
                " && menu.getBoundingClientRect().height > 0; }",
                arg=target,
            )
            assert page.locator(target).inner_text().strip() == DEFAULT.name
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: url != start, wait_until="load")
            assert page.url == expected, f"the selector led from {start} to {page.url}, not {expected}"
            assert html_lang(page) == DEFAULT.code
    finally:
        with contextlib.suppress(Exception):
            context.close()


@pytest.mark.parametrize("lang", [DEFAULT, OTHERS[0]], ids=lambda lang: lang.code)
def test_a_page_fetches_no_sitemap_and_keeps_its_language_alternates(browser, site, lang):
    """Material would fetch sitemap.xml beside each alternate on every page, for nothing here
    (assets/javascripts/pe-material.js); the alternates are still in the page once it has loaded."""
    context = new_context(browser)
    page = context.new_page()
    traffic = Traffic(site.origin).attach(page)
    try:
        for name in ("index.md", "callback.md"):
            page.goto(site.page(lang, name), wait_until="networkidle")
            alternates = page.evaluate(
                "[...document.querySelectorAll('link[rel=alternate][hreflang]')].map(link => link.hreflang)"
            )
            assert sorted(alternates) == sorted([*(language.code for language in LANGUAGES), "x-default"]), (
                alternates
            )
        assert [url for url in traffic.requests if "sitemap" in url] == []
        assert traffic.problems == []
    finally:
        with contextlib.suppress(Exception):
            context.close()


# ---- The colour palette (assets/javascripts/pe-md-palette.js) -------------------------------------

# Records every time anything sets Material's "switching" attribute on <body>: Material's palette
# component does on start-up, restyling the whole page twice. Set up before the page's first byte.
RECORD_PALETTE_SWITCHES = """
window.__switches = 0;
new MutationObserver(records => { \
window.__switches += records.filter(r => r.target === document.body).length; })
  .observe(document, { subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"] });
"""
SCHEME = "document.body.dataset.mdColorScheme"
TOGGLE = ".md-header__option label.md-header__button:not([hidden])"


def test_the_palette_follows_the_system_until_the_reader_picks_one_and_keeps_the_pick(browser, site):
    context = browser.new_context(bypass_csp=True, color_scheme="dark")
    context.add_init_script(RECORD_PALETTE_SWITCHES)
    page = context.new_page()
    try:
        page.goto(site.page(DEFAULT, "callback.md"), wait_until="load")
        assert page.evaluate(SCHEME) == "slate"
        assert page.evaluate("window.__switches") == 0, "the palette was set again with a restyle"
        toggle = page.locator(TOGGLE)
        assert toggle.count() == 1 and toggle.get_attribute("title") == "Switch to light mode"
        assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
        page.wait_for_function("document.querySelector('meta[name=theme-color]').content === '#00695c'")
        # The system changes its setting: the page follows (nothing picked yet).
        page.emulate_media(color_scheme="light")
        page.wait_for_function(f"{SCHEME} === 'default'")
        assert page.locator(TOGGLE).get_attribute("title") == "Switch to dark mode"
        # The reader picks dark (by mouse), then light again (from the keyboard, on the radio buttons).
        page.locator(TOGGLE).click()
        page.wait_for_function(f"{SCHEME} === 'slate'")
        assert page.locator(TOGGLE).get_attribute("title") == "Switch to light mode"
        page.focus("#__palette_1")
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"{SCHEME} === 'default'")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"{SCHEME} === 'slate'")
        # Kept, on the next page and against the system's setting.
        page.emulate_media(color_scheme="light")
        page.goto(site.page(DEFAULT, "index.md"), wait_until="load")
        assert page.evaluate(SCHEME) == "slate"
        assert page.locator(TOGGLE).get_attribute("title") == "Switch to light mode"
    finally:
        context.close()


def test_a_dark_system_gets_the_dark_palette_before_materials_script_runs(browser, site):
    """Set while the page is read in, not when Material's bundle starts (then, a dark-mode reader's
    first visit showed the light page first): here the bundle is never loaded at all."""
    context = browser.new_context(bypass_csp=True, color_scheme="dark")
    page = context.new_page()
    try:
        page.route(
            re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort()
        )
        page.goto(site.page(DEFAULT, "callback.md"), wait_until="domcontentloaded")
        assert page.evaluate(SCHEME) == "slate"
        assert page.locator(TOGGLE).count() == 1
    finally:
        context.close()


# ---- 4. Each language's search finds that language's pages, and only those -----------------------


def test_spanish_search_finds_a_spanish_word_on_spanish_pages(browser, site):
    spanish = PROJECT.language("es")
    word = SPANISH_ONLY_WORD
    assert word in index_text(site.search_index(spanish)), f"{word!r} is not in the es search index"
    assert word not in index_text(site.search_index(DEFAULT)), f"{word!r} is in the {DEFAULT.code} index too"
    root = site.root(spanish)
    context = new_context(browser)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, "search-es-word"):
            page.goto(root, wait_until="networkidle")
            open_search(page)
            links = search(page, word)
            assert links, f"searching {word!r} on {root} found nothing"
            outside = [href for href in links if not href.startswith(root)]
            assert not outside, f"searching {word!r} on {root} leads outside it: {outside}"
    finally:
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture(scope="module")
def found_on_source_site() -> dict[str, list[str]]:
    """Control searches on the source site, by word, shared by the languages that use the same word."""
    return {}


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_search_results_stay_in_their_language(browser, site, found_on_source_site, other):
    """A word only the source pages have: the source site finds it (so it is searchable at all),
    and the other language's search gives no result outside that language."""
    word = source_only_word(site, other)
    source_root, other_root = site.root(DEFAULT), site.root(other)
    context = new_context(browser)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, f"search-stays-{other.code}"):
            if word not in found_on_source_site:
                page.goto(source_root, wait_until="networkidle")
                open_search(page)
                found_on_source_site[word] = search(page, word)
            assert found_on_source_site[word], f"control: searching {word!r} on {source_root} found nothing"

            page.goto(other_root, wait_until="networkidle")
            open_search(page)
            links = search(page, word)
            outside = [href for href in links if not href.startswith(other_root)]
            assert not outside, (
                f"searching {word!r} (in no {other.code} page) on {other_root} gives {len(outside)} "
                f"result(s) outside {other_root}, e.g. {outside[:3]}"
            )
    finally:
        with contextlib.suppress(Exception):
            context.close()
