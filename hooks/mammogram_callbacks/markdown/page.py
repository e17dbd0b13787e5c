"""Read a Markdown page from its raw source, line by line, into what the checks compare.

MkDocs strips front matter before hooks see the Markdown, so line numbers are counted here from
the file itself. Fenced code is skipped (its contents are shown as code, never rendered), and the
page is cut into sections at its headings so that a translation can be compared section by section
with its source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from pymdownx.slugs import slugify

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml
from mammogram_callbacks.data.clinic import CLINIC_MARKER

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    """Something on a line that the structure, safety or statistics checks compare."""

    line: int
    kind: str  # heading, admonition, image, link, table, marker, stat, cite, clinic, html, comment
    value: str
    detail: str = ""


@dataclass
class Section:
    """A heading and everything up to the next heading (the first section has no heading)."""

    heading: Element | None
    line: int
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line, text without markup)
    elements: list[Element] = field(default_factory=list)


@dataclass
class ParsedPage:
    path: str
    meta: dict
    body_line: int  # first line after the front matter
    sections: list[Section]
    meta_findings: list[Finding] = field(default_factory=list)

    def elements(self, kind: str | None = None) -> list[Element]:
        return [e for s in self.sections for e in s.elements if kind is None or e.kind == kind]

    def prose(self) -> list[tuple[int, str]]:
        return [p for s in self.sections for p in s.prose]

    def anchors(self) -> set[str]:
        return {e.detail for e in self.elements("heading")}


# ---- Functions ---------------------------------------------------------------------------------


def parse_page(text: str, path: str) -> ParsedPage:
    """Parse one page. A broken front matter is reported, never silently ignored."""
    # Compare text as Unicode NFC: Vietnamese typed with combining marks must match the termbase.
    lines = unicodedata.normalize("NFC", text).splitlines()
    meta, body_index, meta_findings = _front_matter(lines, path)
    sections = [Section(heading=None, line=body_index + 1)]
    fence: str | None = None
    in_comment = False
    table_header_at: int | None = None

    for index in range(body_index, len(lines)):
        number, line = index + 1, lines[index]
        section = sections[-1]
        stripped = line.strip()

        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if match := FENCE.match(line):
            fence = match["fence"][0] * 3
            continue
        was_in_comment = in_comment
        line, in_comment = strip_comments(line, in_comment)
        if was_in_comment and in_comment:
            continue

        if match := HEADING.match(line):
            text_ = match["text"].strip()
            anchor = heading_anchor(match)
            heading = Element(number, "heading", str(len(match["hashes"])), anchor)
            sections.append(Section(heading=heading, line=number))
            section = sections[-1]
            section.elements.append(heading)
            scan_inline(text_, number, section)
            continue
        if match := ADMONITION.match(line):
            section.elements.append(Element(number, "admonition", match["type"], match["title"] or ""))
            if match["title"]:
                section.prose.append((number, match["title"]))
            continue
        if ABBREVIATION.match(line):
            continue
        if TABLE_DELIMITER.match(line) and table_header_at == number - 1:
            columns = len(stripped.strip("|").split("|"))
            section.elements.append(Element(number - 1, "table", str(columns)))
            continue
        table_header_at = number if "|" in line and not TABLE_DELIMITER.match(line) else None
        scan_inline(line, number, section)

    return ParsedPage(path, meta, body_index + 1, sections, meta_findings)


def _front_matter(lines: list[str], path: str) -> tuple[dict, int, list[Finding]]:
    """The page's YAML front matter, and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0, []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            try:
                meta = load_yaml(None, path, "\n" * 1 + "\n".join(lines[1:index]))
            except DataError as error:
                # An error found at the end of the stream belongs to the last front-matter line.
                findings = [replace(f, line=min(f.line, index)) for f in error.findings]
                return {}, index + 1, findings
            if meta is None:
                meta = LineMap()
            if not isinstance(meta, dict):
                return {}, index + 1, [Finding(path, 2, "front-matter", "front matter must be a mapping")]
            return meta, index + 1, []
    return {}, 0, [Finding(path, 1, "front-matter", "front matter starts with '---' but never ends")]


