"""What a per-segment check says about one pair of segments (English and its translation).

The segment checks compare plain text and know nothing of files; the caller (the translation
check) attaches the translation's file and line and the English segment's place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentNotice:
    check: str  # "number-words", "meaning", "qa", "terminology", ...
    message: str
    blocking: bool = False
