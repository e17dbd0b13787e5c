"""Staleness per segment: which parts of a translation were made from the English as it is now.

A translated segment is **current** when the English segment it is paired with is the version its
record names, **outdated** when that English segment changed since, and an English segment with
no translated counterpart is **untranslated** (new English text). A page without records
(`data/segments/<lang>.yml`) keeps the page-level rule: every segment current when
`translation.source_blob` is the English file's version, else every one outdated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mammogram_callbacks.data.segment_records import SegmentRecord
from mammogram_callbacks.markdown.alignment import Alignment
from mammogram_callbacks.markdown.segments import Segment


@dataclass(frozen=True)
class SegmentState:
    source: Segment | None
    translation: Segment | None
    state: str  # current, outdated, untranslated (new English), missing (dropped), extra
    recorded: SegmentRecord | None = None

    @property
    def section(self) -> str:
        return (self.source or self.translation).section  # type: ignore[union-attr]


@dataclass
class PageSegments:
    states: list[SegmentState] = field(default_factory=list)
    recorded: bool = False  # the page has per-segment records (else the page-level fallback decided)

    def count(self, state: str) -> int:
        return sum(s.state == state for s in self.states)

    @property
    def total(self) -> int:
        return sum(s.source is not None for s in self.states)

    def outdated_sections(self) -> list[str]:
        """The heading ids of the sections with outdated or untranslated segments, in order."""
        seen: list[str] = []
        for s in self.states:
            if s.state in ("outdated", "untranslated") and s.section not in seen:
                seen.append(s.section)
        return seen

    @property
    def page_state(self) -> str:
        if any(s.state in ("outdated", "untranslated") for s in self.states):
            return "outdated"
        return "current"


def resolve_records(segments: list[Segment], records: dict[str, SegmentRecord]) -> dict[str, SegmentRecord]:
    """Each translated segment's record, by current id.

    Ids are positions, and a translator may move, add or drop a segment by hand: a segment whose
    text is the one a record was written for takes that record, wherever it now sits; a segment
    edited in place keeps the record under its id.
    """
    by_text: dict[str, list[str]] = {}
    for segment_id, record in records.items():
        by_text.setdefault(record.translation_version, []).append(segment_id)
    resolved: dict[str, SegmentRecord] = {}
    used: set[str] = set()
    for segment in segments:
        own = records.get(segment.id)
        if own is not None and own.translation_version == segment.version:
            resolved[segment.id] = own
            used.add(segment.id)
    for segment in segments:
        if segment.id in resolved:
            continue
        moved = [sid for sid in by_text.get(segment.version, []) if sid not in used]
        if moved:
            resolved[segment.id] = records[moved[0]]
            used.add(moved[0])
    for segment in segments:
        if segment.id not in resolved and segment.id in records and segment.id not in used:
            resolved[segment.id] = records[segment.id]
            used.add(segment.id)
    return resolved


def segment_states(
    alignment: Alignment, records: dict[str, SegmentRecord] | None, page_current: bool
) -> PageSegments:
    result = PageSegments(recorded=bool(records))
    for pair in alignment.pairs:
        source, translation = pair.source, pair.translation
        if translation is None:
            # New in the English since the records were made; without records, simply missing.
            result.states.append(SegmentState(source, None, "untranslated" if records else "missing"))
            continue
        if source is None:
            result.states.append(SegmentState(None, translation, "extra"))
            continue
        record = (records or {}).get(translation.id)
        if record is None:
            # No record for this segment: a page marked as a whole, or a segment added by hand since.
            state = "current" if page_current and not records else "outdated"
        else:
            state = "current" if record.source_version == source.version else "outdated"
        result.states.append(SegmentState(source, translation, state, record))
    return result
