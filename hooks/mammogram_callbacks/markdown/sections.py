"""Pair the sections of a translation with the sections of its source page."""

from __future__ import annotations

from mammogram_callbacks.markdown.page import ParsedPage, Section


def paired_sections(source: ParsedPage, translation: ParsedPage) -> list[tuple[Section, Section]]:
    """Sections side by side when both pages have the same headings; else each page as one block.

    The structure check reports differing headings; the number and term checks then still run,
    over the whole page, so a wrong number is caught even in a page whose headings drifted.
    """
    if len(source.sections) == len(translation.sections):
        return list(zip(source.sections, translation.sections, strict=True))
    return [(_whole(source), _whole(translation))]


def _whole(page: ParsedPage) -> Section:
    first = page.sections[0]
    return Section(
        heading=None,
        line=first.line,
        prose=page.prose(),
        elements=page.elements(),
    )


def section_line(section: Section) -> int:
    return section.heading.line if section.heading else section.line
