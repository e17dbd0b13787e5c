"""Quality notices on one segment pair: what a reviewer would point out, never blocking.

The caller gives plain text (Markdown markup and `[[...]]` markers already removed) of one English
segment and of its translation. Both are first passed through `core.invisible_text.normalise`,
their spaces collapsed, the spaces before a closing punctuation mark removed, and a colon right
before another mark removed: a removed marker leaves "before you book ." and "the hotline: ."
(Chinese "热线：。"). Every notice has check "qa", is not blocking, and its message is in English
for translators and says what to fix.

API:

- `pair_notices(source, translation, language) -> list[SegmentNotice]`: the notices of one pair:
  (a) the translation is the English left as it was (not for a text without letters, a code or a
  name such as "BI-RADS 4A" or "American College of Radiology", a URL, or a text shorter than 2
  words); (b) brackets or quotation
  marks that do not balance, counted in the marks of the translation's language too (（）, « »,
  “ ”, 「」, 《》 ...); (c) end punctuation that differs from the English's, with the language's own
  marks accepted ('。' for '.', '؟' and '？' for '?', '：' for ':'), read through closing quotes and
  brackets ('"no cancer."' against '“没有癌症”。'); (d) a word written twice.
- `length_ratio_notice(source, translation, usual_ratio) -> SegmentNotice | None`: (e) a
  translation far longer or shorter than the language's usual length ratio (translation
  characters / English characters): below usual / 2.5 or above usual x 2.5, for English segments of
  at least 40 characters. In a translation in another script (Arabic, Chinese), Latin words carried
  over from the English (a name given in English beside its translation) are not counted.
  `usual_ratio(pairs)` gives the usual ratio of a language: the median over
  its (English, translation) pairs. `pair_notices` cannot know it (one pair at a time), so the
  caller computes it once per language and asks for this notice separately.
- `inconsistent_translations(pairs) -> dict[str, dict[str, list[str]]]`: over (English,
  translation, where) triples of one language, the English segments of at least 3 words
  translated in more than one way: English text -> {each translation -> the places it is used},
  in the order first seen (texts compared after `normalise` and with their spaces collapsed).

What comes from translate-toolkit (`translate.filters.checks.StandardChecker`, configured with
the translation's language through `CheckerConfig(targetlanguage=...)`), and what does not:

- `unchanged` decides (a), after the exceptions above;
- `endpunc` decides (c). It converts the English's punctuation to the language's
  (`lang.punctranslate`: '?' -> '؟' in Arabic, '. ' -> '。' in Chinese) before comparing, so it
  needs the target language set. For Chinese, '：' and '；' are added to the end marks it compares
  (by default only '。！？!?…' and ':', so an English colon against no colon at all passed).
  Vietnamese is checked with the toolkit's generic rules: its Vietnamese module sets French
  typography (a space before ':', ';' and '!', quotes turned into « »), which Vietnamese as written
  here does not use: every colon at the end of a Vietnamese sentence was reported;
- `doublewords` decides (d), clause by clause: on a whole segment it deletes full stops, so
  "... chứa dịch. Nang hầu như ..." (the same word ending one sentence and starting the next) was a
  doubled word. A single capital letter, the name of a letter ("de la A a la D"), also ends a
  clause, and a few Vietnamese words that are doubled on purpose ("từ từ", slowly) are accepted.
  Chinese is written without spaces, so it has no doubled words to find (and doubling a character,
  as in 看看, is grammar there);
- not `brackets`, `doublequoting` or `singlequoting`: they compare the count of each mark with the
  English's. A translator who adds "(latex)" to explain a word, writes （） in Chinese, “ ” or « »
  for the English's straight quotes, or drops the apostrophe of "radiologists'", got a notice each
  time (on the real pages, 60 `brackets`, 29 `doublequoting` and 4 `singlequoting` notices, none a
  fault). (b) counts the marks of the translation against each other instead, and is silent when
  the English itself does not balance.

Tuned on the real pages (each page's segments against the English's): the toolkit's checks as they
come gave es 18, ar 29, zh 17 and vi 39 notices, none a fault; `pair_notices` and
`length_ratio_notice` give none in any language. `inconsistent_translations` finds one, in Arabic:
the table headers "What it means" of report-words.md are "ما يعنيه ذلك" and "ما تعنيه" (agreeing
with "الفئة", the category, beside it), for a reviewer to judge.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from translate.filters import decoration
from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker
from translate.lang import factory

from mammogram_callbacks.checks.segment_notice import SegmentNotice
from mammogram_callbacks.core.invisible_text import normalise

CHECK = "qa"

# (e) The length ratio: how far off the usual it may be, and the shortest English text it judges.
RATIO_SPREAD = 2.5
RATIO_MIN_SOURCE = 40
# inconsistent_translations: the fewest English words a segment must have to be compared.
CONSISTENCY_MIN_WORDS = 3

# ---- Functions ---------------------------------------------------------------------------------


def pair_notices(source: str, translation: str, language: str) -> list[SegmentNotice]:
    """The notices (a) to (d) of one English segment and its translation into `language` (a code
    such as "zh" or "es-MX"). An empty segment on either side has none: a missing translation is
    the alignment's to report."""
    source, translation = _tidy(source), _tidy(translation)
    if not source or not translation:
        return []
    checker = _checker(language)
    try:
        if message := _untranslated(source, translation, checker):
            return [_notice(message)]  # nothing else to say about English left as it was
        notices = [_notice(m) for m in _unbalanced(source, translation)]
        if message := _end_punctuation(source, translation, checker):
            notices.append(_notice(message))
        notices.extend(_notice(m) for m in _doubled_words(translation, language, checker))
        return notices
    finally:
        # The toolkit keeps each string it filtered until its own run_filters resets the cache,
        # which is never called here: without this it would hold every segment of the site.
        checker.results_cache.clear()


