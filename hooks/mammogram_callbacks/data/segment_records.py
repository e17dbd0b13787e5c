"""Which English segment each translated segment was made from: `data/segments/<lang>.yml`.

    callback.md:
      how-common/p1: 3f2a9c01d4 8b7e6a5d4c

For each page, each translation segment's id maps to two versions (`markdown.segments.text_version`):
the English segment's when the translation was marked current, and the translation's own then. The
first tells which English segments changed since; the second tells whether a translator marking a
segment current changed anything (a new English safety sentence must not be waved through).

`data/segments/en.yml` keeps the English text of every version a record names, so that a translator
sees the English then and now side by side without needing git history.

`translations mark-current` writes these files; nobody edits them by hand. A page without records
falls back to its page-level `translation.source_blob` (every segment current, or every one outdated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml

_HEADER = (
    "# Which English segment each translated segment was made from, per page and segment id:\n"
    "# '<English version> <translation version>'. Written by `translations mark-current`;\n"
    "# do not edit by hand. See TRANSLATING.md, 'Segments'.\n"
)
_TEXTS_HEADER = (
    "# The English text of every segment version that data/segments/<lang>.yml names, so that\n"
    "# `translations diff` can show a translator the English then and now. Written by\n"
    "# `translations mark-current`; do not edit by hand.\n"
)


@dataclass(frozen=True)
class SegmentRecord:
    source_version: str  # the English segment's version the translation was made from
    translation_version: str  # the translated segment's own version when it was marked current


def records_path(root: Path, language: str) -> Path:
    return root / "data" / "segments" / f"{language}.yml"


def load_records(root: Path, language: str) -> dict[str, dict[str, SegmentRecord]]:
    """page -> segment id -> record. A missing file is no records; a malformed one is an error."""
    path = records_path(root, language)
    if not path.exists():
        return {}
    display = f"data/segments/{language}.yml"
    data = load_yaml(path, display)
    if data is None:
        return {}
    if not isinstance(data, LineMap):
        raise DataError([Finding(display, 1, "data", "must map page file names to their segments")])
    pages: dict[str, dict[str, SegmentRecord]] = {}
    for page, segments in data.items():
        if not isinstance(segments, LineMap):
            raise DataError(
                [Finding(display, data.line_of(page), "data", f"{page}: expected segment ids and versions")]
            )
        records = {}
        for segment_id, value in segments.items():
            parts = str(value).split()
            if len(parts) != 2:
                raise DataError(
                    [
                        Finding(
                            display,
                            segments.line_of(segment_id),
                            "data",
                            f"{page} {segment_id}: expected '<English version> <translation version>', "
                            f"got '{value}'",
                        )
                    ]
                )
            records[str(segment_id)] = SegmentRecord(parts[0], parts[1])
        pages[str(page)] = records
    return pages


def save_records(root: Path, language: str, pages: dict[str, dict[str, SegmentRecord]]) -> None:
    plain = {
        page: {sid: f"{r.source_version} {r.translation_version}" for sid, r in records.items()}
        for page, records in sorted(pages.items())
        if records
    }
    _write(records_path(root, language), _HEADER, plain)


def load_source_texts(root: Path, source_language: str) -> dict[str, str]:
    path = records_path(root, source_language)
    if not path.exists():
        return {}
    data = load_yaml(path, f"data/segments/{source_language}.yml")
    return {str(k): str(v) for k, v in (data or {}).items()}


def save_source_texts(root: Path, source_language: str, texts: dict[str, str]) -> None:
    _write(records_path(root, source_language), _TEXTS_HEADER, dict(sorted(texts.items())))


def _write(path: Path, header: str, data: dict) -> None:
    """Write through a temporary file: an interrupted write leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) if data else ""
    temporary = path.with_suffix(".yml.tmp")
    temporary.write_text(header + body, encoding="utf-8")
    temporary.replace(path)
