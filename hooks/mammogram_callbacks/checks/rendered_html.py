"""Check 9, rendered safety: what a page becomes in HTML holds nothing active.

The source check (checks/safety.py) reads the Markdown. But Python-Markdown's extensions make HTML
in ways a source scan does not see: `attr_list` puts `{ onclick="..." }` on the paragraph above
it, a reference definition gives a link its URL lines away, and raw HTML can hide in any block.
This check reads the HTML a page renders to, before the theme wraps it, with a standards-compliant
HTML5 parser (justhtml: it parses as a browser does, so what it sees is what the patient's browser
would run), against an allow-list of elements, attributes and URL schemes. Each finding is placed
at the line of the page's source that holds the offending text, for the translator to fix there.

Allowed: the elements Markdown and the enabled extensions make (paragraphs, headings, lists,
tables, admonitions, footnotes, abbreviations, definition lists, code), the ones the site's own
generated blocks use (the picture's SVG, the status tables, the embed builder's form fields),
global attributes that only describe (id, class, title, lang, dir, role, aria-*, tabindex), and
links to http(s), mailto and tel addresses or within the site. Images come from the site itself
only: an image from another host is a request to a third party.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from justhtml import JustHTML
from justhtml.dom import Element, Node

from mammogram_callbacks.core.findings import Finding

CHECK = "rendered-safety"

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing in the HTML that is not allowed, and the texts to look for in the source (the
    first one found gives the line: a URL may be written with character references there)."""

    message: str
    needles: tuple[str, ...]


# ---- Functions ---------------------------------------------------------------------------------


def check_rendered_html(html: str, source: str, path: str) -> list[Finding]:
    """Every element, attribute or URL of `html` (a page's content) outside the allow-list,
    at the line of `source` (the page's raw Markdown, front matter included) that holds it."""
    lines = source.splitlines()
    findings = []
    seen: set[tuple[int, str]] = set()
    for problem in problems_in(html):
        line = next((n for n in (_source_line(lines, needle) for needle in problem.needles) if n), 0)
        if (line, problem.message) in seen:
            continue
        seen.add((line, problem.message))
        where = "" if line else " (not in the page's own text: it comes from the data or a generated block)"
        findings.append(Finding(path, line or 1, CHECK, problem.message + where))
    return findings


def problems_in(html: str) -> Iterator[Problem]:
    """What the allow-list refuses in `html`, in document order."""
    document = JustHTML(html, fragment=True, sanitize=False)
    yield from _walk(document.root)


def safe_url(value: str, *, image: bool = False) -> bool:
    """A link within the site, or to an http(s), mailto or tel address; an image from the site only.

    Browsers ignore ASCII whitespace and control characters inside a URL's scheme ("java\\tscript:"
    runs), so they are removed before the scheme is read, as the URL standard does.
    """
    cleaned = _URL_IGNORED.sub("", value)
    scheme = _SCHEME.match(cleaned)
    if image:
        return scheme is None and not cleaned.startswith(("//", "\\\\", "/\\", "\\/"))
    return scheme is None or scheme[1].lower() in _LINK_SCHEMES


# ---- Helper functions --------------------------------------------------------------------------


def _walk(node: Node) -> Iterator[Problem]:
    for child in node.children or ():
        if not isinstance(child, Element):
            continue
        yield from _element(child)
        if child.name == "noscript":
            # Browsers with scripting off read its text as HTML: check that HTML too.
            yield from problems_in(child.to_text(separator="", strip=False))
        yield from _walk(child)


