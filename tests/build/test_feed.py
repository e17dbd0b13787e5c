"""The feed of the real site: per language, a JSON file per embeddable page, an index that lists
them with their versions, and an Atom feed; the JSON says what a clinic needs to copy a page safely."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
from mammogram_callbacks.build.feed import feed_name
from mammogram_callbacks.project import Project
from mammogram_callbacks.render.feed import ATOM, FORMAT

from tests.support.paths import REPO

PROJECT = Project(REPO)
LANGUAGES = [language.code for language in PROJECT.languages]
PAGES = [feed_name(page) for page in PROJECT.embeddable_pages()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_index_a_file_per_page_and_an_atom_feed(real_site, lang):
    folder = real_site.site_dir / "feed" / lang
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert index["format"] == FORMAT and index["language"] == lang
    assert [entry["page"] for entry in index["pages"]] == sorted(PAGES)
    prefix = "" if lang == PROJECT.default.code else f"{lang}/"
    for entry in index["pages"]:
        page = json.loads((folder / f"{entry['page']}.json").read_text(encoding="utf-8"))
        assert page["content_version"] == entry["content_version"]
        address = "index" if entry["page"] == "home" else entry["page"]
        assert page["url"] == entry["url"] == f"{real_site.site_url}{prefix}{address}.html"
        assert entry["json"] == f"{real_site.site_url}feed/{lang}/{entry['page']}.json"
        assert page["title"] and page["body_html"].startswith("<h1")
        # Every relative link of the body now reaches the site from anywhere.
        assert ' href="../' not in page["body_html"] and ' src="../' not in page["body_html"]
    feed = ElementTree.parse(folder / "atom.xml").getroot()
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert sorted(entry.findtext(f"{{{ATOM}}}id") for entry in entries) == sorted(
        entry["url"] for entry in index["pages"]
    )


def test_a_page_says_its_review_translation_state_sources_alternates_and_handout(real_site):
    page = json.loads((real_site.site_dir / "feed" / "es" / "callback.json").read_text(encoding="utf-8"))
    assert page["review"]["next_review"] == "2027-06-01"
    assert page["translation"]["state"] == "current"
    assert page["translation"]["medically_reviewed"] is False
    assert page["alternates"]["en"] == f"{real_site.site_url}callback.html"
    assert page["alternates"]["hmn"] == f"{real_site.site_url}hmn/callback.html"
    assert page["handout_url"] == f"{real_site.site_url}handouts/es/callback.pdf"
    assert [source["id"] for source in page["sources"]][:2] == ["bcsc_2017", "hubbard_2011"]
    assert page["sources"][0]["organisation"].startswith("Breast Cancer Surveillance Consortium")
    assert all(source["url"].startswith("https://") for source in page["sources"])
    # The body is the embed page's: links to other pages open in a new tab, out of a frame.
    assert f'href="{real_site.site_url}es/tests.html' in page["body_html"]
    assert "Una llamada para más pruebas es común" in page["body_html"]
    machine = json.loads((real_site.site_dir / "feed" / "so" / "callback.json").read_text(encoding="utf-8"))
    assert machine["translation"]["machine_assisted"] is True
