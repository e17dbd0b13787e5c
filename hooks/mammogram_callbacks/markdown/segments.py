"""Cut a page into segments: the units a translator translates and the checks compare one by one.

A segment is the front matter's title or description, a heading, a paragraph, a list item, a
table cell, an admonition's title or one of its body paragraphs or items, an image's alternative
text, a definition-list term or definition. Each keeps its file line, its Markdown text, and the
markers, links and plain text that `markdown.page` reads from each line (the same line scanner the
section checks use, so both see a page the same way).

Ids are readable and local: `section/kind+ordinal`, counted within the heading's section
(`how-common/p2`, `why/li3`, `not-cancer/tip1.p1`, `limits/table1.r2.cell1`). Inserting a paragraph in
one section leaves the ids of every other section alone; within a section, staleness is decided by
content (see `markdown.alignment`), so a shifted ordinal never makes a segment look new.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from mammogram_callbacks.markdown.page import (
    ABBREVIATION,
    ADMONITION,
    FENCE,
    HEADING,
    LINK_DEFINITION,
    TABLE_DELIMITER,
    Element,
    ParsedPage,
    Section,
    front_matter_line,
    heading_anchor,
    scan_inline,
    strip_comments,
)

# Short names for ids; a segment's kind in messages is the long name.
_ID_KIND = {
    "paragraph": "p",
    "item": "li",
    "admonition-title": "title",
    "alt": "img",
    "term": "dt",
    "definition": "dd",
}


@dataclass(frozen=True)
class Segment:
    id: str
    kind: str  # title, description, heading, paragraph, item, cell, admonition-title, alt, term, definition
    line: int
    text: str  # its Markdown, markers included, lines joined with a space
    section: str  # the id of the heading it sits under ("" before the first heading)
    container: str = ""  # the admonition's type ("warning") or "table"
    elements: tuple[Element, ...] = ()
    prose: str = ""  # plain text: markup, markers and links' targets removed

    @property
    def version(self) -> str:
        """What a translation records as "made from": changes when, and only when, the text does."""
        return text_version(self.text)

    @property
    def shape(self) -> str:
        """What two aligned segments must share: their kind, and what they sit in."""
        return f"{self.container}:{self.kind}"

    def markers(self) -> list[Element]:
        """Statistic, source and clinic markers, in reading order."""
        return [e for e in self.elements if e.kind in ("stat", "cite", "clinic")]

    @property
    def describe(self) -> str:
        where = f" of the '{self.container}' box" if self.container not in ("", "table") else ""
        names = {"admonition-title": "box title", "alt": "image description", "cell": "table cell"}
        return names.get(self.kind, self.kind) + where


@dataclass
class _Builder:
    path: str
    segments: list[Segment] = field(default_factory=list)
    section: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def ordinal(self, key: str) -> int:
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]

    def add(self, kind: str, line: int, lines: list[str], container: str = "", prefix: str = "") -> None:
        text = " ".join(part.strip() for part in lines).strip()
        if not _COMMENT_ONLY.sub("", text).strip():
            return  # nothing, or a generated block (<!-- pe:... -->): the structure check counts those
        scratch = Section(heading=None, line=line)
        for offset, part in enumerate(lines):
            scan_inline(part, line + offset, scratch)
        prose = " ".join(t for _, t in scratch.prose).strip()
        name = _ID_KIND.get(kind, kind)
        if kind == "heading":
            segment_id = f"{self.section}/h"
        else:
            ordinal = self.ordinal(f"{self.section}/{prefix}{name}")
            segment_id = f"{self.section or '_'}/{prefix}{name}{ordinal}"
        self.segments.append(
            Segment(segment_id, kind, line, text, self.section, container, tuple(scratch.elements), prose)
        )
        # An image's description is its own segment: it is read aloud, and translated.
        for element in scratch.elements:
            if element.kind == "image" and element.detail.strip():
                ordinal = self.ordinal(f"{self.section}/img")
                self.segments.append(
                    Segment(
                        f"{self.section or '_'}/img{ordinal}",
                        "alt",
                        element.line,
                        element.detail.strip(),
                        self.section,
                        container,
                        (),
                        element.detail.strip(),
                    )
                )


def page_segments(page: ParsedPage, text: str) -> list[Segment]:
    """Every segment of a page, in reading order. `text` is the raw file `page` was parsed from."""
    builder = _Builder(page.path)
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and value.strip():
            line = front_matter_line(page, key)
            scratch = Section(heading=None, line=line)
            scan_inline(value, line, scratch)
            prose = " ".join(t for _, t in scratch.prose).strip()
            builder.segments.append(
                Segment(key, key, line, value.strip(), "", "", tuple(scratch.elements), prose)
            )
    lines = unicodedata.normalize("NFC", text).splitlines()
    body = [(number, line) for number, line in _body_lines(lines, page.body_line)]
    _blocks(builder, body, container="", prefix="")
    return builder.segments


def abbreviation_lines(page: ParsedPage, text: str) -> list[tuple[int, str]]:
    """The page's own abbreviation definitions (`*[word]: ...`), with their lines."""
    lines = unicodedata.normalize("NFC", text).splitlines()
    return [
        (number, line.strip())
        for number, line in _body_lines(lines, page.body_line)
        if ABBREVIATION.match(line)
    ]