def length_ratio_notice(source: str, translation: str, usual_ratio: float) -> SegmentNotice | None:
    """A notice when the translation is far longer or shorter than the language's usual ratio."""
    source, translation = _tidy(source), _tidy(translation)
    if len(source) < RATIO_MIN_SOURCE or usual_ratio <= 0:
        return None
    length = _translation_length(source, translation)
    ratio = length / len(source)
    said = (
        f"is {ratio:.2f} times as long as the English ({length} characters for {len(source)}), where "
        f"translations into this language are usually {usual_ratio:.2f} times as long"
    )
    if ratio < usual_ratio / RATIO_SPREAD:
        return _notice(f"{said}: check that no part of the English was left out")
    if ratio > usual_ratio * RATIO_SPREAD:
        return _notice(f"{said}: check that nothing was added or repeated")
    return None


def usual_ratio(pairs: Iterable[tuple[str, str]]) -> float:
    """The median length ratio (translation / English) over a language's (English, translation)
    pairs whose English has at least RATIO_MIN_SOURCE characters; 1.0 when there are none."""
    ratios = []
    for source, translation in pairs:
        source, translation = _tidy(source), _tidy(translation)
        if len(source) >= RATIO_MIN_SOURCE and translation:
            ratios.append(_translation_length(source, translation) / len(source))
    return statistics.median(ratios) if ratios else 1.0


def inconsistent_translations(pairs: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, list[str]]]:
    """English segments of at least 3 words translated in more than one way, over one language.

    `pairs` are (English text, translation text, where); the answer maps each such English text
    to {translation -> [where, ...]}, English texts and translations in the order first seen.
    """
    seen: dict[str, dict[str, list[str]]] = {}
    for source, translation, where in pairs:
        english, translated = _spaced(source), _spaced(translation)
        if len(english.split()) < CONSISTENCY_MIN_WORDS or not translated:
            continue
        seen.setdefault(english, {}).setdefault(translated, []).append(where)
    return {english: versions for english, versions in seen.items() if len(versions) > 1}


def inconsistency_message(english: str, versions: dict[str, list[str]]) -> str:
    """A translator's message for one entry of `inconsistent_translations`."""
    ways = "; ".join(f"'{text}' ({', '.join(places)})" for text, places in versions.items())
    return (
        f"the English '{english}' is translated {len(versions)} ways: {ways}. Use one translation "
        "everywhere, unless the context really needs another"
    )


# ---- (a) Left in English ---------------------------------------------------------------------


def _untranslated(source: str, translation: str, checker: StandardChecker) -> str | None:
    if not _LETTER.search(source) or len(source.split()) < 2 or _is_code_or_name(source):
        return None
    try:
        checker.unchanged(source, translation)
    except FilterFailure:
        return (
            f"is the same as the English ('{_excerpt(source)}'): translate it (or, if it must stay "
            "as written, such as a name or a quotation, leave it: this notice does not block)"
        )
    return None


def _is_code_or_name(text: str) -> bool:
    """A URL or e-mail address, a code ("BI-RADS 4A", "WCAG 2.2 AA"), or a name ("American
    College of Radiology"): every word is a code or capitalised, but for a few joining words, and
    no sentence ends inside it ("... Information Service. In English and Spanish." is a sentence)."""
    if _URL.fullmatch(text):
        return True
    if _SENTENCE_INSIDE.search(text):
        return False
    words = [word.strip(_TRIM) for word in text.split()]
    return all(
        not any(c.islower() for c in word)  # a code, a number
        or word[0].isupper()  # a name
        or word.lower() in _NAME_JOINERS
        for word in words
    )


# ---- (b) Brackets and quotation marks --------------------------------------------------------


