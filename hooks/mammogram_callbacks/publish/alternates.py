"""Absolute language alternates in a page's <head>.

Material writes `<link rel="alternate" href="..." hreflang="...">` for each language from the
alternates mkdocs-static-i18n gives it, relative to the page. Search engines want them absolute,
plus an `x-default` for readers of any other language. Only the <head> changes: the language menu
in the page keeps its relative links, so the site still works at any address (a local preview, a
clinic's own host).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

# ---- Functions ---------------------------------------------------------------------------------


def absolute_alternates(html: str, page_url: str, default_language: str) -> str:
    """`html` with its head's alternate links made absolute against `page_url`, and x-default added
    (a copy of the default language's link) unless the head already has one."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    head, rest = html[:head_end], html[head_end:]
    links = list(_ALTERNATE.finditer(head))
    if not links:
        return html

    def absolute(match: re.Match) -> str:
        return f"{match['start']}{urljoin(page_url, match['href'])}{match['end']}"

    head = _ALTERNATE.sub(absolute, head)
    if not any(m["lang"] == "x-default" for m in links):
        default = next((m for m in _ALTERNATE.finditer(head) if m["lang"] == default_language), None)
        if default is not None:
            x_default = default[0].replace(f'hreflang="{default_language}"', 'hreflang="x-default"')
            head = head[: default.end()] + "\n" + x_default + head[default.end() :]
    return head + rest


# ---- Data --------------------------------------------------------------------------------------

# Material's markup (base.html, block site_meta), attributes in its order.
_ALTERNATE = re.compile(
    r'(?P<start><link rel="alternate" href=")(?P<href>[^"]*)'
    r'(?P<end>" hreflang="(?P<lang>[^"]*)">)'
)
