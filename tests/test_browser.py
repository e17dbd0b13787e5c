"""The built site in a real browser: every page of every language loads from this server only,
without console errors or failed requests; each page says its language and direction; the
language selector keeps the reader on the same page (by mouse and by keyboard); and each
language's search finds that language's pages and nothing else.

Languages and pages come from mkdocs.yml and docs/<default>/ through pe_project, so a new
language or page is covered without touching this file. Nothing is blocked or mocked: every
request the pages make is observed and judged."""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pe_project import Language, Project

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
PROJECT = Project(REPO)
LANGUAGES = PROJECT.languages
DEFAULT = PROJECT.default
OTHERS = [lang for lang in LANGUAGES if not lang.default]
PAGES = PROJECT.source_pages()

RTL = frozenset({"ar", "fa", "he", "ur"})
# Hosts a careless theme or page pulls from; any foreign host fails, these are named for the report.
KNOWN_THIRD_PARTIES = ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com",
                       "cdnjs.cloudflare.com", "google-analytics.com", "googletagmanager.com")
# A word of the Spanish pages only (checked against both search indexes before it is used).
SPANISH_ONLY_WORD = "ecografía"
# Preferred English-only word for the negative search; any other word of the default index that
# the other language's index lacks is used when this one is not eligible.
PREFERRED_SOURCE_ONLY_WORDS = ("ultrasound", "tissue", "radiologist")

SEARCH_INPUT = ".md-search__input"
SEARCH_META = ".md-search-result__meta"
RESULT_LINK = ".md-search-result__link"
LANGUAGE_LINK = ".md-header .md-select__link[hreflang]"
LANGUAGE_BUTTON = ".md-header .md-select:has(.md-select__link[hreflang]) > button.md-header__button"
TIMEOUT = 10_000  # ms, for anything the page does by itself (search worker, navigation)

# ---- Helpers -------------------------------------------------------------------------------------


def language_root(lang: Language) -> str:
    """The language's root, relative to the site root: "" for the default, "<code>/" otherwise."""
    return "" if lang.default else f"{lang.code}/"


def page_path(page: str) -> str:
    """docs file name to its URL path: index.md -> "", callback.md -> "callback/"."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def page_url(site_url: str, lang: Language, page: str) -> str:
    return site_url + language_root(lang) + page_path(page)


def expected_direction(code: str) -> str:
    return "rtl" if re.split(r"[-_]", code)[0].lower() in RTL else "ltr"


def search_index(site_dir: Path, lang: Language) -> dict:
    return json.loads((site_dir / language_root(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))


def index_text(index: dict) -> str:
    """Everything the index holds (titles and texts), lower-cased."""
    return " ".join(f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index["docs"]).lower()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"<[^>]+>", " ", text))


def source_only_word(site_dir: Path, other: Language) -> str:
    """A word of the default language's search index that appears nowhere in `other`'s index."""
    source = index_text(search_index(site_dir, DEFAULT))
    target = index_text(search_index(site_dir, other))
    counts = Counter(w for w in words(source) if len(w) >= 6)
    candidates = [w for w in PREFERRED_SOURCE_ONLY_WORDS if counts[w]]
    candidates += [w for w, _ in counts.most_common()]
    for word in candidates:
        if word not in target:
            return word
    pytest.fail(f"no word of the {DEFAULT.code} search index is absent from the {other.code} index")


def shot(page, name: str) -> str:
    path = f"/tmp/test_browser-{re.sub(r'[^A-Za-z0-9]+', '-', name).strip('-')}.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=path, full_page=True)
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
    """Everything one browser context did: requests, failures, bad responses, console errors."""

    origin: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.on("request", self._request)
        context.on("requestfailed", lambda r: self.problems.append(f"request failed ({r.failure}): {r.url}"))
        context.on("response", self._response)
        context.on("page", self._page)
        for page in context.pages:
            self._page(page)

    def _page(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("worker", lambda worker: worker.on("console", self._console))

    def _request(self, request) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            known = " (a known third party)" if parts.hostname and parts.hostname.endswith(KNOWN_THIRD_PARTIES) else ""
            self.problems.append(f"request to another host{known}: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.problems.append(f"console error: {message.text} (at {location.get('url', '?')})")

    def take(self) -> tuple[list[str], list[str]]:
        requests, problems = self.requests, self.problems
        self.requests, self.problems = [], []
        return requests, problems


# Every URL a page's markup asks the browser to fetch or connect to (preconnect and dns-prefetch
# open connections without a request event, so they are read from the DOM).
_RESOURCE_URLS_JS = """() => {
  const urls = [];
  const add = (el, attr) => { const v = el.getAttribute(attr); if (v) urls.push(new URL(v, document.baseURI).href); };
  document.querySelectorAll('script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src], track[src]')
    .forEach(el => add(el, 'src'));
  document.querySelectorAll('object[data]').forEach(el => add(el, 'data'));
  document.querySelectorAll('img[srcset], source[srcset]').forEach(el =>
    el.getAttribute('srcset').split(',').map(s => s.trim().split(/\\s+/)[0]).filter(Boolean)
      .forEach(u => urls.push(new URL(u, document.baseURI).href)));
  const fetching = /\\b(stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest|apple-touch-icon)\\b/i;
  document.querySelectorAll('link[href]').forEach(el => { if (fetching.test(el.rel)) add(el, 'href'); });
  return urls;
}"""


def foreign_resources(page, origin: str) -> list[str]:
    urls = page.evaluate(_RESOURCE_URLS_JS)
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob")
            and f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" != origin]


def new_context(browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    return context


def origin_of(site_url: str) -> str:
    parts = urlsplit(site_url)
    assert parts.hostname == "127.0.0.1", site_url
    return f"{parts.scheme}://{parts.netloc}"


def open_search(page) -> None:
    """Material's search hotkey; at desktop width the input covers the magnifier label."""
    page.keyboard.press("/")
    page.wait_for_function(f"() => document.activeElement && document.activeElement.matches({SEARCH_INPUT!r})",
                           timeout=TIMEOUT)


