"""Accessibility a patient notices (issue #6): axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation
on any page of any language, in light and dark; every control is reachable by keyboard in the
page's order with a visible focus; the skip link, the language selector, the glossary tooltips,
the menu and the search work without a mouse; pages fit 320 px and 200% zoom without sideways
scrolling. (That every page says its language and direction: tests/build/test_accessibility.py.)

Pages come from the built site (tests/support/site_pages.py), so new languages and the embed pages
are audited as soon as they are built.
"""

from __future__ import annotations

import re

import pytest

from tests.support.axe import audit
from tests.support.project import LANGUAGES, PROJECT
from tests.support.web import wait_for_search_index

# CSP_NOTE: the pages' Content-Security-Policy forbids inline and eval'd script, which is how the
# test's own tools (axe-core, Playwright's waits) run inside a page; contexts bypass it for them.
# tests/browser/test_publish.py loads every page with the policy enforced and asserts no violation.
SCHEMES = {"light": "default", "dark": "slate"}  # emulated colour scheme -> Material's palette
TIMEOUT = 10_000


# ---- axe-core ----------------------------------------------------------------------------------


def _open(browser, url: str, scheme: str = "light", **context_options):
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, **context_options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    return context, page


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(
    browser, site_url, site_pages, axe_path, language, scheme
):
    pages = [page for page in site_pages if page.language == language]
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    problems = []
    try:
        for page in pages:
            tab.goto(site_url + page.path)
            if page.kind != "embed":  # embed pages are not Material's: no colour-scheme switch
                assert tab.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], page.path
            problems += [f"{page.path}: {violation}" for violation in audit(tab, axe_path)]
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_with_search_results_tooltip_or_language_menu_open(
    browser, site_url, site_pages, axe_path, language
):
    """The states a page has only after a reader acts: what axe sees at load is not all of it."""
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(browser, f"{site_url}{root}callback.html")
    word = _search_word(language)
    try:
        field = tab.locator(".md-search__input")
        field.focus()
        # A query typed before Material's worker has built the index is dropped: wait for Material's
        # own "Type to start searching" (its translation), then type; fill() alone sends no key event.
        wait_for_search_index(tab, timeout=3 * TIMEOUT)
        field.fill(word)
        field.press("End")
        tab.locator(".md-search-result__item").first.wait_for(timeout=3 * TIMEOUT)
        search = audit(_settled(tab), axe_path)
        tab.keyboard.press("Escape")
        tab.locator("abbr[tabindex='0']").first.focus()
        tab.locator(".pe-tooltip:not([hidden])").wait_for()
        tooltip = audit(_settled(tab), axe_path)
        tab.locator(".md-header .md-select__link").first.focus()
        menu = audit(_settled(tab), axe_path)
    finally:
        context.close()
    problems = [
        f"{state}: {violation}"
        for state, found in (("search results", search), ("tooltip", tooltip), ("language menu", menu))
        for violation in found
    ]
    assert problems == [], "\n".join(problems)


def _settled(tab):
    """The page once its transitions have ended: axe measures colours as they are on screen."""
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    return tab


def _search_word(language: str) -> str:
    """A word that surely has results: the first word of the language's callback page title."""
    title = PROJECT.parse(PROJECT.page_file(language, "callback.md")).meta["title"]
    return title if language == "zh" else max(title.split(), key=len)


# ---- Keyboard ----------------------------------------------------------------------------------

# Every element gets its position in the document, and every focus move is recorded, so that the
# tab path can be compared with the document order in one round trip.
_NUMBER_AND_RECORD = """() => {
  let position = 0;
  for (const element of document.querySelectorAll("*")) element.dataset.peOrder = position++;
  window.peFocusPath = [];
  document.addEventListener("focusin", event => window.peFocusPath.push(+event.target.dataset.peOrder), true);
}"""

