"""How a file is named in a message: relative to the project, as the person who edits it sees it."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path, *roots: Path | None) -> str:
    """`path` relative to the first of `roots` that holds it (POSIX separators), else as given."""
    for root in roots:
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)