def search(page, query: str) -> list[str]:
    """Type `query` into the open search box, wait until the search has answered, return result hrefs."""
    translations = json.loads(page.locator("#__config").text_content())["translations"]
    box = page.locator(SEARCH_INPUT)
    box.fill("")
    box.press_sequentially(query, delay=20)
    # Finished means the result line reads "none", "one" or "# found" in the page's language.
    page.wait_for_function(
        """([none, one, other]) => {
             const meta = document.querySelector('.md-search-result__meta');
             const text = meta ? meta.textContent.trim() : '';
             if (text === none || text === one) return true;
             const [before, after] = other.split('#');
             if (!text.startsWith(before) || !text.endsWith(after)) return false;
             return /^\\d+$/.test(text.slice(before.length, text.length - after.length).trim());
           }""",
        arg=[translations["search.result.none"], translations["search.result.one"],
             translations["search.result.other"]],
        timeout=TIMEOUT,
    )
    return page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")


def html_lang(page) -> str:
    return page.evaluate("() => document.documentElement.getAttribute('lang')")


# ---- 1. Every page loads from this server only, cleanly --------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_loads_cleanly_from_this_server_only(browser, site_url, lang):
    origin = origin_of(site_url)
    context = new_context(browser)
    traffic = Traffic(origin)
    traffic.attach(context)
    page = context.new_page()
    report: list[str] = []
    try:
        for number, name in enumerate(PAGES):
            url = page_url(site_url, lang, name)
            response = page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")  # late requests: search index, sitemaps
            if number == 0:  # once per language: the search worker and the index load too
                open_search(page)
                page.wait_for_load_state("networkidle")
            problems = []
            if response is None or response.status != 200 or response.url != url:
                problems.append(f"document: HTTP {response and response.status} at {response and response.url}")
            problems += [f"markup asks for another host: {u}" for u in foreign_resources(page, origin)]
            requests, seen = traffic.take()
            problems += seen
            if problems:
                report.append(f"{url} (screenshot {shot(page, f'load-{lang.code}-{name}')}):\n    "
                              + "\n    ".join(problems))
            assert url in requests, f"{url}: the recorder did not see the document request"
    finally:
        context.close()
    assert not report, f"{len(report)} of {len(PAGES)} {lang.code} pages have problems:\n" + "\n".join(report)


# ---- 2. <html lang> and direction on every page --------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_declares_its_language_and_direction(browser, site_url, lang):
    direction = expected_direction(lang.code)
    context = new_context(browser)
    page = context.new_page()
    wrong = []
    try:
        for name in PAGES:
            url = page_url(site_url, lang, name)
            response = page.goto(url, wait_until="domcontentloaded")
            assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
            seen = page.evaluate("""() => ({
                lang: document.documentElement.getAttribute('lang'),
                htmlDir: document.documentElement.getAttribute('dir'),
                bodyDir: document.body.getAttribute('dir'),
                computed: getComputedStyle(document.body).direction,
                content: getComputedStyle(document.querySelector('.md-content') || document.body).direction,
            })""")
            if seen["lang"] != lang.code:
                wrong.append(f"{url}: <html lang={seen['lang']!r}>, expected {lang.code!r}")
            # Material writes dir on <body>; <html dir>, when present, must agree.
            if seen["bodyDir"] != direction or seen["htmlDir"] not in (None, direction):
                wrong.append(f"{url}: dir html={seen['htmlDir']!r} body={seen['bodyDir']!r}, expected {direction!r}")
            if seen["computed"] != direction or seen["content"] != direction:
                wrong.append(f"{url}: text runs {seen['computed']}/{seen['content']}, expected {direction}")
    finally:
        context.close()
    assert not wrong, "\n".join(wrong)