def text_version(text: str) -> str:
    """A short id of a segment's text, blind to spacing and to Unicode composition."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:10]


def _body_lines(lines: list[str], body_line: int):
    """(number, line) of the body, without fenced code and without HTML comments."""
    fence: str | None = None
    in_comment = False
    for index in range(body_line - 1, len(lines)):
        line = lines[index]
        if fence:
            if line.strip().startswith(fence):
                fence = None
            yield index + 1, ""
            continue
        if match := FENCE.match(line):
            fence = match["fence"][0] * 3
            yield index + 1, ""
            continue
        line, in_comment = strip_comments(line, in_comment)
        yield index + 1, line


_COMMENT_ONLY = re.compile(r"<!--.*?-->")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,9}[.)])\s+(?P<text>.*)$")
_DEFINITION = re.compile(r"^:\s{1,4}(?P<text>.*)$")


def _blocks(builder: _Builder, body: list[tuple[int, str]], container: str, prefix: str) -> None:
    """Segments of a run of lines (the page body, or an admonition's body, dedented)."""
    open_kind: str | None = None
    open_line = 0
    open_lines: list[str] = []
    tables = 0
    row = 0
    index = 0

    def close() -> None:
        nonlocal open_kind, open_lines
        if open_kind:
            builder.add(open_kind, open_line, open_lines, container, prefix)
        open_kind, open_lines = None, []

    while index < len(body):
        number, line = body[index]
        stripped = line.strip()
        if not stripped:
            close()
            index += 1
            continue
        if not container and (match := HEADING.match(line)):
            close()
            builder.section = heading_anchor(match)
            builder.counts = {}
            builder.add("heading", number, [match["text"]], "", "")
            index += 1
            continue
        if match := ADMONITION.match(line):
            close()
            kind = match["type"]
            box = f"{prefix}{kind}{builder.ordinal(f'{builder.section}/{prefix}{kind}')}."
            if match["title"]:
                builder.add("admonition-title", number, [match["title"]], kind, box)
            inner: list[tuple[int, str]] = []
            index += 1
            while index < len(body):
                n, text_line = body[index]
                if text_line.strip() and not text_line.startswith("    "):
                    break
                inner.append((n, text_line[4:]))
                index += 1
            _blocks(builder, inner, kind, box)
            continue
        if ABBREVIATION.match(line) or LINK_DEFINITION.match(line):
            close()
            index += 1
            continue
        next_line = body[index + 1][1] if index + 1 < len(body) else ""
        if "|" in line and (TABLE_DELIMITER.match(next_line) or (row and open_kind is None)):
            close()
            if TABLE_DELIMITER.match(next_line):
                tables += 1
                row = 0
            row += 1
            table = f"{prefix}table{tables}.r{row}."
            for cell in _cells(line):
                builder.add("cell", number, [cell], "table", table)
            index += 2 if TABLE_DELIMITER.match(next_line) else 1
            continue
        if not TABLE_DELIMITER.match(line):
            row = 0 if "|" not in line else row
        if match := _LIST_ITEM.match(line):
            close()
            open_kind, open_line, open_lines = "item", number, [match["text"]]
            index += 1
            continue
        if match := _DEFINITION.match(line):
            if open_kind == "paragraph" and len(open_lines) == 1:
                open_kind = "term"
            close()
            open_kind, open_line, open_lines = "definition", number, [match["text"]]
            index += 1
            continue
        if open_kind:
            open_lines.append(line)
        else:
            open_kind, open_line, open_lines = "paragraph", number, [line]
        index += 1
    close()


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]
