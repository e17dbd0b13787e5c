"""The one-page handout of a page: what a clinic hands a patient, cut from the page as rendered.

A handout carries the page's title, its lead paragraph, its key points (the "Key points" box, or
the section that `data/handouts.yml` names), every "Call your doctor if" box, the sources of the
figures it shows, and a QR code of the full page. This module only selects and cleans HTML; the
PDF is made by build/handouts.py.

On paper a link cannot be followed and a glossary term cannot be tapped, so both become their text;
the figures' note numbers are renumbered from 1 and their sources (from data/statistics.yml, not
read back from the page) printed under them, without web addresses (the QR code leads to the page,
which links each source).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import segno
from justhtml import JustHTML
from justhtml.dom import Element, Text

from mammogram_callbacks.data.project_data import Source
from mammogram_callbacks.render.content import noted_source

# ---- Types -------------------------------------------------------------------------------------


class HandoutError(ValueError):
    """The page lacks what its handout needs (the message says what, and where it was looked for)."""


@dataclass
class HandoutParts:
    """The HTML the handout shows, each part already cleaned for paper."""

    title: str
    lead: str  # the paragraph after the title
    key_points_title: str
    key_points: list[str]  # one HTML fragment per point
    warnings: list[str] = field(default_factory=list)  # each "Call your doctor if" box, whole
    sources: list[Source] = field(default_factory=list)  # in the sheet's note order


# ---- Functions ---------------------------------------------------------------------------------


def handout_parts(content: str, sources: Mapping[str, Source], key_points: str = "box") -> HandoutParts:
    """The handout's parts from a page's rendered content (`page.content`); `sources` are the
    project's (data/statistics.yml), which the page's notes stand for.

    `key_points` is `BOX` (the page's "abstract" admonition) or `section:<id>`, the first list
    under the heading with that id.
    """
    document = JustHTML(content, fragment=True, sanitize=False)
    top = [child for child in document.root.children or () if isinstance(child, Element)]
    heading = next((child for child in top if child.name == "h1"), None)
    if heading is None:
        raise HandoutError("the page has no title (<h1>)")
    after = top[top.index(heading) + 1 :]
    lead = next((child for child in after if child.name == "p"), None)
    if lead is None:
        raise HandoutError("the page has no paragraph after its title")
    title_text, points = _key_points(top, key_points)
    warnings = [child for child in top if _classes(child) >= {"admonition", "warning"}]

    notes: list[str] = []  # the note ids in the order the handout shows them
    shown = [lead, *points, *warnings]
    for element in shown:
        _renumber_notes(element, notes)
        _unwrap(element, "a")
        _unwrap(element, "abbr")
    cited = [noted_source(note, sources) for note in notes]
    unknown = [note for note, source in zip(notes, cited, strict=True) if source is None]
    if unknown:
        raise HandoutError(f"a figure's note #{unknown[0]} stands for no source of data/statistics.yml")
    return HandoutParts(
        title=_heading_text(heading),
        lead=_inner_html(lead),
        key_points_title=title_text,
        key_points=[_inner_html(point) for point in points],
        warnings=[warning.to_html(pretty=False) for warning in warnings],
        sources=[source for source in cited if source is not None],
    )


def qr_code_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data: URI, with its quiet zone (a phone's camera needs it).

    Error correction level M: a sheet that is folded, creased or printed on a worn printer still
    scans (segno raises the level further when the address leaves room at the same size).
    """
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=4, dark="#000000")


# ---- Helper functions --------------------------------------------------------------------------


def _key_points(top: list[Element], where: str) -> tuple[str, list[Element]]:
    if where == BOX:
        box = next((child for child in top if _classes(child) >= {"admonition", "abstract"}), None)
        if box is None:
            raise HandoutError('the page has no "Key points" box (!!! abstract)')
        title = next((c for c in _elements(box) if "admonition-title" in _classes(c)), None)
        items = _list_items(box)
        if not items:
            raise HandoutError('the "Key points" box has no list')
        return (_heading_text(title) if title else ""), items
    if not where.startswith("section:"):
        raise HandoutError(f"key_points is {where!r}; expected {BOX!r} or 'section:<heading id>'")
    section_id = where.removeprefix("section:")
    heading = next(
        (c for c in top if c.name in ("h2", "h3") and (c.attrs or {}).get("id") == section_id), None
    )
    if heading is None:
        raise HandoutError(f"the page has no heading with the id {section_id!r}")
    following = top[top.index(heading) + 1 :]
    listing = next((c for c in following if c.name in ("ul", "ol") or c.name in ("h2", "h3")), None)
    if listing is None or listing.name not in ("ul", "ol"):
        raise HandoutError(f"the section {section_id!r} has no list before the next heading")
    return _heading_text(heading), [c for c in _elements(listing) if c.name == "li"]


def _heading_text(heading: Element) -> str:
    # Without the permalink (¶) a heading may carry; the text's own spacing is kept.
    for link in heading.query("a.headerlink"):
        if link.parent is not None:
            link.parent.remove_child(link)
    return " ".join(heading.to_text(separator="", strip=False).split())


def _list_items(box: Element) -> list[Element]:
    for child in _elements(box):
        if child.name in ("ul", "ol"):
            return [item for item in _elements(child) if item.name == "li"]
    return []


def _renumber_notes(element: Element, notes: list[str]) -> None:
    # Python-Markdown's footnotes: <sup id="fnref:x"><a class="footnote-ref" href="#fn:x">3</a></sup>.
    for sup in element.query("sup"):
        link = sup.query_one("a.footnote-ref")
        if link is None:
            continue
        note = ((link.attrs or {}).get("href") or "").removeprefix("#")
        if note not in notes:
            notes.append(note)
        number = notes.index(note) + 1
        for child in list(sup.children or ()):
            sup.remove_child(child)
        sup.attrs = {"class": "pe-note"}
        sup.append_child(Text(str(number)))


def _unwrap(element: Element, name: str) -> None:
    """Each `name` element inside `element` replaced by its children (a link becomes its text)."""
    for inner in element.query(name):
        parent = inner.parent
        if parent is None:
            continue
        for child in list(inner.children or ()):
            parent.insert_before(child, inner)
        parent.remove_child(inner)


def _inner_html(element: Element) -> str:
    # The serializer escapes text and attributes; only the element's own tags are cut off.
    return _OUTER_TAGS.sub("", element.to_html(pretty=False)).strip()


def _elements(element: Element) -> list[Element]:
    return [child for child in element.children or () if isinstance(child, Element)]


def _classes(element: Element) -> set[str]:
    return set(((element.attrs or {}).get("class") or "").split())


# ---- Data --------------------------------------------------------------------------------------

# Where a handout's key points are by default: the page's "abstract" admonition.
BOX = "box"

_OUTER_TAGS = re.compile(r"^<[^>]*>|</[a-z0-9]+>$")