# What a keyboard reader should be able to reach: focusable, not disabled, not hidden, and one stop
# per radio group (the arrow keys move inside a group).
_REACHABLE = """() => [...document.querySelectorAll(\
"a[href], button, input, select, textarea, summary, [tabindex]")]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}))
  .filter(e => {
    if (e.type !== "radio" || !e.name) return true;
    const group = [...document.querySelectorAll(`input[type=radio][name="${e.name}"]`)];
    return e === (group.find(r => r.checked) || group[0]);
  })
  .map(e => +e.dataset.peOrder)"""

_DESCRIBE = """(position) => { const e = document.querySelector(`[data-pe-order="${position}"]`);
  return `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} \
"${(e.textContent || e.ariaLabel || "").trim().slice(0, 30)}"`; }"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_reaches_every_control_in_document_order(browser, site_url, site_pages, language):
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    problems = []
    try:
        for page in [p for p in site_pages if p.language == language]:
            tab.goto(site_url + page.path)
            tab.evaluate(_NUMBER_AND_RECORD)
            reachable = tab.evaluate(_REACHABLE)
            for _ in reachable:
                tab.keyboard.press("Tab")
            path = tab.evaluate("window.peFocusPath")
            if path != reachable:
                first = next(
                    i
                    for i, (a, b) in enumerate(zip(path + [None] * len(reachable), reachable, strict=False))
                    if a != b
                )
                problems.append(
                    f"{page.path}: stop {first + 1} is "
                    f"{tab.evaluate(_DESCRIBE, path[first]) if first < len(path) else 'nothing'}, "
                    f"expected {tab.evaluate(_DESCRIBE, reachable[first])}"
                )
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


_FOCUS_BOX = """() => {
  const e = document.activeElement;
  let box = e.getBoundingClientRect();
  if (box.width * box.height < 4) {  // a hidden radio (Material's palette): its visible label shows the focus
    const shown = [e.nextElementSibling, ...(e.labels || []), e.parentElement]
      .find(x => x && x.getBoundingClientRect().width * x.getBoundingClientRect().height >= 4);
    box = shown.getBoundingClientRect();
  }
  const first = e.getClientRects()[0] || box;
  const x = first.left + first.width / 2, y = first.top + first.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {x: box.left, y: box.top, width: box.width, height: box.height,
          covered: box === first && !!hit && !e.contains(hit) \
&& !(e.labels && [...e.labels].some(l => l.contains(hit))),
          coveredBy: hit ? `${hit.tagName}.${hit.className}` : ""};
}"""


@pytest.mark.parametrize(("language", "scheme"), [(code, "light") for code in LANGUAGES] + [("en", "dark")])
def test_focus_is_visible_and_not_hidden_under_the_header(browser, site_url, language, scheme):
    """At every tab stop of the richest page, the focused control looks different from unfocused."""
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(
        browser, f"{site_url}{root}callback.html", scheme, viewport={"width": 1280, "height": 800}
    )
    problems = []
    try:
        tab.evaluate(_NUMBER_AND_RECORD)
        for _ in tab.evaluate(_REACHABLE):
            tab.keyboard.press("Tab")
            tab.wait_for_timeout(30)  # Material's focus transitions (skip link, tooltips) start
            where = tab.evaluate(_DESCRIBE, tab.evaluate("+document.activeElement.dataset.peOrder"))
            box = tab.evaluate(_FOCUS_BOX)
            if box["covered"]:
                problems.append(f"{where}: hidden under {box['coveredBy']}")
            clip = _clip(box, tab.viewport_size)
            if clip is None:
                problems.append(f"{where}: focused outside the window")
                continue
            # animations="disabled" finishes Material's transitions before each picture.
            focused = tab.screenshot(clip=clip, animations="disabled")
            tab.evaluate("() => { window.peLast = document.activeElement; document.activeElement.blur(); }")
            unfocused = tab.screenshot(clip=clip, animations="disabled")
            tab.evaluate("() => window.peLast.focus()")
            if focused == unfocused:
                problems.append(f"{where}: no visible focus")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def _clip(box: dict, viewport: dict) -> dict | None:
    margin = 8  # Material draws focus outlines outside the element (outline-offset .2rem)
    left, top = max(0, box["x"] - margin), max(0, box["y"] - margin)
    right = min(viewport["width"], box["x"] + box["width"] + margin)
    bottom = min(viewport["height"], box["y"] + box["height"] + margin)
    if right - left < 1 or bottom - top < 1:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_link_is_the_first_stop_and_takes_the_reader_to_the_content(browser, site_url, language):
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(browser, f"{site_url}{root}callback.html")
    try:
        tab.keyboard.press("Tab")
        skip = tab.locator(".md-skip")
        assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
        tab.wait_for_function("getComputedStyle(document.querySelector('.md-skip')).opacity === '1'")
        assert skip.is_visible()
        tab.keyboard.press("Enter")
        assert tab.evaluate("location.hash") == "#what-a-callback-means"
        tab.keyboard.press("Tab")
        # The next stop is inside the page's text, not the header or the navigation.
        assert tab.evaluate("!!document.activeElement.closest('article.md-content__inner')")
    finally:
        context.close()


def test_language_selector_works_from_the_keyboard(browser, site_url):
    context, tab = _open(browser, site_url + "callback.html")
    try:
        for _ in range(30):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.getAttribute('hreflang')") == "es":
                break
        else:
            pytest.fail("Tab never reached the Spanish link of the language selector")
        # The menu opens on focus (Material fades it in).
        tab.wait_for_function(
            "getComputedStyle(document.activeElement.closest('.md-select__inner')).opacity === '1'"
        )
        assert tab.locator(".md-header .md-select__link[hreflang='es']").is_visible()
        tab.keyboard.press("Enter")
        tab.wait_for_url(re.compile(r"/es/callback\.html$"))
        assert tab.evaluate("document.documentElement.lang") == "es"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_the_language_list_stays_on_screen_and_the_page_never_scrolls_sideways(
    browser, site_url, language
):
    """Material centres the list under its button at the header's end; right to left it reached past
    the screen's left edge, so the page loaded scrolled sideways and jumped back (a layout shift)."""
    root = "" if language == PROJECT.default.code else f"{language}/"
    phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
    # Before any script has run (as the page first paints), and after.
    for scripts in (False, True):
        context, tab = _open(browser, f"{site_url}{root}callback.html", java_script_enabled=scripts, **phone)
        try:
            tab.wait_for_load_state("load")
            assert tab.evaluate("document.documentElement.scrollWidth") == 360, ("scripts", scripts)
            if scripts:
                tab.locator(".md-header .md-select").hover()
                tab.wait_for_function(
                    "getComputedStyle(document.querySelector('.md-header .md-select__inner')).opacity === '1'"
                )
                for link in tab.locator(".md-header .md-select__link").all():
                    box = link.bounding_box()
                    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (
                        link.get_attribute("hreflang"),
                        box,
                    )
        finally:
            context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_glossary_tooltip_opens_on_keyboard_focus(browser, site_url, language):
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(browser, f"{site_url}{root}callback.html")
    try:
        definition = tab.locator("abbr[tabindex='0']").first.get_attribute("title")
        _tab_to(tab, "abbr", presses=80)
        tooltip = tab.locator(".pe-tooltip:not([hidden])")
        tooltip.wait_for()
        assert tooltip.inner_text().strip() == definition
        assert tab.evaluate(
            "document.activeElement.getAttribute('aria-describedby')"
        ) == tooltip.get_attribute("id")
        # On the screen, in a right-to-left page too (Material's own tooltips were drawn off to the right).
        box = tooltip.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= tab.viewport_size["width"], box
    finally:
        context.close()


