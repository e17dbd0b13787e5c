"""Accessibility without a browser: glossary terms get their tooltip and one focus stop per page, in
any script, and the list of built pages the browser audits take (tests/support/site_pages.py)."""

from __future__ import annotations

import markdown
import pytest

from tests.support.site_pages import BuiltPage, built_pages, page_for_url


def test_a_terms_first_use_in_each_section_has_its_tooltip_and_only_the_pages_first_takes_focus():
    md = markdown.Markdown(
        extensions=["abbr", "mammogram_callbacks.markdown.term_tooltips"],
        extension_configs={
            "abbr": {
                "glossary": {
                    "cyst": "A sac of fluid.",
                    "cysts": "A sac of fluid.",
                    "Cyst": "A sac of fluid.",
                    "biopsy": "A sample.",
                }
            }
        },
    )
    html = md.convert(
        "A [cyst](a.md) is here. A cyst, cysts. Cyst.\n\nA biopsy.\n\n## Next\n\n"
        "A **cyst** and *cysts*.\n\n### Part of the same section\n\nA biopsy or a cyst."
    )
    assert html == (
        # No tooltip inside a link; the first use outside one has it, and takes focus; the rest are text.
        '<p>A <a href="a.md">cyst</a> is here. A <abbr tabindex="0" title="A sac of fluid.">cyst</abbr>, '
        "cysts. Cyst.</p>\n"
        '<p>A <abbr tabindex="0" title="A sample.">biopsy</abbr>.</p>\n'
        # A new section (h2) shows each term once more, without another focus stop.
        "<h2>Next</h2>\n"
        '<p>A <strong><abbr title="A sac of fluid.">cyst</abbr></strong> and <em>cysts</em>.</p>\n'
        '<h3>Part of the same section</h3>\n<p>A <abbr title="A sample.">biopsy</abbr> or a cyst.</p>'
    )


def test_terms_in_chinese_text_get_tooltips_without_word_boundaries():
    md = markdown.Markdown(
        extensions=["abbr", "mammogram_callbacks.markdown.term_tooltips"],
        extension_configs={
            "abbr": {"glossary": {"召回": "请您回来。", "BI-RADS": "A scale.", "cyst": "A sac."}}
        },
    )
    assert md.convert("您被召回了。BI-RADS 0。cysts") == (
        '<p>您被<abbr tabindex="0" title="请您回来。">召回</abbr>了。'
        '<abbr tabindex="0" title="A scale.">BI-RADS</abbr> 0。cysts</p>'
    )


def test_built_pages_names_each_pages_language_and_kind(tmp_path):
    for path in (
        "index.html",
        "callback.html",
        "404.html",
        "es/index.html",
        "es/callback.html",
        "embed/en/callback.html",
        "embed/es/callback.html",
        "assets/x.html",
        "search/y.html",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("<html></html>")
    # A page that moved leaves a page at its old address that sends the reader on: not a page to audit.
    (tmp_path / "es/callback").mkdir()
    (tmp_path / "es/callback/index.html").write_text(
        '<html><meta http-equiv="refresh" content="0; url=x"></html>'
    )
    pages = built_pages(tmp_path, ["en", "es"], "en")
    assert pages == [
        BuiltPage("404.html", "en", "not-found"),
        BuiltPage("callback.html", "en", "content"),
        BuiltPage("embed/en/callback.html", "en", "embed"),
        BuiltPage("embed/es/callback.html", "es", "embed"),
        BuiltPage("es/callback.html", "es", "content"),
        BuiltPage("es/index.html", "es", "home"),
        BuiltPage("index.html", "en", "home"),
    ]
    assert page_for_url(pages, "/es/") == BuiltPage("es/index.html", "es", "home")
    assert [p.budget_bytes for p in pages[1:3]] == [100 * 1024, 25 * 1024]
    with pytest.raises(FileNotFoundError, match="no built site here"):
        built_pages(tmp_path / "nothing", ["en"], "en")
