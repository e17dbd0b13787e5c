"""What a translator records and reads about her segments: mark current, what changed, migration.

`mark_current` writes `data/segments/<lang>.yml` (and the page-level `translation.source_blob`)
only after the page's checks pass: a segment whose checks fail is never recorded as done, and an
English segment the translation lacks (a new safety sentence, say) keeps the page from being
marked as a whole. `segment_changes` gives, for each outdated segment, the English then and now
with what changed marked, and the translation as it stands (for `translations diff` and the
status page).
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field

from mammogram_callbacks.core.file_rollback import restored_on_failure
from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.data.segment_records import (
    SegmentRecord,
    load_source_texts,
    records_path,
    save_records,
    save_source_texts,
)
from mammogram_callbacks.markdown.alignment import align
from mammogram_callbacks.markdown.front_matter_edit import set_source_blob
from mammogram_callbacks.markdown.page import parse_page
from mammogram_callbacks.markdown.segments import Segment, page_segments
from mammogram_callbacks.project import Project


class MarkRefused(Exception):
    """The page or segment cannot be marked current; the message says why and what to do."""


@dataclass
class MarkResult:
    marked: list[str] = field(default_factory=list)  # segment ids
    # Marked although the translation did not change while its English did: worth a second look.
    unchanged: list[tuple[Segment, Segment]] = field(default_factory=list)
    page_current: bool = False  # every segment current now: source_blob written too


@dataclass(frozen=True)
class SegmentChange:
    translation: Segment | None  # None: a new English segment, not translated yet
    source_now: Segment
    source_then: str | None  # the English text it was translated from, when recorded
    state: str  # outdated, untranslated

    def marked_then_now(self) -> list[tuple[str, str]]:
        """The English as word runs: ("=", text) unchanged, ("-", text) gone, ("+", text) new."""
        return word_changes(self.source_then or "", self.source_now.text)


def word_changes(then: str, now: str) -> list[tuple[str, str]]:
    old, new = _words(then), _words(now)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("=", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("+", "".join(new[j1:j2])))
    return runs


def word_diff_text(runs: list[tuple[str, str]]) -> str:
    """git's --word-diff look: [-gone-]{+new+}."""
    return "".join(
        text if kind == "=" else (f"[-{text}-]" if kind == "-" else f"{{+{text}+}}") for kind, text in runs
    )


def segment_changes(project: Project, language: str, page: str) -> list[SegmentChange]:
    _, segments = project.segment_pairs(language, page)
    texts = load_source_texts(project.root, project.default.code)
    changes = []
    for state in segments.states:
        if state.state == "outdated" and state.source is not None:
            then = texts.get(state.recorded.source_version) if state.recorded else None
            changes.append(SegmentChange(state.translation, state.source, then, "outdated"))
        elif state.state in ("untranslated", "missing") and state.source is not None:
            changes.append(SegmentChange(None, state.source, None, "untranslated"))
    return changes


def mark_current(project: Project, language: str, page: str, segment_id: str | None = None) -> MarkResult:
    """Record the page (or one segment) as translated from the English as it is now.

    The records are written, the checks run again as they will for a current translation (an
    outdated page's findings are notices; a current one's block), and if the page (or the segment)
    then has a blocking finding, every file is put back as it was and the marking is refused.
    """
    page_file = project.page_file(language, page)
    path = project.display(page_file)
    segments = project.segment_pairs(language, page)[1]
    records = dict(project.translated_page(language, page).records or {})  # by the ids the page has now
    paired = [s for s in segments.states if s.source and s.translation]
    chosen = paired
    if segment_id is not None:
        chosen = [s for s in paired if s.translation and s.translation.id == segment_id]
        if not chosen:
            ids = ", ".join(s.translation.id for s in paired if s.translation)
            raise MarkRefused(f"{path}: no segment '{segment_id}' paired with the English (ids: {ids})")
    else:
        lacking = [s.source for s in segments.states if s.translation is None and s.source]
        if lacking:
            first = lacking[0]
            assert first is not None
            raise MarkRefused(
                f"{path}: the English has {len(lacking)} segment(s) this translation lacks, first "
                f"{project.display(project.page_file(project.default.code, page))}:{first.line} "
                f"('{_short(first.text)}'): translate them, then mark the page current"
            )
    result = MarkResult()
    texts = load_source_texts(project.root, project.default.code)
    for state in chosen:
        source, translation = state.source, state.translation
        assert source is not None and translation is not None
        before = records.get(translation.id)
        if (
            before is not None
            and before.source_version != source.version
            and before.translation_version == translation.version
        ):
            result.unchanged.append((source, translation))
        records[translation.id] = SegmentRecord(source.version, translation.version)
        texts[source.version] = source.text
        result.marked.append(translation.id)
    all_records = dict(project.segment_records(language))
    all_records[page] = records
    result.page_current = not any(s.translation is None for s in segments.states) and all(
        s.translation.id in records and records[s.translation.id].source_version == s.source.version  # type: ignore[union-attr]
        for s in paired
    )

    blocking_before = {str(f) for f in project.check([language]).blocking if f.path == path}
    files = [
        records_path(project.root, language),
        records_path(project.root, project.default.code),
        page_file,
    ]
    with restored_on_failure(files):
        save_records(project.root, language, all_records)
        save_source_texts(
            project.root, project.default.code, referenced_texts(project, texts, {language: all_records})
        )
        if result.page_current:
            _write_source_blob(project, language, page)
        again = Project(project.root, project.config_file)
        blocking = [f for f in again.check([language]).blocking if f.path == path]
        if segment_id is not None:
            # The segment's own findings, and any the marking itself turned blocking (a figure the
            # English added to it, now missing from a page that counts as current).
            segment = chosen[0].translation
            assert segment is not None
            blocking = [
                f
                for f in blocking
                if _on_segment(f, segment, again.segments(page_file)) or str(f) not in blocking_before
            ]
        if blocking:
            raise MarkRefused(_refusal(f"{path} {segment_id}" if segment_id else path, blocking))
    return result


