"""Edit one line of a page's front matter, leaving the rest (comments, order, quoting) as it is."""

from __future__ import annotations

import re


def set_source_blob(text: str, blob: str) -> str | None:
    """Set translation.source_blob in the front matter, editing only that line (keeps comments)."""
    match = re.match(r"---\n(.*?\n)(---|\.\.\.)\n", text, re.S)
    if not match or not re.search(r"^translation:\s*$", match[1], re.M):
        return None
    front = match[1]
    if re.search(r"^  source_blob:.*$", front, re.M):
        front = re.sub(r"^  source_blob:.*$", f"  source_blob: {blob}", front, count=1, flags=re.M)
    else:
        front = re.sub(
            r"^translation:\s*$", f"translation:\n  source_blob: {blob}", front, count=1, flags=re.M
        )
    front = re.sub(r"^  untranslated: true\n", "", front, flags=re.M)
    return f"---\n{front}{match[2]}\n" + text[match.end() :]
