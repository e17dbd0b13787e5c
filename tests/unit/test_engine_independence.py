"""The pieces a build without the MkDocs hooks stands on, one by one (tests/build has the builds)."""

from __future__ import annotations

import re

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mammogram_callbacks.core.origins import parse_origin
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.markdown_extension import PageContentError, PageContentExtension
from mammogram_callbacks.publish.site_files import _relative_url
from mkdocs.utils import get_relative_url

from tests.support.paths import REPO


def render(text: str, **options) -> str:
    return markdown.markdown(text, extensions=["footnotes", PageContentExtension(root=str(REPO), **options)])


def test_the_extension_fills_a_statistic_with_its_source_note_in_the_page_language():
    english = render("Of 1,000 women, about [[stat:callbacks_per_1000_screens]] are called back.")
    assert "about 116 are called back." in english and 'href="#fn:src-bcsc_2017"' in english
    spanish = render(
        "De 1.000 mujeres, a unas [[stat:callbacks_per_1000_screens]] las llaman.", language="es"
    )
    assert "116" in spanish and "Where these numbers come from" not in spanish


def test_the_extension_names_what_a_page_asks_for_that_the_data_lacks():
    with pytest.raises(
        PageContentError, match=re.escape("unknown statistic 'no_such_figure': not in data/statistics.yml")
    ):
        render("[[stat:no_such_figure]]")
    with pytest.raises(PageContentError, match=r"unknown clinic marker \[\[clinic:nope\]\]"):
        render("[[clinic:nope]]")


def test_the_extension_leaves_markers_in_code_alone():
    assert "[[stat:callbacks_per_1000_screens]]" in render("`[[stat:callbacks_per_1000_screens]]`")


def test_one_origin_rule_for_every_file_that_names_one():
    assert parse_origin("https://WWW.Clinic.example/") == "https://www.clinic.example"
    assert parse_origin("https://clinic.example:8443") == "https://clinic.example:8443"
    assert parse_origin("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    for refused in (
        "http://clinic.example",
        "https://clinic.example/embed",
        "*",
        "https://*.example",
        "https://clinic.example:0",
        "javascript:alert(1)",
        "https://user@clinic.example",
    ):
        assert parse_origin(refused) is None, refused


def test_a_path_is_shown_relative_to_the_first_root_that_holds_it(tmp_path):
    inside = tmp_path / "project" / "data" / "ui" / "en.yml"
    assert display_path(inside, None, tmp_path / "project") == "data/ui/en.yml"
    assert display_path(inside, tmp_path / "elsewhere") == str(inside)


@given(
    st.lists(st.sampled_from(["es", "old", "a", "index.html", "new.html"]), max_size=3).map("/".join),
    st.lists(st.sampled_from(["es", "old", "b"]), max_size=3).map("/".join),
    st.sampled_from(["old.html", "index.html", "x/"]),
)
def test_links_from_moved_pages_are_what_mkdocs_would_write(url, folder, name):
    old_file = (
        f"{folder}/{name}".lstrip("/") if not name.endswith("/") else f"{folder}/{name}index.html".lstrip("/")
    )
    assert _relative_url(url, old_file) == get_relative_url(url, old_file)