def _unbalanced(source: str, translation: str) -> list[str]:
    messages = []
    for group, families in _PAIRS.items():
        if any(_imbalance(source, family) for family in families):
            continue  # the English does not balance either (a quotation over two paragraphs)
        for family in families:
            if message := _imbalance(translation, family):
                messages.append(f"has {message}: {_BALANCE_FIX[group]}")
    return messages


def _imbalance(text: str, family: tuple[str, str]) -> str | None:
    """What does not balance in the text for one family of marks ("2 '(' but 1 ')'"), if any."""
    opening, closing = family
    if opening == closing:  # a straight quotation mark opens and closes
        count = text.count(opening)
        return f"{count} '{opening}' (an odd number)" if count % 2 else None
    opened = sum(text.count(mark) for mark in opening)
    closed = sum(text.count(mark) for mark in closing)
    if opened == closed:
        return None
    # Name the marks the text uses (and the mate of each), so "1 '（' but 0 '）'".
    used = [
        i for i, pair in enumerate(zip(opening, closing, strict=True)) if pair[0] in text or pair[1] in text
    ]
    return f"{opened} {_marks(opening, used)} but {closed} {_marks(closing, used)}"


def _marks(marks: str, used: list[int]) -> str:
    return " or ".join(f"'{marks[i]}'" for i in used)


# ---- (c) End punctuation ---------------------------------------------------------------------


def _end_punctuation(source: str, translation: str, checker: StandardChecker) -> str | None:
    # Read through closing quotation marks and brackets: English writes 'means "no cancer."', and
    # Chinese '意思是“没有癌症”。', Spanish 'significa «sin cáncer».'.
    source, translation = source.rstrip(_CLOSERS), translation.rstrip(_CLOSERS)
    try:
        checker.endpunc(source, translation)
    except FilterFailure:
        pass
    else:
        return None
    target_marks = f"{checker.config.endpunctuation}:"
    expected = decoration.puncend(checker.config.lang.punctranslate(source), target_marks).strip()
    # Described with every language's end marks, so that a '.' in Chinese is named as it is.
    english = decoration.puncend(source, _END_MARKS).strip()
    found = decoration.puncend(translation, _END_MARKS).strip()
    if english and not expected:
        return None  # the toolkit has no mark of this language for the English's ('...' in Chinese)
    where = f"('{_excerpt(source)}')"
    if not found:
        return f"ends without the {_name(english)} the English has {where}: end it with '{expected}'"
    if not english:
        return (
            f"ends with '{found}' but the English has no end punctuation {where}: remove it, unless "
            "your language needs it here"
        )
    return f"ends with '{found}' where the English has a {_name(english)} {where}: use '{expected}'"


def _name(marks: str) -> str:
    return _MARK_NAMES.get(marks[-1:], f"'{marks}'") if len(marks) == 1 else f"'{marks}'"


# ---- (d) Doubled words -----------------------------------------------------------------------


def _doubled_words(translation: str, language: str, checker: StandardChecker) -> list[str]:
    messages = []
    valid = _VALID_DOUBLES.get(_base(language), frozenset())
    for clause in _clauses(translation, valid):
        try:
            checker.doublewords(clause, clause)
        except FilterFailure as failure:
            match = _DOUBLED.search(clause)
            shown = match.group(0) if match else str(failure)
            messages.append(f"repeats a word ('{shown}'): remove the extra one")
    return messages


def _clauses(text: str, valid: frozenset[str]) -> list[str]:
    """The text cut at sentence and clause punctuation, at letter names, and inside the doubled
    words the language writes on purpose."""
    pieces = []
    for clause in _CLAUSE_END.split(text):
        start = 0
        for match in _DOUBLED.finditer(clause):
            if match["word"].lower() in valid:
                pieces.append(clause[start : match.start("again")])
                start = match.start("again")
        pieces.append(clause[start:])
    return [piece for clause in pieces for piece in _split_at_letter_names(clause) if piece.strip()]


def _split_at_letter_names(text: str) -> list[str]:
    """A capital letter on its own is the name of a letter ("grupos de la A a la D"), not a word."""
    pieces, start = [], 0
    for match in _SINGLE_LETTER.finditer(text):
        if match.group(0).isupper():
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


# ---- (e) Length ------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _translation_length(source: str, translation: str) -> int:
    """The translation's length in characters. In a translation written in another script than
    the English (Arabic, Chinese), the Latin words carried over from the English are not counted:
    a name given in English beside its translation ("美国国家癌症研究所（National Cancer
    Institute）") makes the text longer but is no longer translation."""
    if all(unicodedata.name(c, "").startswith("LATIN") for c in _LETTER.findall(translation)):
        return len(translation)  # written in Latin letters: a carried-over word is a translation
    english = {word.casefold() for word in _LATIN_WORD.findall(source)}
    carried = sum(len(w) for w in _LATIN_WORD.findall(translation) if w.casefold() in english)
    return len(translation) - carried


