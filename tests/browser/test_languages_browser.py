"""Issue #7 in a real browser: search in Chinese, Arabic, Vietnamese, Somali and Hmong finds the page that
contains the query, and Arabic pages are laid out right to left."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

# CSP_NOTE: the pages' Content-Security-Policy forbids inline and eval'd script, which is how the
# test's own tools (axe-core, Playwright's waits) run inside a page; contexts bypass it for them.
# tests/browser/test_publish.py loads every page with the policy enforced and asserts no violation.

# A word of each language, and the section of the page that contains it (from its own index).
QUERIES = {
    "zh": ("钙化", "report-words.html"),
    "ar": ("التكلسات", "report-words.html"),
    "vi": ("vôi hóa", "report-words.html"),
    "so": ("kalsiyumka", "report-words.html"),  # calcium (dhibcaha kalsiyumka: calcifications)
    "hmn": ("ntom", "report-words.html"),  # dense (mis ntom: dense breasts)
}


def search(page, query: str) -> list[str]:
    """Type a query the way Material expects, once its worker has built the index."""
    page.wait_for_load_state("networkidle")
    field = page.locator(".md-search__input")
    field.click()  # at desktop width the field is in the header
    # Material says "Type to start searching" (its own translation) once the index is ready;
    # a query typed before that is dropped.
    page.wait_for_function(
        """() => {
        const ready = JSON.parse(document.getElementById("__config").textContent)
            .translations["search.result.placeholder"];
        return document.querySelector(".md-search-result__meta").innerText.trim() === ready.trim();
    }""",
        timeout=20_000,
    )
    field.fill(query)
    field.press("End")  # Material reacts to key events; fill() alone inserts text without one
    page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


@pytest.mark.parametrize("language", sorted(QUERIES))
def test_a_query_finds_the_page_that_contains_it(browser, site_url, real_site, language):
    query, expected_page = QUERIES[language]
    index = json.loads(real_site.html(f"{language}/search/search_index.json"))
    texts = [
        (d["location"].split("#")[0], d["title"] + d["text"].replace("\u200b", "")) for d in index["docs"]
    ]
    assert expected_page in {page for page, text in texts if query in text}  # the premise, from the index
    # lunr matches any word of a query of several words ("vôi hóa").
    containing = {page for page, text in texts if any(word in text for word in query.split())}

    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}{language}/index.html")
    links = search(page, query)
    paths = [urlsplit(page.evaluate("h => new URL(h, location.href).href", h)).path for h in links]
    assert paths, "no result"
    assert all(p.startswith(f"/{language}/") for p in paths), paths
    found = {p.removeprefix(f"/{language}/") for p in paths}
    assert expected_page in found, (query, found)
    assert found <= containing, found - containing
    context.close()


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return box


def test_arabic_pages_are_laid_out_right_to_left(browser, site_url, tmp_path):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{site_url}ar/callback.html")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    nav, content = _box(page, ".md-sidebar--primary"), _box(page, ".md-content")
    assert nav["x"] > content["x"], "the navigation stands to the right of the content"
    # Lists indent from the right.
    item = page.locator(".md-typeset ul li").first
    assert page.evaluate("el => getComputedStyle(el.parentElement).direction", item.element_handle()) == "rtl"
    # The icon array fills from the right: the first highlighted icons are at the right edge.
    svg = _box(page, ".pe-icon-array svg")
    transform = page.evaluate("getComputedStyle(document.querySelector('.pe-icon-array svg')).transform")
    assert transform.startswith("matrix(-1"), transform
    assert svg["width"] > 200
    # Phone numbers keep their digit order inside the right-to-left text.
    page.goto(f"{site_url}ar/waiting.html")
    phones = page.locator("a[href^='tel:']").all_inner_texts()
    assert "1-800-227-2345" in phones, phones
    page.screenshot(path=str(tmp_path / "ar-callback.png"), full_page=False)

    english = context.new_page()
    english.goto(f"{site_url}callback.html")
    assert english.evaluate("document.documentElement.dir") == "ltr"
    assert _box(english, ".md-sidebar--primary")["x"] < _box(english, ".md-content")["x"]
    context.close()


def test_every_script_renders_with_a_local_font(browser, site_url):
    """The system font stack has glyphs for each script: no text falls back to empty boxes."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for language, sample in (("ar", "الاستدعاء"), ("zh", "召回"), ("vi", "Quý vị")):
        page.goto(f"{site_url}{language}/index.html")
        # Chromium reports the fonts it actually used for a node's text through the DevTools protocol.
        session = context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": ".md-content h1"})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert fonts and all(f["glyphCount"] > 0 for f in fonts), (language, fonts)
        assert sample[0] in page.locator(".md-content").inner_text()
        session.detach()
    context.close()
