"""The version of a text: its git blob id, so a recorded version can be compared with `git log`."""

from __future__ import annotations

import hashlib


def blob_id(content: bytes) -> str:
    """The git blob id of a file's content (what `git hash-object FILE` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()