def scan_inline(line: str, number: int, section: Section) -> None:
    """Record the line's links, images, markers and HTML, and keep its plain text as prose."""
    elements = section.elements
    for match in _COMMENT.finditer(line):
        body = match["body"].strip()
        kind = "marker" if body.startswith("pe:") else "comment"
        elements.append(Element(number, kind, body.split()[0] if body else "", body))
    line = _COMMENT.sub(" ", line)
    line = _CODE_SPAN.sub(" ", line)
    for match in STAT_MARKER.finditer(line):
        elements.append(Element(number, "stat", match["id"]))
    line = STAT_MARKER.sub(" ", line)
    for match in CITE_MARKER.finditer(line):
        elements.append(Element(number, "cite", match["id"]))
    line = CITE_MARKER.sub(" ", line)
    for match in CLINIC_MARKER.finditer(line):
        elements.append(Element(number, "clinic", match["id"]))
    line = CLINIC_MARKER.sub(" ", line)
    for match in _IMAGE.finditer(line):
        elements.append(Element(number, "image", match["url"], match["alt"]))
    line = _IMAGE.sub(lambda m: f" {m['alt']} ", line)
    for match in _LINK.finditer(line):
        elements.append(Element(number, "link", match["url"], match["text"]))
    line = _LINK.sub(lambda m: f" {m['text']} ", line)
    if definition := LINK_DEFINITION.match(line):
        elements.append(Element(number, "link", definition["url"], definition["ref"]))
        return
    for match in _AUTOLINK.finditer(line):
        elements.append(Element(number, "link", match["url"], match["url"]))
    line = _AUTOLINK.sub(" ", line)
    for match in _HTML_TAG.finditer(line):
        if not match.group(0).startswith("</"):  # a closing tag adds nothing to check
            elements.append(Element(number, "html", match["tag"].lower(), match["attrs"] or ""))
    line = _HTML_TAG.sub(" ", line)
    line = _ATTR_LIST.sub(" ", line)
    if line.strip():
        section.prose.append((number, line))


def strip_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line without the part inside a multi-line HTML comment; whether one is still open."""
    if in_comment:
        if "-->" not in line:
            return "", True
        line = line.split("-->", 1)[1]
    if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
        return line.split("<!--", 1)[0], True
    return line, False


def heading_anchor(match: re.Match[str]) -> str:
    """A heading's id: its `{#id}`, or the slug Python-Markdown's toc would give it."""
    return _attr_id(match["attrs"] or "") or slugify(case="lower")(_inline_text(match["text"].strip()), "-")


def _inline_text(text: str) -> str:
    text = _ATTR_LIST.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    return _CODE_SPAN.sub(lambda m: m.group(0).strip("`"), text).strip()


def _attr_id(attrs: str) -> str | None:
    match = re.search(r"#([\w-]+)", attrs)
    return match[1] if match else None


def front_matter_line(page: ParsedPage, *keys: str) -> int:
    """The line of a (nested) front-matter key, for messages; 1 when it is absent."""
    node, line = page.meta, 1
    for key in keys:
        if not isinstance(node, LineMap) or key not in node:
            break
        line = node.line_of(key) + 0
        node = node[key]
    return line


# ---- Data --------------------------------------------------------------------------------------

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s*\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+"(?P<title>[^"]*)")?')
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--(?P<body>.*?)-->")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# A statistic marker, [[stat:ID]]: pages state numbers only through these (render.content fills them in).
STAT_MARKER = re.compile(r"\[\[stat:(?P<id>[^\]\s]*)\]\]")
# A source marker, [[cite:SOURCE_ID]]: a claim without a figure names its source (a note, no text).
CITE_MARKER = re.compile(r"\[\[cite:(?P<id>[^\]\s]*)\]\]")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[(?P<ref>[^\]^][^\]]*)\]:\s*(?P<url>\S+)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto|tel|javascript|data|vbscript):[^>\s]*)>", re.I)
_HTML_TAG = re.compile(r"</?(?P<tag>[a-zA-Z][\w-]*)(?P<attrs>(?:\s+[^<>]*?)?)\s*/?>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
