"""`translations export`: one exchange file per page of a language, and its translation memory.

PO files (for Poedit, Weblate, OmegaT) go to `OUT/<lang>/<page>.po`; XLIFF 1.2 files (memoQ,
Trados) to `OUT/<lang>/<page>.xlf`; the memory, every current English-translation pair of the
language, to `OUT/<lang>.tmx` (TMX 1.4, through translate-toolkit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate.storage import tmx

from mammogram_callbacks.data.segment_records import load_source_texts
from mammogram_callbacks.exchange.po import units_to_po
from mammogram_callbacks.exchange.units import ExchangeUnit, exchanged_pages, language_memory, page_units
from mammogram_callbacks.exchange.xliff import units_to_xliff
from mammogram_callbacks.project import Project


@dataclass
class ExportResult:
    files: list[Path] = field(default_factory=list)
    units: int = 0
    states: dict[str, int] = field(default_factory=dict)


def export_language(project: Project, language: str, out: Path, file_format: str = "po") -> ExportResult:
    memory = language_memory(project, language)
    result = ExportResult()
    folder = out / language
    folder.mkdir(parents=True, exist_ok=True)
    name = project.english_name(language)
    texts = load_source_texts(project.root, project.default.code)
    for page in exchanged_pages(project):
        units = page_units(project, language, page, memory, texts)
        result.units += len(units)
        for unit in units:
            key = unit.state if unit.state != "untranslated" or not unit.target else "pre-filled"
            result.states[key] = result.states.get(key, 0) + 1
        if file_format == "po":
            target = folder / (page.removesuffix(".md") + ".po")
            content = units_to_po(units, page, language, name)
        else:
            target = folder / (page.removesuffix(".md") + ".xlf")
            content = units_to_xliff(units, page, project.default.code, language)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        result.files.append(target)
    memory_file = out / f"{language}.tmx"
    memory_file.write_bytes(memory_tmx(memory.entries, project.default.code, language))
    result.files.append(memory_file)
    return result


def memory_tmx(entries: dict[str, tuple[str, str]], source_language: str, language: str) -> bytes:
    store = tmx.tmxfile(sourcelanguage=source_language, targetlanguage=language)
    for english, (translation, where) in entries.items():
        store.addtranslation(english, source_language, translation, language, comment=where)
    return bytes(store)


__all__ = ["ExchangeUnit", "ExportResult", "export_language", "memory_tmx"]
