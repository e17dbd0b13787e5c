"""Check 4, freshness: which version of its source each translation was made from.

A translation records the git blob id of the source file it was translated from
(`translation.source_blob` in its front matter). The id is computed from the file's bytes, exactly
as `git hash-object` does, so no git history is needed to compare it, and when history is there,
`git diff <recorded> <current>` shows the translator precisely what changed in the source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mammogram_callbacks.checks.segment_freshness import PageSegments
from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.markdown.page import ParsedPage, front_matter_line

CHECK = "freshness"


@dataclass(frozen=True)
class Freshness:
    state: str  # "current", "outdated", "untranslated"
    recorded: str | None
    current: str
    reviewed: bool  # a current medical-translation review in data/reviews.yml (data.reviews)
    # Per segment (checks.segment_freshness), when the page's segments were compared:
    segments_recorded: bool = False  # the page has per-segment records (data/segments/<lang>.yml)
    outdated_segments: int = 0
    new_segments: int = 0  # English segments with no translation yet
    total_segments: int = 0
    outdated_sections: tuple[str, ...] = ()  # heading ids of the sections with outdated segments


def freshness(translation: ParsedPage, source_content: bytes, reviewed: bool = False) -> Freshness:
    info = translation.meta.get("translation") or {}
    recorded = info.get("source_blob") if isinstance(info, dict) else None
    current = blob_id(source_content)
    if isinstance(info, dict) and info.get("untranslated"):
        return Freshness("untranslated", recorded, current, reviewed)
    state = "current" if recorded == current else "outdated"
    return Freshness(state, recorded, current, reviewed)


def with_segments(fresh: Freshness, segments: PageSegments) -> Freshness:
    """The page's state as its segments say: with records, a page is current when every segment
    is, whatever else changed in the English file (its review date, say)."""
    # Without records the page-level version decides: a segment missing from a page marked current
    # is the translator's fault (a finding), not a change in the English.
    state = segments.page_state if segments.recorded else fresh.state
    return replace(
        fresh,
        state=state,
        segments_recorded=segments.recorded,
        outdated_segments=segments.count("outdated") if segments.recorded or state == "current" else 0,
        new_segments=segments.count("untranslated"),
        total_segments=segments.total,
        outdated_sections=tuple(segments.outdated_sections()) if segments.recorded else (),
    )


def freshness_findings(translation: ParsedPage, source_path: str, fresh: Freshness) -> list[Finding]:
    """Never blocking: an outdated page is published with a banner and listed in the status."""
    line = front_matter_line(translation, "translation", "source_blob")
    if fresh.state == "untranslated":
        return [
            Finding(
                translation.path,
                line,
                CHECK,
                f"not translated yet: the page shows the text of {source_path} with a notice",
                False,
            )
        ]
    if fresh.state == "current":
        return []
    if fresh.segments_recorded:
        changed = fresh.outdated_segments + fresh.new_segments
        why = (
            f"{changed} of its {fresh.total_segments} segments changed in {source_path} or are new "
            f"there (see which, side by side: translations diff {translation.path})"
        )
    elif not fresh.recorded or fresh.recorded == "PENDING":
        why = "records no source version (translation.source_blob)"
    else:
        why = (
            f"was made from an older {source_path} (see what changed: git diff {fresh.recorded[:12]} "
            f"{fresh.current[:12]})"
        )
    return [
        Finding(
            translation.path,
            line,
            CHECK,
            f"outdated: {why}; update the translation, then run "
            f"`translations mark-current {translation.path}`",
            False,
        )
    ]
