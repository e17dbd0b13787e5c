"""Check 4, freshness: which version of its source each translation was made from.

A translation records the git blob id of the source file it was translated from
(`translation.source_blob` in its front matter). The id is computed from the file's bytes, exactly
as `git hash-object` does, so no git history is needed to compare it, and when history is there,
`git diff <recorded> <current>` shows the translator precisely what changed in the source.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def freshness(translation: ParsedPage, source_content: bytes, reviewed: bool = False) -> Freshness:
    info = translation.meta.get("translation") or {}
    recorded = info.get("source_blob") if isinstance(info, dict) else None
    current = blob_id(source_content)
    if isinstance(info, dict) and info.get("untranslated"):
        return Freshness("untranslated", recorded, current, reviewed)
    state = "current" if recorded == current else "outdated"
    return Freshness(state, recorded, current, reviewed)


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
    if not fresh.recorded or fresh.recorded == "PENDING":
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