# WCAG 1.4.13 (content on hover or focus): a tooltip can be dismissed without moving the focus or the
# pointer, the pointer can move onto it without losing it, and it stays until the reader moves on.
# The tooltips are the site's own (assets/javascripts/pe-tooltips.js, styled in pe.css); Material's
# did neither of the first two for glossary terms.

_MARK_FOCUSED = "() => { document.activeElement.dataset.peTerm = ''; }"
_FOCUS_UNMOVED = "() => 'peTerm' in document.activeElement.dataset"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_escape_hides_a_glossary_tooltip_and_leaves_the_focus_on_the_term(browser, site_url, language):
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(browser, f"{site_url}{root}callback.html")
    try:
        _tab_to(tab, "abbr[tabindex='0']", presses=80)
        tab.evaluate(_MARK_FOCUSED)
        tab.locator(".pe-tooltip:not([hidden])").wait_for()
        tooltip = tab.locator(f"#{tab.evaluate('document.activeElement.getAttribute(`aria-describedby`)')}")
        assert tooltip.is_visible()
        tab.keyboard.press("Escape")
        tooltip.wait_for(state="hidden")
        tab.wait_for_timeout(400)  # longer than Material's own delays: it stays hidden
        assert not tooltip.is_visible()
        assert tab.evaluate(_FOCUS_UNMOVED), "Escape moved the focus off the term"
        # Focus the term again (back within Material's 250 ms, when it reuses the hidden tooltip): shown.
        tab.keyboard.press("Tab")
        tab.keyboard.press("Shift+Tab")
        assert tab.evaluate(_FOCUS_UNMOVED)
        tooltip.wait_for()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("language", "host"), [("en", "abbr[title]"), ("ar", "abbr[title]"), ("en", ".footnote-ref")]
)
def test_pointer_moves_onto_a_tooltip_and_escape_hides_it(browser, site_url, language, host):
    """A glossary term's tooltip, and a footnote's (below or above its number, 16 px away)."""
    root = "" if language == PROJECT.default.code else f"{language}/"
    context, tab = _open(browser, f"{site_url}{root}callback.html", viewport={"width": 1280, "height": 800})
    try:
        # A term on one line (one that wraps has a bounding box whose middle is beside it, and a
        # tooltip under its last line).
        terms = tab.locator(f"article p {host}")
        index = terms.evaluate_all("list => list.findIndex(e => e.getClientRects().length === 1)")
        assert index >= 0
        term = terms.nth(index)
        term.scroll_into_view_if_needed()
        box = term.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        tab.mouse.move(x, y)
        tooltip = tab.locator(".pe-tooltip:not([hidden])")
        tooltip.wait_for()
        tooltip_id = tooltip.get_attribute("id")
        tooltip = tab.locator(f"#{tooltip_id}")
        # Onto the tooltip slowly, 1 px every 30 ms (a hand with a tremor, a screen magnifier), not in one
        # jump.
        inner = tooltip.bounding_box()
        target = inner["y"] + min(inner["height"] / 2, 20)
        if target < y:  # a tooltip above its term
            target = inner["y"] + inner["height"] - min(inner["height"] / 2, 20)
        step = 1 if target > y else -1
        while abs(target - y) > 1:
            y += step
            tab.mouse.move(x, y)
            tab.wait_for_timeout(30)
        tab.wait_for_timeout(500)  # twice Material's grace period: it stays while the pointer is on it
        assert tooltip.is_visible(), "the tooltip went away while the pointer moved onto it"
        assert tab.evaluate(
            "([x, y, id]) => !!document.elementFromPoint(x, y).closest(`#${id}`)", [x, y, tooltip_id]
        ), "the pointer is on the tooltip but the tooltip does not take it"
        shown = tooltip.evaluate("t => t.textContent")
        tab.keyboard.press("Escape")
        # Escape hides it. With the tooltip gone, the pointer may now rest on another term below it
        # (Chromium sends a mouseover when the layout under a still pointer changes): that term's own
        # tooltip may then show, and that is right. The dismissed one must not come back.
        tab.wait_for_function(
            "([id, text]) => { const t = document.getElementById(id);"
            " return t.hidden || !t.checkVisibility() || t.textContent !== text; }",
            arg=[tooltip_id, shown],
        )
        # Pointing at the term again shows its tooltip again.
        tab.mouse.move(box["x"] - 20, box["y"] + box["height"] / 2)
        tab.mouse.move(x, box["y"] + box["height"] / 2)
        tab.locator(".pe-tooltip:not([hidden])").wait_for()
        assert tab.locator(".pe-tooltip:not([hidden])").is_visible()
    finally:
        context.close()


