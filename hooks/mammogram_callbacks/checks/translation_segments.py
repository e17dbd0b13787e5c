"""The segment checks of one translated page: align it with its source, then compare pair by pair.

This is where the per-segment checks meet; each lives in its own module and compares one pair.
The section checks (`checks.statistics`, `checks.terms`, `checks.structure`) keep running first;
a segment finding about markers or numbers is only raised in a section the section check found
in order, so one fault is reported once, at the finest place that explains it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mammogram_callbacks.checks.meaning_words import meaning_word_notices
from mammogram_callbacks.checks.number_words import number_word_notices
from mammogram_callbacks.checks.qa_notices import (
    inconsistency_message,
    inconsistent_translations,
    length_ratio_notice,
    pair_notices,
    usual_ratio,
)
from mammogram_callbacks.checks.segment_content import (
    check_alignment,
    check_missing_segments,
    check_own_abbreviations,
)
from mammogram_callbacks.checks.segment_freshness import PageSegments, segment_states
from mammogram_callbacks.checks.segment_notice import SegmentNotice
from mammogram_callbacks.checks.segment_statistics import check_segment_markers, check_segment_numbers
from mammogram_callbacks.checks.terms import TermMatcher, check_segment_terms
from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.result_cache import ResultCache
from mammogram_callbacks.data.segment_records import SegmentRecord
from mammogram_callbacks.markdown.alignment import Alignment, align
from mammogram_callbacks.markdown.numbers import NumberLocale, find_numbers
from mammogram_callbacks.markdown.page import ParsedPage
from mammogram_callbacks.markdown.segments import Segment

# A per-pair notice: English plain text, translated plain text, language -> notices.
PairCheck = Callable[[str, str, str], list[SegmentNotice]]


# The per-pair notices every translation gets (each module compares one English and one
# translated segment's plain text).
PAIR_CHECKS: list[PairCheck] = [pair_notices, number_word_notices, meaning_word_notices]


@dataclass
class TranslatedPage:
    """What the segment checks need of one translated page and its source."""

    source: ParsedPage
    source_segments: list[Segment]
    source_locale: NumberLocale
    translation: ParsedPage
    segments: list[Segment]
    locale: NumberLocale
    language: str
    abbreviations: list[tuple[int, str]] = field(default_factory=list)
    records: dict[str, SegmentRecord] | None = None
    page_current: bool = True  # the page-level source_blob matches (the fallback without records)
    source_matcher: TermMatcher | None = None
    matcher: TermMatcher | None = None
    language_name: str = ""
    # Phrases in which a number word is no number (data/ui/<lang>.yml not_numbers: "hai bên").
    not_numbers: tuple[str, ...] = ()


@dataclass
class SegmentReport:
    alignment: Alignment
    segments: PageSegments
    findings: list[Finding]


def pair_notice_cache(root: Path | None) -> ResultCache:
    """The pair checks' answers, remembered between runs under `.cache/` (like the reading figures):
    each is a pure function of two texts and a language, and together they cost more than every
    other check. The key includes the checks' code and the versions of the packages they use."""
    here = Path(__file__).parent
    code = [here / f"{name}.py" for name in ("qa_notices", "number_words", "meaning_words", "segment_notice")]
    code.append(here.parent / "core" / "invisible_text.py")
    return ResultCache(
        root / ".cache" / "segment-notices.json" if root else None,
        code,
        ("translate-toolkit", "num2words", "cn2an", "babel"),
    )


def check_translation_segments(
    page: TranslatedPage, pair_checks: list[PairCheck], cache: ResultCache | None = None
) -> SegmentReport:
    alignment, states = pair_segments(page)
    sections_with_findings = _sections_the_section_check_reports(page, alignment)
    reordered = reordered_segments(page.translation)
    path, source_path = page.translation.path, page.source.path
    findings = check_alignment(source_path, path, alignment, page.translation.body_line)
    findings += check_missing_segments(
        source_path,
        path,
        alignment,
        page.segments,
        outdated=states.page_state != "current",
        recorded=bool(page.records),
    )
    findings += check_own_abbreviations(path, page.abbreviations)
    for state in states.states:
        source, translation = state.source, state.translation
        if source is None or translation is None:
            continue
        outdated = state.state != "current"
        if source.section not in sections_with_findings:
            findings += check_segment_markers(
                source_path, source, path, translation, translation.id in reordered, outdated
            )
            findings += check_segment_numbers(
                source_path, source, page.source_locale, path, translation, page.locale, outdated
            )
        for check in pair_checks:
            translated = translation.prose
            if check is number_word_notices:
                translated = _blank(translated, page.not_numbers)
            for notice in _pair_notices(check, source.prose, translated, page.language, cache):
                findings.append(
                    Finding(
                        path,
                        translation.line,
                        notice.check,
                        f"{notice.message} (English: {source_path}:{source.line})",
                        blocking=notice.blocking and not outdated,
                    )
                )
    if page.source_matcher and page.matcher:
        findings += check_segment_terms(
            source_path, path, alignment.paired(), page.source_matcher, page.matcher, page.language_name
        )
    return SegmentReport(alignment, states, findings)


