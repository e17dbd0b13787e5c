"""`translations import`: translated units back into the Markdown pages and their records.

Every file is read and every unit checked before anything is written: a unit for a segment the
English page does not have, or a translation whose placeholders (markers, link targets, code, bold
markup) differ from the English, refuses the whole import, naming the file, the unit and what is
wrong. Then all pages and records are written together; if writing fails halfway, every file is
put back. A unit marked fuzzy is written but not recorded as current (the page stays outdated
there); a unit with an empty translation changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mammogram_callbacks.checks.segment_freshness import resolve_records
from mammogram_callbacks.core.file_rollback import restored_on_failure
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.data.segment_records import (
    SegmentRecord,
    load_source_texts,
    records_path,
    save_records,
    save_source_texts,
)
from mammogram_callbacks.exchange.page_writer import (
    front_matter_and_body,
    replace_segments,
    translation_front_matter,
)
from mammogram_callbacks.exchange.placeholders import placeholder_problems
from mammogram_callbacks.exchange.po import ImportedUnit
from mammogram_callbacks.exchange.units import translated_pages
from mammogram_callbacks.markdown.alignment import align
from mammogram_callbacks.markdown.front_matter_edit import set_source_blob
from mammogram_callbacks.markdown.page import parse_page
from mammogram_callbacks.markdown.segments import Segment, page_segments, text_version
from mammogram_callbacks.project import Project
from mammogram_callbacks.translation_state import referenced_texts


class ImportRefused(Exception):
    """Nothing was written; `problems` says, unit by unit, what to fix."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class PagePlan:
    language: str
    page: str
    text: str  # the page as it will be written
    records: dict[str, SegmentRecord]
    translated: int = 0  # units written as current
    fuzzy: int = 0


@dataclass
class ImportResult:
    plans: list[PagePlan] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # files written with new content


def plan_page(
    project: Project, language: str, page: str, units: list[ImportedUnit], machine_assisted: bool = False
) -> tuple[PagePlan | None, list[str]]:
    source_path = project.page_file(project.default.code, page)
    if not source_path.exists():
        return None, [f"{units[0].where}: no page {project.display(source_path)} to translate"]
    english = {s.id: s for s in project.segments(source_path)}
    problems = []
    wanted: dict[str, ImportedUnit] = {}
    for unit in units:
        segment = english.get(unit.segment_id)
        if segment is None:
            problems.append(
                f"{unit.where}: unit '{unit.segment_id}' is not a segment of {project.display(source_path)} "
                f"(the English page changed since this file was exported: export again)"
            )
            continue
        if unit.target.strip():
            broken = placeholder_problems(unit.source, unit.target)
            if broken:
                problems.append(
                    f"{unit.where}: unit '{unit.segment_id}' ({project.display(source_path)}:"
                    f"{segment.line}): {'; '.join(broken)}. Keep every tag of the English as it is"
                )
                continue
            wanted[unit.segment_id] = unit
    if problems:
        return None, problems

    path = project.page_file(language, page)
    current_text = path.read_text(encoding="utf-8") if path.exists() else None
    translated = page in translated_pages(project, language) if current_text is not None else False
    pairs: dict[str, Segment] = {}
    old_records: dict[str, SegmentRecord] = {}
    if translated:
        _, states = project.segment_pairs(language, page)
        pairs = {s.source.id: s.translation for s in states.states if s.source and s.translation}
        old_records = project.translated_page(language, page).records or {}
    english_text = source_path.read_text(encoding="utf-8")
    # A page edited by hand after the export: a unit the file leaves as it was keeps the page's
    # newer text; a unit changed in both places is a conflict, for the translator to settle.
    for sid, unit in list(wanted.items()):
        now = pairs.get(sid)
        if now is None or not unit.exported_version or now.version == unit.exported_version:
            continue
        if text_version(unit.target) == unit.exported_version or now.text == unit.target:
            del wanted[sid]
            continue
        problems.append(
            f"{unit.where}: unit '{sid}': {project.display(path)}:{now.line} was edited after this file "
            f"was exported, and the file has another translation: export again (your other units are "
            f"offered again), or copy this unit's change into the page by hand"
        )
    if problems:
        return None, problems

    in_place = (
        translated
        and all(sid in pairs for sid in wanted)
        and all(sid in pairs for sid in english if english[sid].kind != "alt")
    )
    if in_place:
        assert current_text is not None
        changes = [(pairs[sid], u.target) for sid, u in wanted.items() if u.target != pairs[sid].text]
        text = (
            replace_segments(current_text, [(s, _cell_safe(s, t)) for s, t in changes])
            if changes
            else current_text
        )
    else:
        texts = {sid: segment.text for sid, segment in pairs.items()}
        texts.update({sid: u.target for sid, u in wanted.items()})
        skeleton = replace_segments(
            english_text,
            [
                (english[sid], _cell_safe(english[sid], t))
                for sid, t in texts.items()
                if sid in english and english[sid].kind != "alt" and t != english[sid].text
            ],
        )
        front, body = front_matter_and_body(skeleton)
        if current_text is not None:
            own_front, _ = front_matter_and_body(current_text)
            title_description = [
                (s, texts[s.id])
                for s in _front_segments(own_front, path)
                if s.id in texts and texts[s.id] != s.text
            ]
            front = replace_segments(own_front, title_description) if title_description else own_front
        else:
            translator = next((u.translator for u in units if u.translator), "")
            front = translation_front_matter(
                front, blob_id(source_path.read_bytes()), translator, machine_assisted
            )
        text = front + body

    # Records: each unit written as current names the English it was made from; the others keep
    # what they had (carried by content to the ids of the page as written).
    display = project.display(path)
    unchanged = current_text is not None and text == current_text
    new_segments = project.segments(path) if unchanged else page_segments(parse_page(text, display), text)
    records = resolve_records(new_segments, old_records) if old_records else {}
    english_segments = list(project.segments(source_path))
    alignment = align(
        english_segments, new_segments, {k: r.source_version for k, r in records.items()} or None
    )
    plan = PagePlan(language, page, text, records)
    for source, translation in alignment.paired():
        imported = wanted.get(source.id)
        if imported is None:
            continue
        if imported.fuzzy or imported.source != source.text:
            plan.fuzzy += 1
            continue
        records[translation.id] = SegmentRecord(source.version, translation.version)
        plan.translated += 1
    complete = all(
        (t := next((p.translation for p in alignment.pairs if p.source is s), None)) is not None
        and t.id in records
        and records[t.id].source_version == s.version
        for s in english_segments
        if s.kind != "alt"
    )
    if complete:
        updated = set_source_blob(plan.text, blob_id(source_path.read_bytes()))
        if updated is not None:
            plan.text = updated
    return plan, []