def test_a_wrapped_terms_tooltip_is_under_the_line_pointed_at_and_the_pointer_reaches_it(browser, site_url):
    """A term split over two lines: its tooltip goes under the line the pointer is on, not under the
    middle of the term's whole box (beside both lines, out of the pointer's reach)."""
    context, tab = _open(browser, site_url + "callback.html", viewport={"width": 320, "height": 640})
    try:
        term = tab.locator("article p abbr[title]").first
        # Narrow the term's paragraph until the term wraps: the test does not depend on the text.
        wrapped = term.evaluate("""term => {
            const paragraph = term.closest("p");
            for (let width = 300; width > 40; width -= 2) {
                paragraph.style.width = `${width}px`;
                if (term.getClientRects().length === 2) return true;
            }
            return false;
        }""")
        assert wrapped, "the term never wrapped"
        term.scroll_into_view_if_needed()
        tab.wait_for_timeout(100)
        lines = term.evaluate(
            "t => [...t.getClientRects()].map(r => ({x: r.x, y: r.y, w: r.width, h: r.height}))"
        )
        tooltip = tab.locator("#pe-tooltip")
        for line in lines:  # the first line, then the second (the pointer leaves the term in between)
            tab.mouse.move(1, 1)
            tooltip.wait_for(state="hidden")
            x, y = line["x"] + min(line["w"] / 2, 10), line["y"] + line["h"] / 2
            tab.mouse.move(x, y)
            tooltip.wait_for()
            box = tooltip.bounding_box()
            assert line["y"] + line["h"] <= box["y"] <= line["y"] + line["h"] + 10, (box, line)
            # Straight down from the line: the strip between them takes the pointer, and it stays.
            for step in range(1, int(box["y"] + 5 - y)):
                tab.mouse.move(x, y + step)
            tab.wait_for_timeout(400)
            assert tooltip.is_visible(), line
    finally:
        context.close()