def _pair_notices(
    check: PairCheck, source: str, translation: str, language: str, cache: ResultCache | None
) -> list[SegmentNotice]:
    if cache is None:
        return check(source, translation, language)
    name = f"{check.__module__}.{getattr(check, '__name__', 'check')}"
    text = f"{source}\0{translation}"
    stored = cache.get(text, language, name)
    if stored is None:
        notices = check(source, translation, language)
        cache.put(text, language, name, value=[[n.check, n.message, n.blocking] for n in notices])
        return notices
    return [SegmentNotice(c, m, bool(b)) for c, m, b in stored]


def _blank(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = re.sub(re.escape(phrase), " ", text, flags=re.IGNORECASE)
    return text


def check_site_segments(
    language: str, pages: list[tuple[str, SegmentReport]], source_dir: str
) -> list[Finding]:
    """What needs the whole language at once: segments far longer or shorter than the language's
    usual length, and the same English segment translated two ways (each place is named)."""
    pairs = [(path, s, t) for path, report in pages for s, t in report.alignment.paired()]
    usual = usual_ratio((s.prose, t.prose) for _, s, t in pairs)
    findings = []
    for path, source, translation in pairs:
        notice = length_ratio_notice(source.prose, translation.prose, usual)
        if notice is not None:
            findings.append(
                Finding(
                    path,
                    translation.line,
                    notice.check,
                    f"{notice.message} (English: {source_dir}{_page(path)}:{source.line})",
                    False,
                )
            )
    places = {f"{path}:{t.line}": (path, t) for path, _, t in pairs}
    found = inconsistent_translations((s.prose, t.prose, f"{path}:{t.line}") for path, s, t in pairs)
    for english, versions in found.items():
        first_place = next(iter(versions.values()))[0]
        path, translation = places[first_place]
        findings.append(
            Finding(path, translation.line, "qa", inconsistency_message(english, versions), False)
        )
    return findings


def _page(path: str) -> str:
    return path.split("/", 2)[2]


def pair_segments(page: TranslatedPage) -> tuple[Alignment, PageSegments]:
    """The pairing and each pair's state, without checking anything (for the exchange files, the
    reader's notes and the status)."""
    alignment = align(page.source_segments, page.segments, _versions(page.records))
    return alignment, segment_states(alignment, page.records, page.page_current)


def _sections_the_section_check_reports(page: TranslatedPage, alignment: Alignment) -> set[str]:
    """Sections whose markers or numbers differ as a whole (`checks.statistics` reports those), and,
    without records, sections whose shapes did not pair one to one (the pairing there is a guess;
    `checks.structure` reports what differs)."""
    differs = set()
    if not page.records:
        for pair in alignment.pairs:
            lone = pair.source or pair.translation
            if lone and not (pair.source and pair.translation) and (lone.container or lone.kind == "heading"):
                differs.add(lone.section)
    for section in {p.source.section for p in alignment.pairs if p.source}:
        src = [p.source for p in alignment.pairs if p.source and p.source.section == section]
        dst = [t for t in page.segments if t.section == section]
        if _content(src, page.source_locale) != _content(dst, page.locale):
            differs.add(section)
    return differs


def _content(segments: list[Segment], locale: NumberLocale) -> Counter:
    counted: Counter = Counter()
    for segment in segments:
        counted.update((e.kind, e.value) for e in segment.markers())
        counted.update(t.key for t in find_numbers(segment.prose, locale))
    return counted


def _versions(records: dict[str, SegmentRecord] | None) -> dict[str, str] | None:
    return {sid: r.source_version for sid, r in records.items()} if records else None


def reordered_segments(page: ParsedPage) -> set[str]:
    info = page.meta.get("translation")
    value = info.get("reordered") if isinstance(info, dict) else None
    return {str(v) for v in value} if isinstance(value, list) else set()
