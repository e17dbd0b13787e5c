"""A notice at the top of each section whose English changed since it was translated.

A reader of a translation that is mostly current should not be told the whole page may be out of
date: the sections whose segments are outdated (`checks.segment_freshness`) each get a short note
right under their heading, in her language, with a link to the same section of the English page.
The note is an admonition (`!!! note pe-outdated-section "..."`), so it looks, prints and reads
(to a screen reader) like every other box on the site.
"""

from __future__ import annotations

import html

from mammogram_callbacks.markdown.page import FENCE, HEADING, heading_anchor


def mark_outdated_sections(
    markdown: str,
    sections: set[str],
    title: str,
    text: str,
    link_text: str,
    link: str | None,
    source_language: str,
) -> str:
    """`markdown` with a note after the heading of each section in `sections` (heading ids)."""
    if not sections:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        out.append(line)
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        if match := FENCE.match(line):
            fence = match["fence"][0] * 3
            continue
        match = HEADING.match(line)
        if match and heading_anchor(match) in sections:
            anchor = heading_anchor(match)
            # An HTML link, not a Markdown one: the address is the built English page's (MkDocs
            # would look for a Markdown file of that name in this language's build).
            target = (
                f' <a href="{html.escape(link, quote=True)}#{html.escape(anchor, quote=True)}" '
                f'hreflang="{html.escape(source_language, quote=True)}">{html.escape(link_text)}</a>'
                if link
                else ""
            )
            out += ["", f'!!! note pe-outdated-section "{_quote(title)}"', f"    {_escape(text)}{target}", ""]
    return "\n".join(out)


def _quote(text: str) -> str:
    return text.replace('"', "\u201d")


def _escape(text: str) -> str:
    """UI strings are plain text: nothing in them may become markup."""
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text