def test_a_source_notes_tooltip_shows_the_note_without_its_back_link_or_tab_stops(browser, site_url):
    context, tab = _open(browser, site_url + "callback.html")
    try:
        _tab_to(tab, ".footnote-ref", presses=120)
        note = tab.locator(f"[id='{tab.evaluate('document.activeElement.hash.slice(1)')}']")
        tooltip = tab.locator("#pe-tooltip")
        tooltip.wait_for()
        assert tab.evaluate("document.activeElement.getAttribute('aria-describedby')") == "pe-tooltip"
        expected = note.evaluate("""li => { const copy = li.cloneNode(true);
            copy.querySelectorAll('.footnote-backref').forEach(e => e.remove()); \
return copy.textContent.trim(); }""")
        assert tooltip.text_content().strip() == expected and "↩" not in expected
        assert tooltip.locator("a").count() > 0  # the source's address, clickable with a pointer
        assert tooltip.evaluate("t => [...t.querySelectorAll('a, [tabindex]')].every(e => e.tabIndex === -1)")
        assert tooltip.locator("[id], abbr").count() == 0  # no duplicate ids, no tooltip in a tooltip
        # The focus moves on: the tooltip goes, and the number no longer points at it.
        focused = tab.evaluate_handle("document.activeElement")
        tab.evaluate("document.activeElement.blur()")
        tooltip.wait_for(state="hidden")
        assert focused.evaluate("e => e.getAttribute('aria-describedby')") is None
    finally:
        context.close()


