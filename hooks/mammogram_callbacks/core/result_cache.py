"""Results remembered between builds, keyed by exactly what they are computed from.

Two pieces of a build's work give the same answer for the same input and cost much more than
looking it up: a page's reading figures (textstat loads its pronunciation dictionary, most of a
second, in every new process) and the audit of a built page for inline code (reading ~30,000 tags
per build). Each is kept in a JSON file under `.cache/` beside mkdocs.yml (ignored by git, like
Material's own `.cache`), under a hash of the input, of the code that computes it and of the
versions of the packages it uses: an unchanged input is looked up, a changed one computed again,
and a change to the code or a package computes everything again.

A cache that cannot be read (deleted, damaged, from another version) is treated as empty; one that
cannot be written (read-only checkout) is skipped: results are then computed every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

# ---- Classes -----------------------------------------------------------------------------------


class ResultCache:
    """JSON values by the text (and the names) they were computed from."""

    def __init__(self, path: Path | None, code_files: list[Path], packages: tuple[str, ...] = ()):
        self.path = path
        self._salt = _salt(code_files, packages)
        self._entries = self._load()
        self._dirty = False

    def get(self, text: str, *names: str):
        """The value stored for this text and these names, or None."""
        return self._entries.get(self._key(text, names))

    def put(self, text: str, *names: str, value) -> None:
        self._entries[self._key(text, names)] = value
        self._dirty = True

    def save(self) -> None:
        """Write the cache if anything was added (atomically: builds may run side by side)."""
        if not self._dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, delete=False, suffix=".tmp"
            ) as handle:
                json.dump(self._entries, handle, ensure_ascii=False, sort_keys=True)
            os.replace(handle.name, self.path)
            self._dirty = False
        except OSError:
            pass  # a read-only checkout: computed again next time

    def _key(self, text: str, names: tuple[str, ...]) -> str:
        digest = hashlib.sha256()
        for part in (self._salt, *names, text):
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


def _salt(code_files: list[Path], packages: tuple[str, ...]) -> str:
    """What else the results depend on: the code computing them and the packages it uses."""
    digest = hashlib.sha256()
    for file in code_files:
        digest.update(file.read_bytes())
    for package in packages:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()
