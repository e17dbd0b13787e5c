"""Units to and from gettext PO files, through translate-toolkit's PO storage (`translate.storage.pypo`).

One file per page. Each unit: `msgctxt` the segment id, `#:` the English file and line, `msgid` the
English text, `msgstr` the translation, `#, fuzzy` with `#| msgid` (the English it was made from)
for an outdated one, `#.` notes for the translator (approved terms, where a pre-filled translation
came from), and Weblate's `placeholders:` flag, so that markers and link targets show as tags that
must be kept. The header names the page (`X-Mammogram-Page`) and the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate.storage import pypo

from mammogram_callbacks.exchange.placeholders import WEBLATE_FLAG
from mammogram_callbacks.exchange.units import ExchangeUnit

PAGE_HEADER = "X-Mammogram-Page"
# The note that names the page's translation of a unit as it was exported (see importer).
VERSION_NOTE = "Translation version when exported (keep this line): "


@dataclass(frozen=True)
class ImportedUnit:
    """One unit as a translator left it."""

    page: str
    language: str
    segment_id: str
    source: str
    target: str
    fuzzy: bool
    where: str  # the file and line of the unit, for messages
    exported_version: str = ""  # the page's translation of the unit when the file was made
    translator: str = ""  # the file's Last-Translator (PO), for a new page's translated_by


def units_to_po(units: list[ExchangeUnit], page: str, language: str, language_name: str) -> bytes:
    store = pypo.pofile()
    store.updateheader(
        add=True,
        Project_Id_Version="Mammogram callbacks",
        Language=language,
        Content_Type="text/plain; charset=UTF-8",
        Content_Transfer_Encoding="8bit",
        X_Mammogram_Page=page,
    )
    store.header().addnote(
        f"{language_name} translation of docs/en/{page}. Translate each unit; keep the tags. "
        "Import with `translations import`.",
        origin="translator",
        position="replace",
    )
    for unit in units:
        po_unit = store.addsourceunit(unit.source)
        po_unit.setcontext(unit.segment_id)
        po_unit.addlocation(unit.location)
        for note in unit.notes:
            po_unit.addnote(note, origin="developer")
        if unit.target_version:
            po_unit.addnote(f"{VERSION_NOTE}{unit.target_version}", origin="developer")
        po_unit.settypecomment(WEBLATE_FLAG)
        if unit.target:
            po_unit.target = unit.target
            if unit.state != "current":
                po_unit.markfuzzy(True)
                if unit.previous_source:
                    po_unit.prev_source = unit.previous_source
    return bytes(store)


def exported_version(notes: str) -> str:
    for line in notes.splitlines():
        if line.startswith(VERSION_NOTE):
            return line[len(VERSION_NOTE) :].strip()
    return ""


def read_po(content: bytes, where: str) -> tuple[str, str, list[ImportedUnit]]:
    """(page, language, units) of a PO file; a file without its page header is an error."""
    store = pypo.pofile(content)
    header = store.parseheader()
    page, language = str(header.get(PAGE_HEADER, "")), str(header.get("Language", ""))
    translator = translator_name(str(header.get("Last-Translator", "")))
    if not page or not language:
        raise ValueError(
            f"{where}:1: not a file exported by `translations export` (no {PAGE_HEADER} or Language header)"
        )
    units = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        units.append(
            ImportedUnit(
                page,
                language,
                str(unit.getcontext()),
                str(unit.source),
                str(unit.target or ""),
                bool(unit.isfuzzy()),
                f"{where}:{unit.line_number or 1}" if hasattr(unit, "line_number") else where,
                exported_version(unit.getnotes("developer")),
                translator,
            )
        )
    return page, language, units


def translator_name(last_translator: str) -> str:
    """The name in a PO header's `Last-Translator: Name <email>`; "" for the template's
    placeholder (`FULL NAME <EMAIL@ADDRESS>`) or none. The address is not written into the page."""
    name = re.sub(r"\s*<[^>]*>\s*", " ", last_translator).strip()
    return "" if not name or name == "FULL NAME" else name