def test_a_terms_title_is_put_away_while_its_tooltip_shows_and_comes_back_after(browser, site_url):
    """The browser would show the title as a second tooltip over the site's; without scripts, and
    for screen readers reading past the term, the title is the definition."""
    context, tab = _open(browser, site_url + "callback.html")
    try:
        term = tab.locator("article p abbr[tabindex='0']").first
        definition = term.get_attribute("title")
        term.focus()
        tab.locator("#pe-tooltip").wait_for()
        assert term.get_attribute("title") is None
        assert tab.locator(".md-tooltip2, .md-tooltip").count() == 0  # Material's own are not made
        term.blur()
        tab.locator("#pe-tooltip").wait_for(state="hidden")
        assert term.get_attribute("title") == definition
        # Escape, then moving on: back too.
        term.focus()
        tab.keyboard.press("Escape")
        assert term.get_attribute("title") is None, "the browser's own tooltip would undo the Escape"
        term.blur()
        assert term.get_attribute("title") == definition
    finally:
        context.close()


def test_on_a_phone_a_tap_on_a_term_shows_its_tooltip_and_a_tap_elsewhere_hides_it(browser, site_url):
    context, tab = _open(
        browser,
        site_url + "callback.html",
        viewport={"width": 390, "height": 700},
        has_touch=True,
        is_mobile=True,
        device_scale_factor=2,
    )
    try:
        term = tab.locator("article p abbr[tabindex='0']").first
        term.scroll_into_view_if_needed()
        term.tap()
        tooltip = tab.locator("#pe-tooltip")
        tooltip.wait_for()
        box = tooltip.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 390, box
        tab.wait_for_timeout(600)  # it stays: the finger has left, the term still has the focus
        assert tooltip.is_visible()
        tab.locator("article h2:not(:has(abbr))").first.tap()
        tooltip.wait_for(state="hidden")
    finally:
        context.close()


# ---- Small screens and zoom ----------------------------------------------------------------------

# 320 CSS px wide (WCAG 1.4.10 reflow), and a 1280 x 800 window at 200% zoom (640 x 400 CSS px).
NARROW = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    "zoom200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.mark.parametrize("layout", list(NARROW))
def test_no_page_scrolls_sideways_on_a_narrow_screen(browser, site_url, site_pages, layout):
    context = browser.new_context(bypass_csp=True, **NARROW[layout])
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    wide = []
    try:
        for page in site_pages:
            tab.goto(site_url + page.path)
            width = tab.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if width[0] > width[1]:
                wide.append(f"{page.path}: {width[0]} px of content in {width[1]} px")
    finally:
        context.close()
    assert wide == [], "\n".join(wide)


def _tab_to(tab, selector: str, presses: int = 40) -> None:
    for _ in range(presses):
        tab.keyboard.press("Tab")
        if tab.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize("layout", list(NARROW))
def test_menu_and_search_open_from_the_keyboard_on_a_narrow_screen(browser, site_url, layout):
    context, tab = _open(browser, site_url + "callback.html", **NARROW[layout])
    try:
        # Closed, the drawer's links take no focus.
        assert not tab.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
        _tab_to(tab, "label[for='__drawer']")
        tab.keyboard.press("Enter")
        _tab_to(tab, ".md-sidebar--primary a.md-nav__link")
        assert tab.locator(":focus").is_visible()
        tab.goto(site_url + "callback.html")
        _tab_to(tab, ".md-search__input")  # tabbing into the search field opens the search
        _settled(tab)
        assert tab.locator(".md-search__input").is_visible()
        wait_for_search_index(tab)
        tab.keyboard.type("biopsy")
        tab.locator(".md-search-result__item").first.wait_for(timeout=3 * TIMEOUT)
        assert tab.locator(".md-search-result__item").first.is_visible()
    finally:
        context.close()
