"""The feed clinics build on: per language, a JSON file per page, an index, and an Atom feed.

    feed/<lang>/<page>.json   one page: title, description, the body as rendered for embedding
                              (links and images made absolute), its sources, review dates, the
                              translation's state, the page in the other languages, and a content
                              version that changes exactly when what a clinic would copy changes
    feed/<lang>/index.json    every page of the language, with its version and dates
    feed/<lang>/atom.xml      an Atom feed (RFC 4287): an entry per page, updated when its
                              content changes or it is reviewed

No key, no tracking, nothing but static files. A clinic that copies or syndicates a page keeps the
`content_version` it copied and compares it with the index's.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from mammogram_callbacks.data.project_data import Source
from mammogram_callbacks.render.content import noted_source

# ---- Types -------------------------------------------------------------------------------------


@dataclass
class FeedItem:
    """One page of one language, as the feed describes it."""

    language: str
    page: str  # the page's name, without .md: "callback"
    title: str
    description: str
    url: str  # the full page, absolute
    embed_url: str
    handout_url: str | None
    body_html: str  # absolute links
    sources: list[dict[str, str | int]]
    reviewed_by: str
    last_reviewed: str  # ISO dates, "" when the page has none
    next_review: str
    changed: str  # when the page's content last changed (ISO date-time), "" when not known
    translation: dict[str, object] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)  # language -> absolute URL
    brand: str = ""  # the site's or the clinic's name

    @property
    def content_version(self) -> str:
        """A short hash of what a clinic would copy: title, description, body and sources."""
        text = json.dumps([self.title, self.description, self.body_html, self.sources], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def updated(self) -> str:
        """The later of the last content change and the last review, as an RFC 3339 date-time."""
        moments = [moment for moment in (self.changed, _start_of_day(self.last_reviewed)) if moment]
        return max(moments) if moments else _start_of_day(date.today().isoformat())

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "language": self.language,
            "page": self.page,
            "title": self.title,
            "description": self.description,
            "url": self.url,
            "embed_url": self.embed_url,
            "handout_url": self.handout_url,
            "content_version": self.content_version,
            "updated": self.updated,
            "review": {
                "reviewed_by": self.reviewed_by,
                "last_reviewed": self.last_reviewed,
                "next_review": self.next_review,
            },
            "translation": self.translation,
            "alternates": self.alternates,
            "sources": self.sources,
            "publisher": self.brand,
            "body_html": self.body_html,
        }


# ---- Functions ---------------------------------------------------------------------------------


def absolute_links(html: str, base: str) -> str:
    """`html` with every relative href and src resolved against `base` (an absolute URL): a
    fragment copied into another site must still reach this one."""

    def rewrite(match: re.Match) -> str:
        value = match["value"]
        if value.startswith("#") or urlsplit(value).scheme:
            return match[0]
        return f'{match["name"]}="{urljoin(base, value)}"'

    return _LINK_ATTRIBUTE.sub(rewrite, html)


def page_sources(content: str, sources: Mapping[str, Source]) -> list[dict[str, str | int]]:
    """The sources the page's notes stand for, in the order the page cites them, as the data
    gives them (data/statistics.yml): id, organisation, title, year, address, date checked."""
    cited: list[Source] = []
    for note in _NOTE_REF.findall(content):
        source = noted_source(note, sources)
        if source is not None and source not in cited:
            cited.append(source)
    return [
        {
            "id": source.id,
            "organisation": source.organisation,
            "title": source.title,
            "year": source.year,
            "url": source.url,
            "checked": source.checked.isoformat(),
        }
        for source in cited
    ]


def feed_index(language: str, brand: str, items: list[FeedItem], feed_url: str) -> dict:
    return {
        "format": FORMAT,
        "language": language,
        "publisher": brand,
        "atom": urljoin(feed_url, "atom.xml"),
        "pages": [
            {
                "page": item.page,
                "title": item.title,
                "url": item.url,
                "json": urljoin(feed_url, f"{item.page}.json"),
                "content_version": item.content_version,
                "updated": item.updated,
                "last_reviewed": item.last_reviewed,
                "next_review": item.next_review,
            }
            for item in items
        ],
    }


def atom_feed(
    language: str, title: str, brand: str, items: list[FeedItem], feed_url: str, site_url: str
) -> str:
    """An Atom feed of `items` (RFC 4287): each page an entry whose `updated` moves when its
    content changes or it is reviewed; the entry's summary says which version and review."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    _text(feed, "id", urljoin(feed_url, "atom.xml"))
    _text(feed, "title", title)
    _text(
        feed,
        "updated",
        max((item.updated for item in items), default=_start_of_day(date.today().isoformat())),
    )
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", brand)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": urljoin(feed_url, "atom.xml")})
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url})
    for item in sorted(items, key=lambda item: item.updated, reverse=True):
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.url)
        _text(entry, "title", item.title)
        _text(entry, "updated", item.updated)
        ElementTree.SubElement(
            entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": item.url, "hreflang": language}
        )
        ElementTree.SubElement(
            entry,
            f"{{{ATOM}}}link",
            {"rel": "related", "type": "application/json", "href": urljoin(feed_url, f"{item.page}.json")},
        )
        summary = f"{item.description} [content_version {item.content_version}"
        if item.last_reviewed:
            summary += f"; reviewed {item.last_reviewed}, next review {item.next_review}"
        _text(entry, "summary", summary + "]")
        content = _text(entry, "content", item.body_html)
        content.set("type", "html")
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


# ---- Helper functions --------------------------------------------------------------------------


def _text(parent: ElementTree.Element, name: str, value: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _start_of_day(iso_date: str) -> str:
    if not iso_date:
        return ""
    day = date.fromisoformat(iso_date)
    return datetime.combine(day, time(0, 0), tzinfo=UTC).isoformat()


# ---- Data --------------------------------------------------------------------------------------

FORMAT = "mammogram-callbacks-feed/1"  # changes only when a field changes meaning or goes away
ATOM = "http://www.w3.org/2005/Atom"

# Attributes that hold an address, in the double-quoted form Python-Markdown and Jinja write.
_LINK_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src))="(?P<value>[^"]*)"')
# A footnote reference, as Python-Markdown writes it: the note's id (which names its source).
_NOTE_REF = re.compile(r'<a class="footnote-ref" href="#(fn:[^"]+)"')
