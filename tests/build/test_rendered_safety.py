"""The build refuses a page whose rendered HTML is active, at the source line a translator fixes."""

from __future__ import annotations

from mammogram_callbacks.checks.safety import check_safety
from mammogram_callbacks.markdown.page import parse_page

from tests.support.builds import build_site


def test_an_attr_list_event_handler_passes_the_source_check_and_is_refused_by_the_build(site_factory):
    root = site_factory("attr-list-handler")
    page = root / "docs" / "en" / "index.md"
    # The source check sees no HTML here: the handler comes from attr_list.
    assert check_safety(parse_page(page.read_text(encoding="utf-8"), "docs/en/index.md")) == []
    result = build_site(root)
    assert result.error is not None
    assert any(
        "docs/en/index.md:15: event handler onclick= on <p> would run code" in message
        for message in [*result.warnings, str(result.error)]
    ), result.warnings


def test_markup_in_the_data_reaches_the_pages_as_text(site_factory):
    root = site_factory()
    data = root / "data"
    for path, old, new in (
        (data / "termbase" / "en.yml", "A request to come back", "A request to <b>come</b> back & more"),
        (data / "statistics.yml", "National Performance", "National <i>Performance</i> [x](javascript:1)"),
    ):
        text = path.read_text(encoding="utf-8")
        assert old in text, path
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build_site(root)
    assert result.error is None, result.warnings
    page = (root / "site" / "callback.html").read_text(encoding="utf-8")
    assert "National &lt;i&gt;Performance&lt;/i&gt; [x](javascript:1)" in page  # the source note
    assert "<i>Performance" not in page and 'href="javascript' not in page
    assert 'title="A request to &lt;b&gt;come&lt;/b&gt; back &amp; more' in page  # the term's tooltip