# ---- Helpers ---------------------------------------------------------------------------------


@cache
def _checker(language: str) -> StandardChecker:
    base = _base(language)
    if base in _GENERIC_RULES:
        return StandardChecker(CheckerConfig())
    lang = factory.getlanguage(language)
    extra = _EXTRA_END_MARKS.get(base, "")
    return StandardChecker(CheckerConfig(targetlanguage=language, endpunctuation=lang.sentenceend + extra))


def _base(language: str) -> str:
    return re.split(r"[-_@]", language, maxsplit=1)[0].lower()


@lru_cache(maxsize=1 << 15)
def _tidy(text: str) -> str:
    """The text as the pair checks read it: normalised, spaces collapsed, no space before a closing
    mark, and no colon right before another mark (the colon introduced a marker the caller removed:
    "the hotline: [[stat:phone]]." is "the hotline: .")."""
    return _ORPHAN_COLON.sub("", _SPACE_BEFORE_CLOSING.sub("", _spaced(text)))


def _spaced(text: str) -> str:
    return " ".join(normalise(text).split())


def _excerpt(text: str, width: int = 40) -> str:
    return text if len(text) <= width else "…" + text[-width:].lstrip()


def _notice(message: str) -> SegmentNotice:
    return SegmentNotice(CHECK, message)


# ---- Data --------------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"(?:https?://|www\.|mailto:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_TRIM = " .,;:!?()[]\"'“”«»"
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{2}[.:;!?]\s")  # not "Susan G. Komen"
_NAME_JOINERS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "de", "del", "la", "y"})

# Pairs of marks that must balance, by group; a group is skipped when the English does not balance.
# Each family is (opening marks, closing marks); the same mark twice is a straight quotation mark.
# “ and ” count as one family whichever opens: Arabic is often written ”...“.
_PAIRS: dict[str, list[tuple[str, str]]] = {
    "bracket": [("(（", ")）"), ("[［【〔", "]］】〕"), ("{｛", "}｝")],
    "quote": [('"', '"'), ("“", "”"), ("«‹", "»›"), ("「『", "」』"), ("《〈", "》〉")],
}
_BALANCE_FIX = {
    "bracket": "close the bracket that is open, or remove the one too many",
    "quote": "close the quotation that is open, or remove the mark too many",
}

_CLOSERS = " \"'”’»›)）]］】」』》〉"
_END_MARKS = ".!?…:;。！？：；؟؛۔"
_MARK_NAMES = {
    ".": "full stop",
    "。": "full stop",
    "?": "question mark",
    "？": "question mark",
    "؟": "question mark",
    "!": "exclamation mark",
    "！": "exclamation mark",
    ":": "colon",
    "：": "colon",
    ";": "semicolon",
    "；": "semicolon",
    "؛": "semicolon",
    "…": "ellipsis",
}

# Languages whose toolkit rules do not describe them as written here (module docstring).
_GENERIC_RULES = frozenset({"vi"})
# End marks the toolkit's language leaves out of its sentence ends: compared too.
_EXTRA_END_MARKS = {"zh": "：；"}
# Words a language doubles on purpose: Vietnamese từ từ (slowly), luôn luôn (always), thường thường
# (usually), dần dần (gradually), mãi mãi (forever), đâu đâu (everywhere), ai ai (everyone).
# White Hmong doubles a word to soften or stress it: me me (quite small), tiag tiag (truly), sai sai
# (quickly), luv luv (quite short), ze ze (quite near), nyias nyias (each on its own), qeeb qeeb
# (slowly).
_VALID_DOUBLES = {
    "vi": frozenset({"từ", "luôn", "thường", "dần", "mãi", "đâu", "ai"}),
    "hmn": frozenset({"me", "tiag", "sai", "luv", "ze", "nyias", "qeeb"}),
}

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_ORPHAN_COLON = re.compile(r"[:：](?=[.,;!?…。，；！？،؛؟])")
_SPACE_BEFORE_CLOSING = re.compile(r"\s+(?=[.,;:!?…。，、；：！？،؛؟)）\]］】」』》〉»›”])")
# Where a doubled word cannot run across: sentence and clause punctuation (not "1.000", which has
# no space after it), and the full-width marks, which have none.
_CLAUSE_END = re.compile(r"[.,;:!?…،؛؟]+(?:\s+|$)|[。，、；：！？]+")
# Words as the toolkit's doublewords reads them: what stands between spaces ("BI-RADS").
_DOUBLED = re.compile(r"(?<!\S)(?P<word>\S+)\s+(?P<again>(?P=word))(?!\S)", re.IGNORECASE)
_SINGLE_LETTER = re.compile(r"(?<!\w)[^\W\d_](?!\w)")
