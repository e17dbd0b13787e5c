"""The feed's parts without a build: absolute links, the sources read from a page's notes, the
content version, the index and the Atom feed (parsed back as XML)."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree

from mammogram_callbacks.render.feed import (
    ATOM,
    FeedItem,
    absolute_links,
    atom_feed,
    feed_index,
    page_sources,
)

ITEM = FeedItem(
    language="es",
    page="callback",
    title="Qué significa",
    description="Es común & casi nunca es cáncer.",
    url="https://site.example/es/callback.html",
    embed_url="https://site.example/embed/es/callback.html",
    handout_url="https://site.example/handouts/es/callback.pdf",
    body_html='<p>Hola <a href="https://site.example/es/tests.html">pruebas</a></p>',
    sources=[
        {
            "id": "a",
            "organisation": "Source A",
            "title": "A report",
            "year": 2020,
            "url": "https://a.example/",
            "checked": "2026-12-01",
        }
    ],
    reviewed_by="Team",
    last_reviewed="2026-12-01",
    next_review="2027-06-01",
    changed="2026-11-20T10:00:00+00:00",
)


def test_relative_links_and_images_become_absolute_and_others_stay():
    html = (
        '<a href="../../es/tests.html#x">t</a> <img src="../../assets/a.svg"> <a href="#fn:1">1</a> '
        '<a href="tel:+1555">call</a> <a href="https://other.example/">o</a>'
    )
    assert absolute_links(html, "https://site.example/clinic/embed/es/callback.html") == (
        '<a href="https://site.example/clinic/es/tests.html#x">t</a> '
        '<img src="https://site.example/clinic/assets/a.svg"> <a href="#fn:1">1</a> '
        '<a href="tel:+1555">call</a> <a href="https://other.example/">o</a>'
    )


def test_a_pages_sources_are_the_datas_in_the_order_the_page_cites_them():
    import datetime

    from mammogram_callbacks.data.project_data import Source

    sources = {
        "a": Source("a", "Org & A", "Title", "https://a.example/x?y=1&z=2", 2017, datetime.date(2026, 12, 1)),
        "b": Source("b", "Org B", "Other", "https://b.example/", 2020, datetime.date(2026, 11, 2)),
    }
    content = (
        '<p>x<sup id="fnref:src-b"><a class="footnote-ref" href="#fn:src-b">1</a></sup> y'
        '<sup id="fnref:src-a"><a class="footnote-ref" href="#fn:src-a">2</a></sup> z'
        '<sup id="fnref2:src-b"><a class="footnote-ref" href="#fn:src-b">1</a></sup></p>'
    )
    assert page_sources(content, sources) == [
        {
            "id": "b",
            "organisation": "Org B",
            "title": "Other",
            "year": 2020,
            "url": "https://b.example/",
            "checked": "2026-11-02",
        },
        {
            "id": "a",
            "organisation": "Org & A",
            "title": "Title",
            "year": 2017,
            "url": "https://a.example/x?y=1&z=2",
            "checked": "2026-12-01",
        },
    ]


def test_the_content_version_changes_with_what_a_clinic_copies_and_only_with_that():
    assert ITEM.content_version == replace(ITEM, last_reviewed="2027-01-05", changed="").content_version
    assert ITEM.content_version != replace(ITEM, body_html=ITEM.body_html + "<p>más</p>").content_version
    assert ITEM.content_version != replace(ITEM, sources=[]).content_version
    assert len(ITEM.content_version) == 16


def test_updated_is_the_later_of_the_last_change_and_the_last_review():
    assert ITEM.updated == "2026-12-01T00:00:00+00:00"
    assert replace(ITEM, changed="2026-12-03T08:00:00+00:00").updated == "2026-12-03T08:00:00+00:00"


def test_the_index_lists_each_page_with_its_version_and_address():
    index = feed_index("es", "Clinic", [ITEM], "https://site.example/feed/es/")
    assert index["atom"] == "https://site.example/feed/es/atom.xml"
    assert index["pages"] == [
        {
            "page": "callback",
            "title": "Qué significa",
            "url": "https://site.example/es/callback.html",
            "json": "https://site.example/feed/es/callback.json",
            "content_version": ITEM.content_version,
            "updated": ITEM.updated,
            "last_reviewed": "2026-12-01",
            "next_review": "2027-06-01",
        }
    ]
    assert ITEM.as_json()["review"] == {
        "reviewed_by": "Team",
        "last_reviewed": "2026-12-01",
        "next_review": "2027-06-01",
    }


def test_the_atom_feed_is_well_formed_with_an_entry_per_page_newest_first():
    newer = replace(
        ITEM, page="tests", url="https://site.example/es/tests.html", changed="2026-12-02T09:00:00+00:00"
    )
    xml = atom_feed(
        "es",
        "Clinic (Español)",
        "Clinic",
        [ITEM, newer],
        "https://site.example/feed/es/",
        "https://site.example/es/",
    )
    feed = ElementTree.fromstring(xml.encode())
    ns = {"a": ATOM}
    assert feed.tag == f"{{{ATOM}}}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert feed.findtext("a:id", namespaces=ns) == "https://site.example/feed/es/atom.xml"
    assert feed.findtext("a:updated", namespaces=ns) == "2026-12-02T09:00:00+00:00"
    entries = feed.findall("a:entry", ns)
    assert [entry.findtext("a:id", namespaces=ns) for entry in entries] == [newer.url, ITEM.url]
    summary = entries[1].findtext("a:summary", namespaces=ns)
    assert summary == (
        f"Es común & casi nunca es cáncer. [content_version {ITEM.content_version}; reviewed 2026-12-01, "
        "next review 2027-06-01]"
    )
    content = entries[1].find("a:content", ns)
    assert content is not None and content.get("type") == "html" and content.text == ITEM.body_html