def import_units(project: Project, units: list[ImportedUnit], machine_assisted: bool = False) -> ImportResult:
    """Plan every page, refuse on any problem, then write everything (or nothing).

    A page the import creates names its translator from the file (PO's Last-Translator) and, with
    `machine_assisted`, says that its text was drafted by machine translation."""
    by_page: dict[tuple[str, str], list[ImportedUnit]] = {}
    for unit in units:
        by_page.setdefault((unit.language, unit.page), []).append(unit)
    codes = {lang.code for lang in project.languages}
    problems: list[str] = []
    plans: list[PagePlan] = []
    for (language, page), page_units in sorted(by_page.items()):
        if language not in codes or language == project.default.code:
            problems.append(
                f"{page_units[0].where}: language '{language}' is not a translation mkdocs.yml lists "
                f"({', '.join(sorted(codes - {project.default.code}))}); add it under plugins: i18n: "
                f"languages: first"
            )
            continue
        plan, page_problems = plan_page(project, language, page, page_units, machine_assisted)
        problems += page_problems
        if plan is not None:
            plans.append(plan)
    if problems:
        raise ImportRefused(problems)
    return _write(project, plans)


def _write(project: Project, plans: list[PagePlan]) -> ImportResult:
    result = ImportResult(plans)
    texts = load_source_texts(project.root, project.default.code)
    records_by_language: dict[str, dict[str, dict[str, SegmentRecord]]] = {}
    for plan in plans:
        pages = records_by_language.setdefault(plan.language, dict(project.segment_records(plan.language)))
        if plan.records or plan.page in pages:
            pages[plan.page] = plan.records
        for segment in project.segments(project.page_file(project.default.code, plan.page)):
            texts.setdefault(segment.version, segment.text)
    files = {project.page_file(plan.language, plan.page): plan.text.encode("utf-8") for plan in plans}
    paths = [
        *files,
        records_path(project.root, project.default.code),
        *(records_path(project.root, lang) for lang in records_by_language),
    ]
    with restored_on_failure(paths) as saved:
        for path, content in files.items():
            if saved.get(path) != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(path.name + ".import-tmp")
                temporary.write_bytes(content)
                temporary.replace(path)
                result.changed.append(project.display(path))
        for language, pages in records_by_language.items():
            if pages != project.segment_records(language):
                save_records(project.root, language, pages)
        kept = referenced_texts(project, texts, records_by_language)
        if kept != load_source_texts(project.root, project.default.code):
            save_source_texts(project.root, project.default.code, kept)
    return result


def _front_segments(front: str, path: Path) -> list[Segment]:
    text = front + "\n"
    return [s for s in page_segments(parse_page(text, str(path)), text) if s.kind in ("title", "description")]


def _cell_safe(segment: Segment, text: str) -> str:
    """A table cell's text cannot hold a bare pipe: it would end the cell."""
    if segment.kind != "cell":
        return text
    return "".join(
        "\\|" if ch == "|" and (i == 0 or text[i - 1] != "\\") else ch for i, ch in enumerate(text)
    )
