"""Units to and from XLIFF 1.2, through translate-toolkit's XLIFF storage (`translate.storage.xliff`).

translate-toolkit writes XLIFF 1.1 by default; XLIFF 1.2 (what memoQ, Trados and OmegaT read) has
the same elements, so the store is the toolkit's with the 1.2 namespace and version. One
`<file original="docs/en/PAGE">` per page; each unit's `id` is the segment id, its `<context-group>`
the English file and line, `<note from="developer">` the glossary notes, and an outdated unit's
target has `state="needs-review-translation"` (fuzzy).
"""

from __future__ import annotations

from translate.storage import xliff

from mammogram_callbacks.exchange.po import VERSION_NOTE, ImportedUnit, exported_version
from mammogram_callbacks.exchange.units import ExchangeUnit

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.Xliff1Unit):
    namespace = NAMESPACE


class Xliff12File(xliff.xlifffile):
    UnitClass = Xliff12Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


def units_to_xliff(units: list[ExchangeUnit], page: str, source_language: str, language: str) -> bytes:
    store = Xliff12File(sourcelanguage=source_language, targetlanguage=language)
    store.setfilename(store.getfilenode("NoName"), f"docs/{source_language}/{page}")
    for unit in units:
        x_unit = store.addsourceunit(unit.source, filename=f"docs/{source_language}/{page}")
        x_unit.setid(unit.segment_id)
        x_unit.addlocation(unit.location)
        for note in unit.notes:
            x_unit.addnote(note, origin="developer")
        if unit.target_version:
            x_unit.addnote(f"{VERSION_NOTE}{unit.target_version}", origin="developer")
        if unit.target:
            x_unit.settarget(unit.target)
            x_unit.markfuzzy(unit.state != "current")
            if unit.state == "current":
                x_unit.markapproved(True)
    return bytes(store)


def read_xliff(content: bytes, where: str) -> list[ImportedUnit]:
    """The units of an exported XLIFF file (one `<file>`, one page)."""
    store = Xliff12File(content)
    names = store.getfilenames()
    if len(names) != 1 or names[0].count("/") < 2:
        raise ValueError(
            f'{where}:1: expected one <file original="docs/en/PAGE"> (a file `translations export` made)'
        )
    page = names[0].split("/", 2)[2]
    language = store.gettargetlanguage() or ""
    # getid() prefixes the file's name; the unit's own id attribute is the segment id.
    return [
        ImportedUnit(
            page,
            language,
            str(unit.xmlelement.get("id")),
            str(unit.source),
            str(unit.target or ""),
            bool(unit.isfuzzy()),
            f"{where} (unit {unit.xmlelement.get('id')})",
            exported_version(unit.getnotes("developer")),
        )
        for unit in store.units
    ]
