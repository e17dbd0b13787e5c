"""Check 1, per segment: the same figures, source notes and clinic markers, in the same order.

The section check (`checks.statistics`) makes sure a section states what its source section
states. This one goes a step finer: within each paragraph, item or cell, the same markers in the
same order, and the same typed numbers. "About 116 are called back; about 5 of them have cancer"
with the two figures swapped passes the section check and fails here, as a blocking finding.

Where a language's grammar truly needs another order, the translator says so for that segment
(`translation: reordered: [segment id, ...]` in the page's front matter); the status page lists it.
"""

from __future__ import annotations

from collections import Counter

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.numbers import NumberLocale, find_numbers
from mammogram_callbacks.markdown.segments import Segment

CHECK = "statistics"

_MARKER_TEXT = {"stat": "[[stat:{}]]", "cite": "[[cite:{}]]", "clinic": "[[clinic:{}]]"}


def marker_text(kind: str, value: str) -> str:
    return _MARKER_TEXT[kind].format(value)


def check_segment_markers(
    source_path: str,
    source: Segment,
    path: str,
    translation: Segment,
    reordered: bool,
    outdated: bool,
) -> list[Finding]:
    """The segment's markers: the same ones as its English segment, and in the same order."""
    src = [marker_text(e.kind, e.value) for e in source.markers()]
    dst = [marker_text(e.kind, e.value) for e in translation.markers()]
    if Counter(src) != Counter(dst):
        missing = list((Counter(src) - Counter(dst)).elements())
        extra = list((Counter(dst) - Counter(src)).elements())
        parts = []
        if missing:
            parts.append(f"lacks {', '.join(missing)}")
        if extra:
            parts.append(f"has {', '.join(extra)}, which the English segment does not")
        return [
            Finding(
                path,
                translation.line,
                CHECK,
                f"this {translation.describe} {' and '.join(parts)} ({source_path}:{source.line} has "
                f"{', '.join(src) or 'none'}): each figure belongs to the sentence that states it",
                blocking=not outdated,
            )
        ]
    if src != dst and not reordered:
        first = next(i for i, (a, b) in enumerate(zip(src, dst, strict=True)) if a != b)
        return [
            Finding(
                path,
                translation.markers()[first].line,
                CHECK,
                f"this {translation.describe} states its figures in another order than "
                f"{source_path}:{source.line}: the English has {', '.join(src)}; here {', '.join(dst)}. "
                f"Swapping two figures swaps their meaning. If the grammar needs this order, list "
                f"'{translation.id}' under translation: reordered: in the front matter",
                blocking=not outdated,
            )
        ]
    return []


def check_segment_numbers(
    source_path: str,
    source: Segment,
    source_locale: NumberLocale,
    path: str,
    translation: Segment,
    locale: NumberLocale,
    outdated: bool,
) -> list[Finding]:
    """Typed numbers, by value (each read in its own locale), within the segment."""
    src = Counter(t.key for t in find_numbers(source.prose, source_locale))
    dst_tokens = find_numbers(translation.prose, locale)
    dst = Counter(t.key for t in dst_tokens)
    if src == dst:
        return []
    missing = [t.text for t in find_numbers(source.prose, source_locale) if (src - dst)[t.key] > 0]
    extra = [t.text for t in dst_tokens if (dst - src)[t.key] > 0]
    parts = []
    if extra:
        parts.append(f"has {', '.join(dict.fromkeys(extra))}")
    if missing:
        parts.append(f"lacks {', '.join(dict.fromkeys(missing))}")
    return [
        Finding(
            path,
            translation.line,
            CHECK,
            f"this {translation.describe} {' and '.join(parts)}, unlike {source_path}:{source.line}: "
            f"write the English segment's numbers in this segment",
            blocking=not outdated,
        )
    ]
