"""Invisible characters: text as the checks compare it, and the invisible characters inside words.

An invisible character is one a reader cannot see but a string comparison does: a zero-width
space, joiner or non-joiner (U+200B-U+200D), a word joiner (U+2060), a byte order mark (U+FEFF), a
soft hyphen (U+00AD), a bidirectional control (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and
every other character of Unicode's general category Cf ("format"), found through `unicodedata`
rather than a hand list, so that a format character added by a later Unicode version is covered
as soon as Python's Unicode database has it.
Typed inside a word ("mam", a soft hyphen, "mogram"), such a character would hide a forbidden term
from a check; inside an approved term, it would make the term look missing.

`normalise` removes them all and returns Unicode NFC. No Cf character is kept, which has two
consequences worth knowing:

- the few Cf characters that are *visible* (Arabic number signs U+0600-U+0605 and U+0890-U+0891,
  the end of ayah U+06DD, the Syriac abbreviation mark U+070F, the Kaithi number signs) are
  removed too. None is used on this site; they mark numbers, never change a word, and keeping
  them would leave a way to slip a format character into a compared word;
- joiners that shape a word (U+200C in Persian, U+200D in emoji sequences) are removed. The
  checks compare the page and the termbase both through `normalise`, so a term written with a
  joiner still matches the same term written without one.

Besides the Cf characters, a few other code points that Unicode lists as default-ignorable (shown
as nothing) are removed: the combining grapheme joiner (U+034F, category Mn), the variation
selectors (U+180B-U+180F, U+FE00-U+FE0F, U+E0100-U+E01EF) and the Hangul fillers (U+115F, U+1160,
U+3164, U+FFA0) and the Khmer inherent vowels (U+17B4, U+17B5). `unicodedata` has no
default-ignorable property, so these few are listed by hand.

`invisible_inside_words` reports the invisible characters that sit between two letters (a letter
or a combining mark on each side, skipping other invisible characters), with their column (0-based,
in the text as given, before `normalise`) and their Unicode name. One at a word boundary, such as a
right-to-left mark before digits or a space in an Arabic sentence, is not reported: there it can
hide nothing.
"""

from __future__ import annotations

import unicodedata

# Default-ignorable code points that are not of category Cf (Unicode's DerivedCoreProperties.txt).
_IGNORABLE_NOT_CF = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0),
        *range(0x180B, 0x1810),
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
    ]
)


def is_invisible(char: str) -> bool:
    """Whether one character is shown as nothing (category Cf, or default-ignorable)."""
    return unicodedata.category(char) == "Cf" or ord(char) in _IGNORABLE_NOT_CF


# Every invisible code point, as a table for str.translate, built once from the same rule as
# `is_invisible` (the checks normalise every segment; str.translate does it in C). Only the planes
# that can hold one are scanned: planes 2-13 are ideographs and unassigned, 15-16 private use
# (category Co), so the scan takes milliseconds instead of half a second.
_PLANES_WITH_FORMAT_CHARACTERS = (range(0x80, 0x20000), range(0xE0000, 0xE1000))
_REMOVE_INVISIBLE = {
    c: None for plane in _PLANES_WITH_FORMAT_CHARACTERS for c in plane if is_invisible(chr(c))
}


def normalise(text: str) -> str:
    """The text without invisible characters, in Unicode NFC.

    The characters are removed before composing, so that "e", a soft hyphen and a combining acute
    accent become "é", and the result is the same when normalised again.
    """
    if text.isascii():
        return text  # no ASCII character is invisible or decomposed
    return unicodedata.normalize("NFC", text.translate(_REMOVE_INVISIBLE))


def invisible_inside_words(text: str) -> list[tuple[int, str]]:
    """(column, Unicode name) of each invisible character between two letters, in text order."""
    found: list[tuple[int, str]] = []
    if len(text.translate(_REMOVE_INVISIBLE)) == len(text):
        return found  # nothing invisible (most lines): no need to look at each character
    for column, char in enumerate(text):
        if not is_invisible(char):
            continue
        before = _neighbour(text, column, -1)
        after = _neighbour(text, column, 1)
        if before is not None and after is not None and _in_word(before) and _in_word(after):
            found.append((column, unicodedata.name(char, f"U+{ord(char):04X}")))
    return found


def _neighbour(text: str, column: int, step: int) -> str | None:
    """The nearest visible character before (step -1) or after (step 1) the column."""
    index = column + step
    while 0 <= index < len(text):
        if not is_invisible(text[index]):
            return text[index]
        index += step
    return None


def _in_word(char: str) -> bool:
    # A letter, or a mark written on one (Arabic vowel signs, combining accents).
    return unicodedata.category(char)[0] in "LM"