def migrate(project: Project) -> list[str]:
    """Give every translated page per-segment records from its page-level `source_blob`, so that
    nothing is lost: a current page records every segment current; a page made from an older
    English file, whose version git still has, records the English segments of that version (so
    only the ones that changed since show as outdated). Returns what it did, one line per page."""
    done = []
    texts = load_source_texts(project.root, project.default.code)
    for lang in project.languages:
        if lang.default:
            continue
        records_by_page = dict(project.segment_records(lang.code))
        for page in project.source_pages():
            path = project.page_file(lang.code, page)
            if page in records_by_page or not path.exists():
                continue
            parsed = project.parse(path)
            info = parsed.meta.get("translation")
            if (
                not isinstance(info, dict)
                or info.get("untranslated")
                or parsed.meta.get("translate") is False
            ):
                continue
            source_path = project.page_file(project.default.code, page)
            blob = str(info.get("source_blob") or "")
            if blob == blob_id(source_path.read_bytes()):
                english = project.segments(source_path)
                how = "current"
            else:
                old = _git_blob(project, blob)
                if old is None:
                    done.append(
                        f"{project.display(path)}: left page-level (git has no {blob[:12] or 'version'})"
                    )
                    continue
                english = page_segments(parse_page(old, project.display(source_path)), old)
                how = f"from {blob[:12]}"
            alignment = align(english, project.segments(path))
            records = {}
            for source, translation in alignment.paired():
                records[translation.id] = SegmentRecord(source.version, translation.version)
                texts[source.version] = source.text
            records_by_page[page] = records
            done.append(f"{project.display(path)}: {len(records)} segments recorded ({how})")
        save_records(project.root, lang.code, records_by_page)
        project._records.pop(lang.code, None)
    save_source_texts(project.root, project.default.code, texts)
    return done


def referenced_texts(
    project: Project, texts: dict[str, str], changed: dict[str, dict[str, dict[str, SegmentRecord]]]
) -> dict[str, str]:
    """Only the English texts some record still names, `changed` holding the records about to be
    written for some languages (so that data/segments/en.yml does not grow forever)."""
    wanted = set()
    for lang in project.languages:
        if lang.default:
            continue
        pages = changed.get(lang.code) or project.segment_records(lang.code)
        wanted |= {r.source_version for records in pages.values() for r in records.values()}
    return {version: text for version, text in texts.items() if version in wanted}


def _write_source_blob(project: Project, language: str, page: str) -> None:
    path = project.page_file(language, page)
    updated = set_source_blob(
        path.read_text(encoding="utf-8"), blob_id(project.page_file(project.default.code, page).read_bytes())
    )
    if updated is not None:
        path.write_text(updated, encoding="utf-8")


def _git_blob(project: Project, blob: str) -> str | None:
    if not re.fullmatch(r"[0-9a-f]{40}", blob):
        return None
    try:
        out = subprocess.run(
            ["git", "cat-file", "blob", blob], cwd=project.root, capture_output=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.decode("utf-8")


def _on_segment(finding: Finding, segment: Segment, segments: list[Segment]) -> bool:
    """A finding on the segment's lines (up to the next segment's first line)."""
    later = [s.line for s in segments if s.line > segment.line]
    end = min(later) if later else 10**9
    return segment.line <= finding.line < end


def _refusal(what: str, findings: list[Finding]) -> str:
    lines = "\n".join(f"  {f}" for f in findings[:10])
    more = f"\n  ... and {len(findings) - 10} more" if len(findings) > 10 else ""
    return f"{what}: not marked current; fix its blocking finding(s) first:\n{lines}{more}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_WORD_OR_SPACE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD_OR_SPACE.findall(text)
