"""Units to and from XLIFF 1.2, through translate-toolkit's XLIFF storage (`translate.storage.xliff`).

translate-toolkit writes XLIFF 1.1 by default; XLIFF 1.2 (what memoQ, Trados and OmegaT read) has
the same elements, so the store is the toolkit's with the 1.2 namespace and version. One
`<file original="docs/en/PAGE">` per page; each unit's `id` is the segment id, its `<context-group>`
the English file and line, `<note from="developer">` the glossary notes, and an outdated unit's
target has `state="needs-review-translation"` (fuzzy).
"""

from __future__ import annotations

from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeable_xliff

from mammogram_callbacks.exchange.placeholders import PLACEHOLDER
from mammogram_callbacks.exchange.po import VERSION_NOTE, ImportedUnit, exported_version
from mammogram_callbacks.exchange.units import ExchangeUnit

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.Xliff1Unit):
    namespace = NAMESPACE

    def addlocation(self, location: str) -> None:
        # The toolkit names every location group "", and XLIFF 1.2's schema wants a context
        # group's name unique within its <file>: named after the unit, it is.
        source_file, _, line = location.rpartition(":")
        contexts = [("sourcefile", source_file), ("linenumber", line)]
        if not source_file:
            contexts = [("sourcefile", location)]
        self.createcontextgroup(f"location {self.xmlelement.get('id')}", contexts, "location")


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
        # Markers, link targets, code and markup as <ph> tags: a CAT tool shows them as tags to
        # place, not words to translate. Read back, a <ph>'s content is the text it stood for.
        ids: dict[str, list[str]] = {}
        x_unit.rich_source = [_tagged(unit.source, ids, assign=True)]
        x_unit.addlocation(unit.location)
        for note in unit.notes:
            x_unit.addnote(note, origin="developer")
        if unit.target_version:
            x_unit.addnote(f"{VERSION_NOTE}{unit.target_version}", origin="developer")
        if unit.target:
            x_unit.settarget(unit.target)
            x_unit.rich_target = [_tagged(unit.target, {k: list(v) for k, v in ids.items()}, assign=False)]
            if unit.state == "current":
                x_unit.markapproved(True)
            else:
                # Outdated: a translation to review against the new English, not one to start
                # ("needs-translation", the toolkit's markfuzzy). Either way it reads back fuzzy.
                x_unit.markreviewneeded(True)
    return bytes(store)


def _tagged(text: str, ids: dict[str, list[str]], assign: bool) -> StringElem:
    """`text` with each placeholder as a <ph>: in the source, numbered in order (`ids` records
    them); in the target, a placeholder takes the id the same text has in the source."""
    parts: list = []
    at = 0
    counter = sum(len(v) for v in ids.values())
    for match in PLACEHOLDER.finditer(text):
        if match.start() > at:
            parts.append(text[at : match.start()])
        found = match.group(0)
        if assign:
            counter += 1
            ids.setdefault(found, []).append(str(counter))
            tag_id = str(counter)
        elif ids.get(found):
            tag_id = ids[found].pop(0)
        else:
            counter += 1
            tag_id = f"x{counter}"  # not in the English: the import will say so
        parts.append(placeable_xliff.Ph(found, id=tag_id))
        at = match.end()
    if at < len(text):
        parts.append(text[at:])
    return StringElem(parts)


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