def _element(element: Element) -> Iterator[Problem]:
    namespace, name = element.namespace or "html", element.name.lower()
    allowed = _ELEMENTS.get(namespace, {})
    if name not in allowed:
        shown = name if namespace == "html" else f"{namespace} {name}"
        yield Problem(
            f"<{shown}> is not allowed in a page (pages are Markdown; see checks/rendered_html.py)",
            (f"<{name} ", f"<{name}>", f"<{name}/", f"<{name}\t", f"<{name}"),
        )
        return
    for attribute, value in (element.attrs or {}).items():
        key = attribute.lower()
        value = value or ""
        if key.startswith("on"):
            yield Problem(f"event handler {key}= on <{name}> would run code in the reader's browser", (key,))
        elif key == "style":
            yield Problem(
                f"style= on <{name}> is not allowed (the Content-Security-Policy blocks it)", ("style",)
            )
        elif key in ("href", "src") and key in allowed[name]:
            if not safe_url(value, image=(name == "img")):
                what = "an image from another site" if name == "img" else "a link of a kind that can run code"
                yield Problem(
                    f"{key}={value!r} on <{name}> is {what}; allowed: {_ALLOWED_URLS[name == 'img']}",
                    _url_needles(value, key),
                )
        elif key not in allowed[name] and key not in _GLOBAL and not key.startswith("aria-"):
            yield Problem(f"attribute {key}= on <{name}> is not allowed", (key,))
        elif key == "fill" and not _PAINT.fullmatch(value):
            yield Problem(f"fill={value!r} on <{name}> may only name a pattern of the page", (value, key))


def _url_needles(value: str, attribute: str) -> tuple[str, ...]:
    # The URL as written, then what follows its scheme ("alert(1)" of "&#106;avascript:alert(1)").
    rest = value.split(":", 1)[-1].strip()
    return tuple(n for n in (value.strip(), rest, attribute) if n)


def _source_line(lines: list[str], needle: str) -> int:
    """The 1-based line of the page's source that holds `needle` (case-insensitive), else 0.

    The body is searched before the front matter: a title holds no markup.
    """
    wanted = needle.lower()
    body_start = _body_start(lines)
    order = list(range(body_start, len(lines))) + list(range(body_start))
    for index in order:
        if wanted in lines[index].lower():
            return index + 1
    return 0


def _body_start(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- Data --------------------------------------------------------------------------------------

# Attributes that only describe, on any allowed element.
_GLOBAL = _names("id class title lang dir role tabindex hidden")
_TABLE_CELL = _names("scope colspan rowspan headers")
_FORM_FIELD = _names("name disabled")
_SVG_SHAPE = _names("x y width height r cx cy d fill")
# namespace -> element -> its own attributes (besides the global ones)
_ELEMENTS: dict[str, dict[str, frozenset[str]]] = {
    "html": {
        **dict.fromkeys(
            (
                "abbr b bdi blockquote br caption cite code dd del details dfn div dl dt em figcaption "
                "figure h1 h2 h3 h4 h5 h6 hr i ins kbd li mark p pre q s samp small span strong sub "
                "summary sup table tbody tfoot thead tr u ul var"
            ).split(),
            frozenset(),
        ),
        "a": _names("href hreflang"),
        "img": _names("src alt width height loading decoding"),
        "ol": _names("start reversed type"),
        "td": _TABLE_CELL,
        "th": _TABLE_CELL,
        # The embed builder ("Embed these pages"): a form without an action, and its script.
        "label": _names("for"),
        "select": _FORM_FIELD,
        "option": _names("value selected"),
        "textarea": _FORM_FIELD | _names("rows cols readonly spellcheck"),
        "button": _FORM_FIELD | _names("type data-pe-copy"),
        "meter": _names("value min max low high optimum"),
        "noscript": frozenset(),
    },
    # The picture of 1,000 women (overrides/hooks/icon-array.html).
    "svg": {
        "svg": _names("viewbox width height focusable aria-labelledby"),
        "title": frozenset(),
        "desc": frozenset(),
        "defs": frozenset(),
        "g": frozenset(),
        "pattern": _names("width height patternunits"),
        "circle": _SVG_SHAPE,
        "path": _SVG_SHAPE,
        "rect": _SVG_SHAPE,
    },
}
# The embed builder's div carries the snippet templates its script fills in.
_ELEMENTS["html"]["div"] = _names(
    "data-pe-embed-builder data-script-template data-iframe-template data-preview-script data-copied"
)
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ALLOWED_URLS = {
    False: "a page of the site, an #anchor, or an http(s)://, mailto: or tel: address",
    True: "an image file of the site itself (docs/ or overrides/)",
}
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_PAINT = re.compile(r"url\(#[A-Za-z][\w-]*\)|none|currentColor")
