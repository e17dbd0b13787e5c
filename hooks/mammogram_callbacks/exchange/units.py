"""The units a translator exchanges: one per English segment of a page, with its translation.

A unit carries what a CAT tool or Weblate shows: the segment id (PO `msgctxt`, XLIFF `id`), the
English file and line, the English text, today's translation, its state (current; outdated, given
as a fuzzy match with the English it was made from; untranslated), and notes: the approved terms of
the concepts the English segment uses, and where a pre-filled translation came from.

The translation memory fills an untranslated unit whose English text is translated elsewhere in
the same language (marked fuzzy, for the translator to confirm).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mammogram_callbacks.data.project_data import TermEntry
from mammogram_callbacks.data.segment_records import load_source_texts
from mammogram_callbacks.markdown.segments import Segment
from mammogram_callbacks.project import Project

# An image's description is translated inside its paragraph (it is part of that text).
_NOT_EXCHANGED = frozenset({"alt"})

# How many of a term's other forms a unit's glossary note names (the termbase has them all).
NOTE_VARIANTS = 4


@dataclass
class ExchangeUnit:
    page: str  # in the language folder, e.g. "callback.md"
    segment_id: str
    location: str  # the English file and line, e.g. "docs/en/callback.md:14"
    source: str
    target: str = ""
    state: str = "untranslated"  # current, outdated, untranslated
    previous_source: str | None = None  # the English the target was made from (outdated units)
    notes: list[str] = field(default_factory=list)
    # The translation's version when exported: an import of an older file must not undo an edit
    # made in the page since.
    target_version: str = ""


@dataclass
class TranslationMemory:
    """One language's current translations, by English text (the first place each was seen)."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # English -> (translation, where)

    def add(self, english: str, translation: str, where: str) -> None:
        if english.strip() and translation.strip():
            self.entries.setdefault(english, (translation, where))

    def lookup(self, english: str) -> tuple[str, str] | None:
        return self.entries.get(english)


def language_memory(project: Project, language: str) -> TranslationMemory:
    memory = TranslationMemory()
    for page in translated_pages(project, language):
        for state in project.segment_pairs(language, page)[1].states:
            if state.state == "current" and state.source and state.translation:
                where = f"{project.display(project.page_file(language, page))}:{state.translation.line}"
                memory.add(state.source.text, state.translation.text, where)
    return memory


def page_units(
    project: Project,
    language: str,
    page: str,
    memory: TranslationMemory | None = None,
    source_texts: dict[str, str] | None = None,
) -> list[ExchangeUnit]:
    """The units of one page; `source_texts` (data/segments/en.yml) is read when not given."""
    source_path = project.page_file(project.default.code, page)
    location = project.display(source_path)
    english = [s for s in project.segments(source_path) if s.kind not in _NOT_EXCHANGED]
    units = {s.id: ExchangeUnit(page, s.id, f"{location}:{s.line}", s.text) for s in english}
    if page in translated_pages(project, language):
        texts = (
            source_texts
            if source_texts is not None
            else load_source_texts(project.root, project.default.code)
        )
        for state in project.segment_pairs(language, page)[1].states:
            source, translation = state.source, state.translation
            if source is None or translation is None or source.id not in units:
                continue
            unit = units[source.id]
            unit.target = translation.text
            unit.target_version = translation.version
            unit.state = "current" if state.state == "current" else "outdated"
            if unit.state == "outdated" and state.recorded is not None:
                unit.previous_source = texts.get(state.recorded.source_version)
    entries = {e.concept: e for e in project.data.entries(language)}
    for segment in english:
        unit = units[segment.id]
        if unit.state == "untranslated" and memory is not None and (found := memory.lookup(segment.text)):
            unit.target, where = found
            unit.notes.append(
                f"Pre-filled from {where}, which translates the same English: check it fits here."
            )
        unit.notes += _glossary_notes(project, entries, segment)
    return [units[s.id] for s in english]


def translated_pages(project: Project, language: str) -> list[str]:
    """The pages of `language` that exist and are translated (not the English copy `new` makes)."""
    pages = []
    for page in project.source_pages():
        path = project.page_file(language, page)
        if (
            not path.exists()
            or project.parse(project.page_file(project.default.code, page)).meta.get("translate") is False
        ):
            continue
        info = project.parse(path).meta.get("translation")
        if isinstance(info, dict) and info.get("untranslated"):
            continue
        pages.append(page)
    return pages


def exchanged_pages(project: Project) -> list[str]:
    """Every source page a translator translates (not those for translators only)."""
    return [
        page
        for page in project.source_pages()
        if project.parse(project.page_file(project.default.code, page)).meta.get("translate") is not False
    ]


def _glossary_notes(project: Project, entries: dict[str, TermEntry], segment: Segment) -> list[str]:
    notes = []
    seen = set()
    for hit in project.term_matcher(project.default.code).hits([(segment.line, segment.prose)]):
        if hit.forbidden_reason is not None or hit.concept in seen or hit.concept not in entries:
            continue
        seen.add(hit.concept)
        entry = entries[hit.concept]
        # A few other forms, not all: a language the checks cannot stem lists dozens (Somali has 29
        # for "callback"), and a note that long buries the term in every unit.
        shown = entry.variants[:NOTE_VARIANTS]
        more = len(entry.variants) - len(shown)
        others = ", ".join(shown) + (
            f", and {more} more in data/termbase/{entry.language}.yml" if more else ""
        )
        notes.append(
            f"Glossary: '{hit.form}' is '{entry.preferred}'" + (f" (also: {others})" if shown else "") + "."
        )
    return notes
