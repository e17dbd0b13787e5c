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
