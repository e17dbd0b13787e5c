"""Nothing is lost: files written together are put back together when any step fails."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def restored_on_failure(paths: Iterable[Path]) -> Iterator[dict[Path, bytes | None]]:
    """Remember `paths` as they are (None: absent); if the block raises, write them back (or
    delete the ones that did not exist) and raise again. Yields what was remembered."""
    saved = {path: path.read_bytes() if path.exists() else None for path in paths}
    try:
        yield saved
    except BaseException:
        for path, content in saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
        raise
