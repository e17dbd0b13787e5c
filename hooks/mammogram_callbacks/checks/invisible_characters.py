"""An invisible character inside a word is a finding of its own.

The checks compare text with its invisible characters removed (`core.invisible_text.normalise`),
so a zero-width space can neither hide a forbidden term nor make an approved one look missing. A
reader's browser, a screen reader and the site's search do not all remove them, though: typed
inside a word ("mam\u200bmogram"), one breaks the word for them. So it is reported, with its place.
"""

from __future__ import annotations

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.invisible_text import invisible_inside_words

CHECK = "invisible-characters"


def check_invisible_characters(path: str, text: str) -> list[Finding]:
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.isascii():
            continue
        for column, name in invisible_inside_words(line):
            findings.append(
                Finding(
                    path,
                    number,
                    CHECK,
                    f"an invisible character ({name}) sits inside the word at column {column + 1} "
                    f"('{_around(line, column)}'): delete it; it splits the word for search and screen "
                    f"readers",
                )
            )
    return findings


def _around(line: str, column: int) -> str:
    start, end = max(0, column - 12), column + 12
    return (line[start:column] + "\u2038" + line[column + 1 : end]).strip()