def test_direction_rule():
    # The rule the test above uses, so a future Arabic or Hebrew site is held to rtl.
    assert [expected_direction(c) for c in ("en", "es", "ar", "fa-IR", "he", "ur", "pt-BR")] == [
        "ltr", "ltr", "rtl", "rtl", "rtl", "rtl", "ltr"]


# ---- 3. The language selector keeps the reader on the same page ----------------------------------


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_language_selector_by_mouse_leads_to_the_same_page(browser, site_url, other):
    name = "callback.md" if "callback.md" in PAGES else PAGES[-1]
    start, expected = page_url(site_url, DEFAULT, name), page_url(site_url, other, name)
    context = new_context(browser)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, f"selector-mouse-{other.code}"):
            page.goto(start, wait_until="networkidle")  # the selector needs the sitemaps it fetched
            assert html_lang(page) == DEFAULT.code
            page.locator(LANGUAGE_BUTTON).click()
            link = page.locator(f"{LANGUAGE_LINK}[hreflang='{other.code}']")
            assert link.count() == 1 and link.inner_text().strip() == other.name
            link.click()
            page.wait_for_url(lambda url: url != start, wait_until="load", timeout=TIMEOUT)
            assert page.url == expected and page.url.endswith(f"/{other.code}/{page_path(name)}")
            assert html_lang(page) == other.code
    finally:
        context.close()


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_language_selector_by_keyboard_leads_to_the_same_page(browser, site_url, other):
    name = "tests.md" if "tests.md" in PAGES else PAGES[0]
    start, expected = page_url(site_url, other, name), page_url(site_url, DEFAULT, name)
    context = new_context(browser)
    page = context.new_page()

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
                return
        pytest.fail(f"{page.url}: {limit} presses of Tab never reached {selector}")

    try:
        with screenshot_on_failure(page, f"selector-keyboard-{other.code}"):
            page.goto(start, wait_until="networkidle")
            assert html_lang(page) == other.code
            page.locator("body").focus()
            tab_to(LANGUAGE_BUTTON)
            page.keyboard.press("Enter")
            target = f"{LANGUAGE_LINK}[hreflang='{DEFAULT.code}']"
            tab_to(target, limit=len(LANGUAGES) + 2)
            # The focused link is really shown to a keyboard user, not only focusable.
            page.wait_for_function(
                "s => { const inner = document.querySelector(s).closest('.md-select__inner');"
                " return getComputedStyle(inner).opacity === '1' && inner.getBoundingClientRect().height > 0; }",
                arg=target, timeout=TIMEOUT)
            assert page.locator(target).inner_text().strip() == DEFAULT.name
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: url != start, wait_until="load", timeout=TIMEOUT)
            assert page.url == expected and page.url.endswith(f"/{page_path(name)}")
            assert not page.url.endswith(f"/{other.code}/{page_path(name)}")
            assert html_lang(page) == DEFAULT.code
    finally:
        context.close()


# ---- 4. Each language's search finds that language's pages, and only those -----------------------


def test_spanish_search_finds_a_spanish_word_on_spanish_pages(browser, site_url, real_site):
    spanish = PROJECT.language("es")
    word = SPANISH_ONLY_WORD
    assert word in index_text(search_index(real_site.site_dir, spanish)), f"{word!r} is not in the es index"
    assert word not in index_text(search_index(real_site.site_dir, DEFAULT)), f"{word!r} is in the en index"
    root = site_url + language_root(spanish)
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
        context.close()


@pytest.mark.parametrize("other", OTHERS, ids=lambda lang: lang.code)
def test_search_results_stay_in_their_language(browser, site_url, real_site, other):
    """A word that only the source pages have: the source site finds it (so the word is searchable),
    and the other language's search gives no result outside that language."""
    word = source_only_word(real_site.site_dir, other)
    source_root, other_root = site_url + language_root(DEFAULT), site_url + language_root(other)
    context = new_context(browser)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, f"search-stays-{other.code}"):
            page.goto(source_root, wait_until="networkidle")
            open_search(page)
            found = search(page, word)
            assert found, f"control: searching {word!r} on {source_root} found nothing"

            page.goto(other_root, wait_until="networkidle")
            open_search(page)
            links = search(page, word)
            outside = [href for href in links if not href.startswith(other_root)]
            assert not outside, (
                f"searching {word!r} (not in any {other.code} page) on {other_root} gives {len(outside)} "
                f"result(s) outside {other_root}, e.g. {outside[:3]}")
    finally:
        context.close()
