"""Where a source note's number goes: at the end of the sentence it supports, never on a figure.

A note number written right after a figure is read as part of it: "1 in 10¹", "10² years", "5³"
("10²" reads as a hundred). So the renderer marks each figure's note where the figure is, and
`place_notes` moves the marks to the end of the sentence (after its full stop, or at the end of the
list item or table cell), the way medical writing places citations. `notes_touching_figures` reads
the rendered HTML and finds any note number that still touches a digit, for the build to refuse.
"""

from __future__ import annotations

import re
import unicodedata

# A note mark left by the renderer: NUL, the footnote id, NUL (NUL never occurs in a page).
NOTE_MARK = "\x00{}\x00"
_MARK = re.compile(r"[ \t]*\x00(?P<id>[^\x00]+)\x00")

# Where a sentence ends: a full stop followed by a space or the end of the line or table cell
# (with any closing quotes, brackets or emphasis after it); a Chinese or Arabic stop, which needs
# no space after it; else the end of the line or cell itself.
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’»)*_]*(?=[ \t]|\n|\||$)"
    r"|[。！？؟][”’」』）)*_]*"
    r"|(?=[ \t]*(?:\n|\||$))"
)
_NO_BREAK_SPACE = "\u00a0"


def place_notes(text: str) -> str:
    """Move every note mark to the end of its sentence, as footnote references (`[^id]`).

    Notes of one sentence are gathered there once each, in order. Where a sentence ends without a
    stop on a figure (a table cell "40-74"), a no-break space keeps the note off the figure.
    """
    out: list[str] = []
    position = 0
    while (mark := _MARK.search(text, position)) is not None:
        end = _SENTENCE_END.search(text, mark.end())
        stop = end.end() if end is not None else len(text)
        sentence = text[position:stop]
        ids = list(dict.fromkeys(m["id"] for m in _MARK.finditer(sentence)))
        sentence = _MARK.sub("", sentence)
        before = _visible_tail(sentence)
        gap = _NO_BREAK_SPACE if before and _is_figure_char(before[-1]) else ""
        out.append(sentence + gap + "".join(f"[^{note}]" for note in ids))
        position = stop
    out.append(text[position:])
    return "".join(out)


def notes_out_of_search(html: str) -> str:
    """The source notes, marked for Material's search to leave out (`data-search-exclude`).

    Every page repeats its sources' citations in its notes; in each language's search index they
    were a fifth of the weight a reader downloads on opening search, and a citation is found where
    it belongs, on the sources page.
    """
    return html.replace(_NOTES_BLOCK, _NOTES_BLOCK[:-1] + " data-search-exclude>", 1)


def notes_touching_figures(html: str) -> list[str]:
    """The text around each note reference that touches a figure (a digit, or a digit's %), in
    the rendered HTML of a page: what the reader would see, e.g. 'about 116¹'."""
    marked = _FOOTNOTE_REF.sub("\x01", html)
    found = []
    for match in re.finditer("\x01", marked):
        before = _visible_tail(marked[: match.start()])
        after = _visible_head(marked[match.end() :])
        if (before and _is_figure_char(before[-1])) or (after and unicodedata.category(after[0]) == "Nd"):
            context = " ".join(_TAG.sub("", before[-80:]).split())
            found.append(context[-30:].strip())
    return found


def _visible_tail(text: str) -> str:
    """`text` without the tags, note references and markup characters it ends with."""
    return _MARKUP_AT_END.sub("", text)


def _visible_head(text: str) -> str:
    """`text` without the tags and note references it starts with."""
    return _MARKUP_AT_START.sub("", text)


def _is_figure_char(char: str) -> bool:
    return unicodedata.category(char) == "Nd" or char in "%٪‰"


_MARKUP_AT_END = re.compile(r"(?:<[^>]*>|\x01|\]\([^)]*\)|[*_\]])+$")
_MARKUP_AT_START = re.compile(r"^(?:<[^>]*>|\x01)+")
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.S)
_TAG = re.compile(r"<[^>]*>")

# Python-Markdown footnotes' block, as the footnotes extension writes it.
_NOTES_BLOCK = '<div class="footnote">'
