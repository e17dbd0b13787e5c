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
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

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
    # Where its text stands in the file: (line, first column, end column) for each of its lines,
    # so that a translation exchanged through PO or XLIFF is written back in place.
    spans: tuple[tuple[int, int, int], ...] = ()

    def raw(self, lines: list[str]) -> str:
        """Its text as written in the file (`lines`), its own line breaks kept."""
        return "\n".join(lines[n - 1][a:b] for n, a, b in self.spans)

    @cached_property
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

    def add(
        self, kind: str, parts: list[tuple[int, int, str]], container: str = "", prefix: str = ""
    ) -> None:
        """A segment of `parts`: (line, column in the file, text) for each of its lines."""
        parts = [(n, col + len(t) - len(t.lstrip()), t.strip()) for n, col, t in parts]
        parts = [part for part in parts if part[2]]
        text = " ".join(t for _, _, t in parts)
        if not _COMMENT_ONLY.sub("", text).strip():
            return  # nothing, or a generated block (<!-- pe:... -->): the structure check counts those
        line = parts[0][0]
        scratch = Section(heading=None, line=line)
        for number, _, part in parts:
            scan_inline(part, number, scratch)
        prose = " ".join(t for _, t in scratch.prose).strip()
        name = _ID_KIND.get(kind, kind)
        if kind == "heading":
            segment_id = f"{self.section}/h"
        else:
            ordinal = self.ordinal(f"{self.section}/{prefix}{name}")
            segment_id = f"{self.section or '_'}/{prefix}{name}{ordinal}"
        spans = tuple((n, col, col + len(t)) for n, col, t in parts)
        self.segments.append(
            Segment(
                segment_id, kind, line, text, self.section, container, tuple(scratch.elements), prose, spans
            )
        )
        # An image's description is its own segment: it is read aloud, and translated.
        for element in scratch.elements:
            if element.kind == "image" and element.detail.strip():
                ordinal = self.ordinal(f"{self.section}/img")
                alt = element.detail.strip()
                span: tuple[tuple[int, int, int], ...] = ()
                for n, col, part in parts:
                    at = part.find(f"![{element.detail}](") if n == element.line else -1
                    if at >= 0:
                        start = col + at + 2 + len(element.detail) - len(element.detail.lstrip())
                        span = ((n, start, start + len(alt)),)
                        break
                self.segments.append(
                    Segment(
                        f"{self.section or '_'}/img{ordinal}",
                        "alt",
                        element.line,
                        alt,
                        self.section,
                        container,
                        (),
                        alt,
                        span,
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
                Segment(
                    key,
                    key,
                    line,
                    value.strip(),
                    "",
                    "",
                    tuple(scratch.elements),
                    prose,
                    _yaml_span(text, line),
                )
            )
    lines = unicodedata.normalize("NFC", text).splitlines()
    body = list(_body_lines(lines, page.body_line))
    _blocks(builder, body, container="", prefix="")
    return builder.segments


def abbreviation_lines(page: ParsedPage, text: str) -> list[tuple[int, str]]:
    """The page's own abbreviation definitions (`*[word]: ...`), with their lines."""
    lines = unicodedata.normalize("NFC", text).splitlines()
    return [
        (number, line.strip())
        for number, line, _ in _body_lines(lines, page.body_line)
        if ABBREVIATION.match(line)
    ]


def text_version(text: str) -> str:
    """A short id of a segment's text, blind to spacing and to Unicode composition."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:10]


def _yaml_span(text: str, line: int) -> tuple[tuple[int, int, int], ...]:
    """The span of a one-line front-matter value (quotes included); none for a value over lines."""
    raw = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    key, colon, value = raw.partition(":")
    if not colon or not value.strip() or value.strip()[0] in "|>":
        return ()
    start = len(key) + 1 + len(value) - len(value.lstrip())
    return ((line, start, len(raw.rstrip())),)


def _body_lines(lines: list[str], body_line: int):
    """(number, line, column) of the body, without fenced code and without HTML comments; `column`
    is where the returned text starts in the file's line (after a comment that closed on it)."""
    fence: str | None = None
    in_comment = False
    for index in range(body_line - 1, len(lines)):
        line = lines[index]
        if fence:
            if line.strip().startswith(fence):
                fence = None
            yield index + 1, "", 0
            continue
        if match := FENCE.match(line):
            fence = match["fence"][0] * 3
            yield index + 1, "", 0
            continue
        kept, in_comment = strip_comments(line, in_comment)
        yield index + 1, kept, (len(line) - len(kept)) if kept and not line.startswith(kept) else 0


_COMMENT_ONLY = re.compile(r"<!--.*?-->")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,9}[.)])\s+(?P<text>.*)$")
_DEFINITION = re.compile(r"^:\s{1,4}(?P<text>.*)$")


