"""Branded builds in a browser: a profile's text is shown as text, never run as markup."""

from __future__ import annotations

from tests.support.clinic import HOSTILE, branded_fixture


def test_markup_in_a_profile_is_shown_as_text_in_the_browser(site_factory, monkeypatch, browser):
    from tests.support.web import serve

    result = branded_fixture(site_factory, monkeypatch, HOSTILE)
    server, url = serve(result.site_dir)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in ("es/next-steps.html", "embed/es/next-steps.html"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            body = page.inner_text("body")
            assert '<script>alert("name")</script> & <b>Co</b>' in body, path
            assert page.locator("b").filter(has_text="Co").count() == 0
        assert dialogs == []
    finally:
        page.close()
        server.shutdown()


LONG_NAME = "Harbor View Comprehensive Breast Imaging and Women's Diagnostic Center of Greater Portland"


def test_a_long_clinic_name_heads_every_page_without_pushing_search_or_the_menu_off_screen(
    site_factory, monkeypatch, browser
):
    from tests.support.clinic import GOOD
    from tests.support.web import serve

    result = branded_fixture(site_factory, monkeypatch, GOOD.replace("Harbor View Breast Imaging", LONG_NAME))
    server, url = serve(result.site_dir)
    try:
        for width in (320, 768, 1280):
            page = browser.new_page(viewport={"width": width, "height": 600})
            for path in ("index.html", "ar/index.html"):
                page.goto(url + path, wait_until="networkidle")
                title = page.locator(".md-header__topic").first
                assert title.inner_text().strip() == LONG_NAME, (width, path)
                assert page.locator(".md-header__button.md-logo").get_attribute("aria-label") == LONG_NAME
                # The name is cut with an ellipsis inside the header; nothing is pushed past the screen.
                assert page.evaluate("document.documentElement.scrollWidth") == width, (width, path)
                for selector in ('label[for="__drawer"]', ".md-header__option", ".md-search"):
                    box = page.locator(selector).first.bounding_box()
                    if box and box["width"] > 0:
                        assert 0 <= box["x"] and box["x"] + box["width"] <= width + 0.5, (
                            width,
                            path,
                            selector,
                        )
                topic = page.locator(".md-header__topic .md-ellipsis").first
                assert topic.evaluate("e => e.scrollWidth > e.clientWidth"), (width, path)  # cut, not wrapped
            page.close()
    finally:
        server.shutdown()
