"""Pair each segment of a translation with the segment of its source page it translates.

Sections are paired by their heading ids, which every translation keeps in English (the structure
check enforces it). Within a pair of sections, segments are paired by shape (kind, and the box or
table they sit in), in order. Where the translation recorded which English segment each of its
segments was made from (`data/segments/<lang>.yml`), those records decide instead: an English
paragraph inserted above leaves every other pair as it was, and the new one shows as untranslated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from mammogram_callbacks.markdown.segments import Segment


@dataclass(frozen=True)
class SegmentPair:
    source: Segment | None  # None: the translation has a segment the source does not
    translation: Segment | None  # None: the source's segment is missing from the translation


@dataclass
class Alignment:
    pairs: list[SegmentPair] = field(default_factory=list)
    # Where pairing broke: (translation line, why), for the "cannot be aligned" finding.
    breaks: list[tuple[int, str]] = field(default_factory=list)

    def paired(self) -> list[tuple[Segment, Segment]]:
        return [(p.source, p.translation) for p in self.pairs if p.source and p.translation]

    @property
    def aligned_share(self) -> float:
        sources = [p for p in self.pairs if p.source]
        return sum(1 for p in sources if p.translation) / len(sources) if sources else 1.0


def align(
    source: list[Segment], translation: list[Segment], recorded: dict[str, str] | None = None
) -> Alignment:
    """Pair the segments; `recorded` maps a translation segment id to the English version it was
    made from (absent ids, or no records at all, fall back to pairing by shape)."""
    result = Alignment()
    src_sections = _by_section(source)
    dst_sections = _by_section(translation)
    src_names, dst_names = list(src_sections), list(dst_sections)
    matcher = SequenceMatcher(a=src_names, b=dst_names, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for name in src_names[i1:i2]:
                _align_section(result, src_sections[name], dst_sections[name], recorded or {})
            continue
        for name in src_names[i1:i2]:
            result.pairs += [SegmentPair(s, None) for s in src_sections[name]]
        for name in dst_names[j1:j2]:
            segments = dst_sections[name]
            result.pairs += [SegmentPair(None, t) for t in segments]
            if segments:
                why = (
                    f"the section '#{name}' is not in the source"
                    if name
                    else "the text before the first heading has no counterpart in the source"
                )
                result.breaks.append((segments[0].line, why))
    return result


def _align_section(
    result: Alignment, source: list[Segment], translation: list[Segment], recorded: dict[str, str]
) -> None:
    if [s.shape for s in source] == [t.shape for t in translation] and not _records_disagree(
        source, translation, recorded
    ):
        result.pairs += [SegmentPair(s, t) for s, t in zip(source, translation, strict=True)]
        return
    if recorded and all(t.id in recorded for t in translation):
        # Each translated segment names the English it was made from: pair those first.
        matcher = SequenceMatcher(
            a=[s.version for s in source], b=[recorded[t.id] for t in translation], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                result.pairs += [
                    SegmentPair(s, t) for s, t in zip(source[i1:i2], translation[j1:j2], strict=True)
                ]
            else:
                _pair_by_likeness(result, source[i1:i2], translation[j1:j2])
        return
    _pair_by_likeness(result, source, translation)


def _pair_by_likeness(result: Alignment, source: list[Segment], translation: list[Segment]) -> None:
    """Pair segments of the same shape, in order, choosing among equal shapes the pairs that share
    the most figures, numbers and links (an alignment by dynamic programming; sections are short)."""
    n, m = len(source), len(translation)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if source[i].shape == translation[j].shape:
                options.append(1 + _likeness(source[i], translation[j]) + best[i + 1][j + 1])
            best[i][j] = max(options)
    i = j = 0
    while i < n and j < m:
        same = source[i].shape == translation[j].shape
        if same and best[i][j] == 1 + _likeness(source[i], translation[j]) + best[i + 1][j + 1]:
            result.pairs.append(SegmentPair(source[i], translation[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            result.pairs.append(SegmentPair(source[i], None))
            i += 1
        else:
            result.pairs.append(SegmentPair(None, translation[j]))
            _note_break(result, translation[j])
            j += 1
    result.pairs += [SegmentPair(s, None) for s in source[i:]]
    for segment in translation[j:]:
        result.pairs.append(SegmentPair(None, segment))
        _note_break(result, segment)


def _likeness(a: Segment, b: Segment) -> float:
    """Shared markers and links, as a share of all: 0 (nothing in common) to 1 (the same)."""
    ours = Counter((e.kind, e.value) for e in a.elements if e.kind in _COMPARED)
    theirs = Counter((e.kind, e.value) for e in b.elements if e.kind in _COMPARED)
    total = sum((ours | theirs).values())
    return sum((ours & theirs).values()) / total if total else 0.5


_COMPARED = frozenset({"stat", "cite", "clinic", "link", "image"})


def _note_break(result: Alignment, segment: Segment) -> None:
    result.breaks.append((segment.line, f"a {segment.describe} where the source has no matching segment"))


def _records_disagree(source: list[Segment], translation: list[Segment], recorded: dict[str, str]) -> bool:
    """Same shapes, but the records say a segment was made from another position's English."""
    if not recorded:
        return False
    versions = {s.version for s in source}
    for s, t in zip(source, translation, strict=True):
        made_from = recorded.get(t.id)
        if made_from and made_from != s.version and made_from in versions:
            return True
    return False


def _by_section(segments: list[Segment]) -> dict[str, list[Segment]]:
    sections: dict[str, list[Segment]] = {}
    for segment in segments:
        sections.setdefault(segment.section, []).append(segment)
    return sections
