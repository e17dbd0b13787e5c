"""A clinic's branded copy of two languages, published under a path and served by nginx as
deploy/README.md says, in Chromium with its Content-Security-Policy enforced: every page loads
without a violation, carries the clinic's name, logo and phone, links to its handout and to the
other language under the path, and search works there."""

from __future__ import annotations

from tests.browser.test_publish import LISTEN_FOR_VIOLATIONS, every_published_page
from tests.support.web import wait_for_search_index

NAME = "Harbor View Breast Imaging"
PHONE = "(503) 555-0142"


def test_a_clinics_copy_under_a_path_works_in_the_browser(clinic_under_a_path, browser):
    copy = clinic_under_a_path
    context = browser.new_context()
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"),
    )
    pages = every_published_page(copy.dest)
    assert {"index.html", "es/index.html", "es/callback.html"} <= set(pages)
    for path in pages:
        page.goto(copy.site_url + path, wait_until="networkidle")
        assert page.evaluate("window.__violations") == [], path
    assert failed == [], failed

    page.goto(copy.site_url + "es/next-steps.html", wait_until="networkidle")
    text = page.inner_text("body")
    assert NAME in text and PHONE in text
    assert page.locator(".md-header__button.md-logo img").evaluate("img => img.naturalWidth") > 0
    # The one-page sheet, in Spanish, from under the path.
    link = page.locator(".pe-handout a")
    assert link.inner_text() == "Imprimir una hoja de una página"
    href = link.evaluate("a => a.href")
    assert href == copy.site_url + "handouts/es/next-steps.pdf"
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    # The language menu leads to the English page under the path.
    english = page.locator('a[hreflang="en"].md-select__link').first.evaluate("a => a.href")
    assert english == copy.site_url + "next-steps.html"
    # Search, in Spanish, under the path.
    page.click(".md-search__input")
    wait_for_search_index(page)
    page.keyboard.type("biopsia", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    first = page.locator(".md-search-result__item a").first.evaluate("a => a.href")
    assert first.startswith(copy.site_url + "es/"), first
    assert page.evaluate("window.__violations") == []
    context.close()