def _blocks(builder: _Builder, body: list[tuple[int, str, int]], container: str, prefix: str) -> None:
    """Segments of a run of lines (the page body, or an admonition's body, dedented): each line
    comes with the column of the file's line where it starts."""
    open_kind: str | None = None
    open_parts: list[tuple[int, int, str]] = []
    tables = 0
    row = 0
    index = 0

    def close() -> None:
        nonlocal open_kind, open_parts
        if open_kind:
            builder.add(open_kind, open_parts, container, prefix)
        open_kind, open_parts = None, []

    while index < len(body):
        number, line, column = body[index]
        stripped = line.strip()
        if not stripped:
            close()
            index += 1
            continue
        if not container and (match := HEADING.match(line)):
            close()
            builder.section = heading_anchor(match)
            builder.counts = {}
            builder.add("heading", [(number, column + match.start("text"), match["text"])], "", "")
            index += 1
            continue
        if match := ADMONITION.match(line):
            close()
            kind = match["type"]
            box = f"{prefix}{kind}{builder.ordinal(f'{builder.section}/{prefix}{kind}')}."
            if match["title"]:
                builder.add(
                    "admonition-title", [(number, column + match.start("title"), match["title"])], kind, box
                )
            inner: list[tuple[int, str, int]] = []
            index += 1
            while index < len(body):
                n, text_line, col = body[index]
                if text_line.strip() and not text_line.startswith("    "):
                    break
                inner.append((n, text_line[4:], col + 4))
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
            for start, cell in _cells(line):
                builder.add("cell", [(number, column + start, cell)], "table", table)
            index += 2 if TABLE_DELIMITER.match(next_line) else 1
            continue
        if not TABLE_DELIMITER.match(line):
            row = 0 if "|" not in line else row
        if match := _LIST_ITEM.match(line):
            close()
            open_kind, open_parts = "item", [(number, column + match.start("text"), match["text"])]
            index += 1
            continue
        if match := _DEFINITION.match(line):
            if open_kind == "paragraph" and len(open_parts) == 1:
                open_kind = "term"
            close()
            open_kind, open_parts = "definition", [(number, column + match.start("text"), match["text"])]
            index += 1
            continue
        if open_kind:
            open_parts.append((number, column, line))
        else:
            open_kind, open_parts = "paragraph", [(number, column, line)]
        index += 1
    close()


def _cells(row: str) -> list[tuple[int, str]]:
    """(column, text) of each cell of a table row, split at the pipes that are not escaped."""
    cells, start = [], 0
    body = row.rstrip()
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", body)]
    edges = [-1, *bars, len(body)]
    for left, right in itertools.pairwise(edges):
        cell = body[left + 1 : right]
        if left == -1 and not cell.strip() and bars and bars[0] == len(body) - len(body.lstrip()):
            continue  # the space before a leading pipe
        if right == len(body) and not cell.strip():
            continue  # after the closing pipe
        start = left + 1
        cells.append((start, cell))
    return cells
