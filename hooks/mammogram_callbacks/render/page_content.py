"""A page's Markdown, filled from the project's data: one function for every engine.

`fill_page` replaces the statistics, citations and clinic markers, puts the generated blocks in
place and appends the source notes. The MkDocs build calls it from its hook (build/content.py),
with the blocks only a MkDocs build can make (the translation status, the embed builder); any
engine that runs Python-Markdown extensions calls it through markdown_extension.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from mammogram_callbacks.data.clinic import ClinicProfile
from mammogram_callbacks.data.project_data import ProjectData
from mammogram_callbacks.data.publish_config import PublishConfig
from mammogram_callbacks.render.content import (
    glossary,
    markdown_literal,
    render_clinic,
    render_statistics,
    source_notes,
    sources_list,
)
from mammogram_callbacks.render.icon_array import icon_array_context

# The generated blocks: an HTML comment alone on its line, replaced by the block.
ICON_ARRAY = "<!-- pe:icon-array -->"
GLOSSARY = "<!-- pe:glossary -->"
SOURCES = "<!-- pe:sources -->"
TRANSLATION_STATUS = "<!-- pe:translation-status -->"
EMBED_BUILDER = "<!-- pe:embed-builder -->"
ACCESSIBILITY_CONTACT = "<!-- pe:accessibility-contact -->"
BLOCKS = (ICON_ARRAY, GLOSSARY, SOURCES, TRANSLATION_STATUS, EMBED_BUILDER, ACCESSIBILITY_CONTACT)


class MissingContact(ValueError):
    """A page shows a contact that data/publish.yml does not give."""


Block = Callable[[], str]


def fill_page(
    markdown: str,
    data: ProjectData,
    language: str,
    clinic: ClinicProfile | None,
    blocks: Mapping[str, Block],
) -> str:
    """The page's Markdown with every marker filled in `language` (raises UnknownStatistic,
    UnknownSource or UnknownClinicMarker for a marker the data does not know)."""
    markdown, cited = render_statistics(markdown, data, language)
    markdown = render_clinic(markdown, data.ui[language], clinic)
    for marker, build in blocks.items():
        if marker in markdown:
            markdown = markdown.replace(marker, f"\n{build()}\n")
    return markdown + source_notes(cited, data.formats_for(language), data.ui[language])


def data_blocks(
    data: ProjectData, language: str, macros: Callable[[str], Any], publish: PublishConfig | None = None
) -> dict[str, Block]:
    """The generated blocks made from the data alone (every engine can have these).

    `macros(template)` gives a template's macros: the theme's Jinja environment in a MkDocs build,
    `template_macros` elsewhere.
    """
    return {
        ICON_ARRAY: lambda: macros("hooks/icon-array.html").icon_array(icon_array_context(data, language)),
        GLOSSARY: lambda: glossary(data.entries(language)),
        SOURCES: lambda: sources_list(data, language),
        ACCESSIBILITY_CONTACT: lambda: contact_link(publish.accessibility_contact if publish else None),
    }


def contact_link(contact: str | None) -> str:
    """A contact (mailto: or https:) as a Markdown link showing the address itself."""
    if not contact:
        raise MissingContact("accessibility_contact")
    shown = contact.removeprefix("mailto:")
    return f"**[{markdown_literal(shown)}]({contact})**"


def template_macros(overrides: Path) -> Callable[[str], Any]:
    """The macros of the templates in overrides/, without MkDocs (for another engine)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides)), autoescape=False)
    return lambda name: env.get_template(name).module
