"""Meaning notices on one segment pair: words a translator can flip without changing any number.

The caller gives the plain text of one English segment and of its translation (Markdown markup and
`[[...]]` markers already removed). Three kinds of word are compared, each per segment, and every
notice has check "meaning", is not blocking, and is in English, for translators:

- units of time: the English says months and the translation says years (and not months). The
  words come from CLDR through Babel (`babel.units.format_unit` and the locale's
  `unit_display_names`), not from lists of our own, so a new language gets them for free;
- negations ("not", "no", "never", "without"...): the English has some and the translation none
  (a negation only the translation has is not reported: see `_negation_message`);
- "more" against "less"/"fewer": the English says one, the translation only the other.

CLDR has no data for negations or comparatives, so those are the short tables below, one line per
language; a language without a table gets the time-unit notices only.

Words are compared after `normalize`: NFC, case-folded and, for Arabic, without the optional vowel
marks and with the letter alef in one form. Arabic writes the article and some prepositions and
conjunctions as part of the word (و "and", ف "so", ب "with", ل "for", ك "as", ال "the"), so an
Arabic word also matches with those prefixes taken off (`stems`). Chinese is written without
spaces: its words are found as substrings.

Cost: the check runs on every segment pair of the site, so nothing is looked up word by word per
pair. Each table is compiled once per language (a set of words, or for Chinese one regular
expression); each text is normalized and cut into words once (`words`, `text_forms`: cached per
text, and an English segment is compared with four translations); a table is found in a text by
a set intersection; and a translation is searched only for what its English has (most segments
have no unit of time, no negation and no comparative).

The helpers `normalize`, `stems`, `words`, `written_words`, `text_forms` and `time_unit_words` are
also used by `checks.number_words`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from babel.units import UnknownUnitError, format_unit

from mammogram_callbacks.checks.segment_notice import SegmentNotice

CHECK = "meaning"

# The units of time compared, by their CLDR names (duration-<unit>). Seconds are left out: "a
# second" is also the ordinal in English and Spanish, and no page counts in seconds.
TIME_UNITS = ("year", "month", "week", "day", "hour", "minute")

# The counts the unit patterns are formatted with: they reach every CLDR plural category of the
# languages here (one, two, few, many, other; and Arabic's spelled-out forms for 1 and 2).
_UNIT_COUNTS = (1, 2, 3, 5, 11, 21, 100, 1.5)

# Languages written without spaces between words: their words are found as substrings.
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})

# Negations. Chinese negates with a character (不, 没, 无, 未, 非, 别, 勿) that also begins or
# ends words with no negative sense at all; those are taken out of the text first (NOT_NEGATIONS).
# Words that do negate in sense (不同 "not the same", 无论 "no matter") stay: only a negation lost
# is reported, and they are how a translation may keep the English's.
# Arabic ألا ("that ... not") is written like إلا ("except") once the alef is plain: both count.
# Each language also lists its words for "to avoid" and "to prevent": "so there are no surprises"
# is as often "以免到时候感到意外" (so as to avoid surprises), "لتجنب المفاجآت", "để tránh bất ngờ"
# or "para evitar sorpresas", with the negation in the verb.
NEGATIONS: dict[str, tuple[str, ...]] = {
    "en": ("not", "no", "never", "without", "none", "nothing", "neither", "nor", "cannot", "n't"),
    "es": (
        *("no", "nunca", "jamás", "sin", "ni", "ningún", "ninguna", "ninguno", "nada", "tampoco"),
        *("evitar", "evite", "eviten", "evita", "evitan", "evitando"),
    ),
    "ar": (
        *("لا", "لم", "لن", "ليس", "ليست", "لست", "ألا", "غير", "بدون", "دون", "بلا", "أبدا", "عدم"),
        *("تجنب", "تتجنب", "تجنبا", "تفادي"),
    ),
    "vi": ("không", "chưa", "chẳng", "đừng", "chớ", "tránh", "ngăn ngừa"),
    "zh": ("不", "没", "无", "未", "非", "别", "勿", "以免", "免得", "避免", "防止", "以防"),
}
NOT_NEGATIONS: dict[str, tuple[str, ...]] = {
    # very, but, future, other (x2), especially, gender, identify, respectively, difference
    "zh": ("非常", "不过", "未来", "别的", "别人", "特别", "性别", "识别", "分别", "区别"),
}
# An English negative quantifier after an approximator is an amount, not a negation: "Almost none"
# (the chance of cancer, a table cell) is a quantity close to zero, which translations say with
# a word for a small amount (Arabic "شبه معدوم", almost non-existent; "casi nula"; 几乎为零), and
# no table of negation words can list those. "Never" is not a quantifier: "almost never cancer"
# is said about the verb, and its reversal ("almost always") is the error this check is for.
APPROXIMATORS = ("almost", "nearly", "virtually", "practically", "next to")
AMOUNT_NEGATIONS = frozenset({"none", "nothing", "no"})

# "More" and "less"/"fewer". Vietnamese and Chinese mark comparison with a word of their own
# (hơn, 更/较) that goes with both, so their entries are the pairs ("nhiều hơn", "更多").
MORE: dict[str, tuple[str, ...]] = {
    "en": ("more", "most"),  # Spanish and Arabic say "most" with their "more" (las más comunes)
    "es": ("más",),
    "ar": ("أكثر",),
    "vi": ("nhiều hơn", "thêm"),
    "zh": ("更多", "较多", "多于"),
}
LESS: dict[str, tuple[str, ...]] = {
    "en": ("less", "fewer", "least", "fewest"),
    "es": ("menos",),
    "ar": ("أقل",),
    "vi": ("ít hơn",),
    "zh": ("更少", "较少", "少于"),
}
_TABLES = {"negations": NEGATIONS, "more": MORE, "less": LESS}

# Arabic: the optional marks (short vowels, tanwin, shadda, sukun, superscript alef, tatweel), and
# the alef written with hamza or madda, which is often written plain.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ALEFS = ("أ", "إ", "آ", "ٱ")
# The Arabic prefixes a word may carry, longest first: conjunction or preposition, then article.
ARABIC_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_ARABIC_PREFIX_SET = frozenset(ARABIC_PREFIXES)
_ARABIC_PREFIX_LETTERS = frozenset(p[0] for p in ARABIC_PREFIXES)
# The shortest Arabic stem a prefix may leave: "لا" is not "ل" + "ا".
_ARABIC_MIN_STEM = 2

# A word of a spaced language: letters and combining marks; English's "n't" (with a straight or a
# curly apostrophe) is a word of its own, so "doesn't" is "does" and "n't".
_WORD = re.compile(
    r"n['\u2019]t\b|(?:(?!n['\u2019]t\b)[^\W\d_])(?:(?!n['\u2019]t\b)[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f])*",
    re.IGNORECASE,
)

_LETTERS = re.compile(r"[^\W\d_]+(?:'t\b)?")

# Texts kept cut into words: more than the site has segments (an English one is asked for once
# per translation).
_TEXT_CACHE = 8192

# ---- The check ---------------------------------------------------------------------------------


def meaning_word_notices(source: str, translation: str, language: str) -> list[SegmentNotice]:
    """The meaning notices of one English segment and its translation into `language`."""
    if not source or not translation or source.isspace() or translation.isspace():
        return []
    english = _english_words(source)
    notices = []
    if english.units:
        notices += [_notice(m) for m in _time_unit_messages(english.units, translation, language)]
    if english.negations and (message := _negation_message(english.negations, translation, language)):
        notices.append(_notice(message))
    if (english.more or english.less) and (message := _comparative_message(english, translation, language)):
        notices.append(_notice(message))
    return notices


@dataclass(frozen=True)
class _EnglishWords:
    """What the check compares of an English text; a translation is searched only for what its
    English has (most segments have no unit of time, negation or comparative)."""

    units: frozenset[str]
    negations: tuple[str, ...]
    more: tuple[str, ...]
    less: tuple[str, ...]


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _english_words(text: str) -> _EnglishWords:
    negations = _found(text, "en", "negations")
    if negations:
        negations = _without_amounts(text, negations)
    return _EnglishWords(
        _units_named(text, "en"), negations, _found(text, "en", "more"), _found(text, "en", "less")
    )


def _time_unit_messages(english: frozenset[str], translation: str, language: str) -> list[str]:
    # Only a unit replaced is reported: one the English names that the translation does not, with
    # one the translation names that the English does not. A unit only dropped or only added is
    # usually rephrasing ("in the first days" -> "al principio"; "soon" -> "en unos días"), or a
    # word CLDR does not give (Vietnamese "tiếng" for hours, Arabic "أعوام" for years).
    translated = _units_named(translation, language)
    if not translated or translated == english:
        return []
    missing = [u for u in TIME_UNITS if u in english and u not in translated]
    extra = [u for u in TIME_UNITS if u in translated and u not in english]
    return [
        f"the English says {unit}s; this segment says {other}s: check the unit of time"
        for unit, other in zip(missing, extra, strict=False)
    ]


def _negation_message(english: tuple[str, ...], translation: str, language: str) -> str | None:
    # Whether there is a negation at all is compared, not how many: languages negate twice where
    # English negates once ("no ... nada" for "nothing"). And only a negation lost is reported:
    # translations negate where the English has no negation word ("far from alone": "no está
    # sola"; "whether": Vietnamese "có ... không"; "atypical", "harmless", "uncommon", "rather
    # than", "different": 不一样). On the real pages 57 segments gained a negation, and every one
    # was a faithful translation.
    if _entries("negations", language) is None or _found(translation, language, "negations"):
        return None
    return (
        f"the English has a negation ({_listed(english)}); this segment has none: check that the "
        "meaning was not reversed"
    )


def _comparative_message(english: _EnglishWords, translation: str, language: str) -> str | None:
    if _entries("more", language) is None or _entries("less", language) is None:
        return None
    more_here, less_here = _found(translation, language, "more"), _found(translation, language, "less")
    if english.more and not english.less and less_here and not more_here:
        return (
            f"the English says {_listed(english.more)}; this segment says {_listed(less_here)} "
            "(less/fewer) and not 'more'"
        )
    if english.less and not english.more and more_here and not less_here:
        return (
            f"the English says {_listed(english.less)}; this segment says {_listed(more_here)} "
            "(more) and not 'less/fewer'"
        )
    return None


def _notice(message: str) -> SegmentNotice:
    return SegmentNotice(CHECK, message)


def _listed(found: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in found)


# ---- Words -------------------------------------------------------------------------------------


@functools.cache
def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


@functools.lru_cache(maxsize=65536)
def normalize(word: str, language: str) -> str:
    """How a word is compared: NFC and case-folded; in Arabic, without vowel marks, one alef."""
    return _normalize(word, language)


def _normalize(text: str, language: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    if _base(language) == "ar":
        text = _ARABIC_MARKS.sub("", text)
        for alef in _ALEFS:  # str.replace: many times faster than str.translate on Arabic text
            text = text.replace(alef, "ا")
    return text


@functools.lru_cache(maxsize=65536)
def stems(word: str, language: str) -> tuple[str, ...]:
    """The forms a normalized word may be looked up as: itself, then (Arabic) without prefixes."""
    if _base(language) != "ar" or word[:1] not in _ARABIC_PREFIX_LETTERS:
        return (word,)
    # The prefixes of ARABIC_PREFIXES the word begins with, in that order (at most four).
    longest = 3 if word[1:3] == "ال" and word[0] in "وفبك" else 2 if word[:2] in ("لل", "ال") else 1
    forms = [word]
    for length in range(longest, 0, -1):
        prefix = word[:length]
        if prefix in _ARABIC_PREFIX_SET and len(word) - length >= _ARABIC_MIN_STEM:
            forms.append(word[length:])
    return tuple(forms)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def written_words(text: str) -> tuple[str, ...]:
    """The words of a text in a spaced language, in order, as written."""
    return tuple(_WORD.findall(text))


@functools.lru_cache(maxsize=_TEXT_CACHE)
def words(text: str, language: str) -> tuple[str, ...]:
    """The normalized words of a text in a spaced language, in order."""
    # The words of `_WORD`, found faster: a normalized text has its letters composed and no Arabic
    # vowel marks, so a word is a run of letters; "n't" is split off where there is one.
    normalized = _normalized_text(text, language)
    found = _LETTERS.findall(normalized)
    if "'t" not in normalized:
        return tuple(found)
    split: list[str] = []
    for word in found:
        if not word.endswith("'t"):
            split.append(word)
        elif word.endswith("n't"):
            split.extend((word[:-3], "n't") if len(word) > 3 else ("n't",))
        else:
            split.extend((word[:-2], "t"))
    return tuple(split)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def text_forms(text: str, language: str) -> frozenset[str]:
    """Every form the words of a text may be looked up as (`stems` of each normalized word)."""
    found = words(text, language)
    if _base(language) != "ar":
        return frozenset(found)
    forms = set(found)
    for word in found:
        if word[:1] in _ARABIC_PREFIX_LETTERS:
            forms.update(stems(word, language))
    return frozenset(forms)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _normalized_text(text: str, language: str) -> str:
    return _normalize(text, language)


# ---- Finding a table's entries -----------------------------------------------------------------


@dataclass(frozen=True)
class _Entries:
    """One table of one language, ready to be found in a text."""

    entries: tuple[str, ...]  # as the table writes them, in its order
    # spaced languages: an entry of one word normalized -> the entry; and the entries of several
    # words, with their normalized words
    single: dict[str, str]
    phrases: tuple[tuple[str, tuple[str, ...]], ...]
    pattern: re.Pattern[str] | None  # languages without spaces: the ignored words, then entries
    by_form: dict[str, str]  # languages without spaces: an entry normalized -> the entry


@functools.cache
def _entries(table: str, language: str) -> _Entries | None:
    """A table (`_TABLES`) of `language`, compiled once (None for a language it does not have)."""
    base = _base(language)
    entries = _TABLES[table].get(base)
    if entries is None:
        return None
    if base in _UNSPACED:
        # One expression, longest alternatives first, so a character counts once ("没有" is not
        # also "没"), and a word of NOT_NEGATIONS is matched (and dropped) before its negation.
        ignored = NOT_NEGATIONS.get(base, ()) if table == "negations" else ()
        alternatives = sorted({normalize(w, language) for w in (*entries, *ignored)}, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, alternatives)))
        return _Entries(entries, {}, (), pattern, {normalize(e, language): e for e in entries})
    parts = [(entry, words(entry, language)) for entry in entries]
    single = {p[0]: entry for entry, p in parts if len(p) == 1}
    return _Entries(entries, single, tuple((e, p) for e, p in parts if len(p) > 1), None, {})


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _found(text: str, language: str, table: str) -> tuple[str, ...]:
    """The entries of a table (words or phrases of words) that occur in the text, in table order."""
    compiled = _entries(table, language)
    if compiled is None:
        return ()
    if compiled.pattern is not None:
        by_form = compiled.by_form
        matched = {
            by_form[m] for m in compiled.pattern.findall(_normalized_text(text, language)) if m in by_form
        }
        return tuple(e for e in compiled.entries if e in matched)
    forms = text_forms(text, language)
    matched = {compiled.single[w] for w in compiled.single.keys() & forms}
    for entry, parts in compiled.phrases:
        if parts[0] in forms and all(p in forms for p in parts) and _phrase_in(parts, text, language):
            matched.add(entry)
    return tuple(e for e in compiled.entries if e in matched) if matched else ()


def _phrase_in(parts: tuple[str, ...], text: str, language: str) -> bool:
    tokens = [stems(w, language) for w in words(text, language)]
    return any(
        all(parts[k] in tokens[i + k] for k in range(len(parts))) for i in range(len(tokens) - len(parts) + 1)
    )


def _without_amounts(text: str, negations: tuple[str, ...]) -> tuple[str, ...]:
    """An English text's negations without an amount after an approximator ("almost none": see
    APPROXIMATORS)."""
    if AMOUNT_NEGATIONS.isdisjoint(negations):
        return negations
    tokens = words(text, "en")
    kept = {
        word
        for i, word in enumerate(tokens)
        if word in negations
        and not (
            word in AMOUNT_NEGATIONS and any(tokens[max(0, i - len(a)) : i] == a for a in _APPROXIMATORS)
        )
    }
    return tuple(e for e in negations if e in kept)


_APPROXIMATORS = tuple(tuple(a.split()) for a in APPROXIMATORS)


# ---- Units of time from CLDR -------------------------------------------------------------------


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _units_named(text: str, language: str) -> frozenset[str]:
    unit_words = time_unit_words(language)
    if not unit_words:
        return frozenset()
    if _base(language) in _UNSPACED:
        normalized = _normalized_text(text, language)
        return frozenset(u for u, forms in unit_words.items() if any(f in normalized for f in forms))
    units = _unit_of_form(language)
    return frozenset(units[f] for f in text_forms(text, language) if f in units)


@functools.cache
def _unit_of_form(language: str) -> dict[str, str]:
    # No form belongs to two units (`time_unit_words` takes shared ones out).
    return {form: unit for unit, forms in time_unit_words(language).items() for form in forms}


@functools.cache
def time_unit_words(language: str, units: tuple[str, ...] = TIME_UNITS) -> dict[str, frozenset[str]]:
    """Each unit of time (CLDR's duration-<unit>) -> its normalized words in `language`, from CLDR
    ({} if Babel does not know the language). Do not change the dictionary: it is cached.

    The words are the patterns of `format_unit` (long and short) for counts of every plural
    category, with the number taken out, and the locale's display names of the units. Left out:
    Babel's fallback (the unit's id, for a length the locale lacks), abbreviations of one or two
    letters in a spaced language (Spanish "a" for año is also "to"), the number where a pattern
    spells it out (Arabic "سنة واحدة", one year, keeps only سنة), and a word the patterns of two
    units share.
    """
    found = {unit: forms for unit in units if (forms := _unit_forms(language, unit)) is not None}
    if not found:
        return {}
    shared = {f for unit in found for f in found[unit] if sum(f in other for other in found.values()) > 1}
    return {unit: frozenset(forms - shared) for unit, forms in found.items() if forms - shared}


@functools.cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.cache
def _counts(language: str) -> tuple[float, ...]:
    """`_UNIT_COUNTS`, one for each plural category of the language (the pattern depends only on
    the category: formatting the others again would give the same words)."""
    locale = _locale(language)
    assert locale is not None
    by_category: dict[str, float] = {}
    for count in _UNIT_COUNTS:
        by_category.setdefault(locale.plural_form(count), count)
    return tuple(by_category.values())


@functools.cache
def _unit_forms(language: str, unit: str) -> frozenset[str] | None:
    """The words of one unit of time in `language` (None if Babel does not know the language)."""
    locale = _locale(language)
    if locale is None:
        return None
    unspaced = _base(language) in _UNSPACED
    texts = []
    for length in ("long", "short"):
        for count in _counts(language):
            try:
                text = format_unit(count, f"duration-{unit}", length=length, locale=locale)
            except UnknownUnitError:
                continue
            number = format_decimal(count, locale=locale)
            if number in text:
                texts.append(text.replace(number, " "))
            elif not unspaced and text.split():
                # The count spelled out (Arabic "سنة واحدة", one year): the noun comes first.
                texts.append(text.split()[0])
    texts.extend(locale.unit_display_names.get(f"duration-{unit}", {}).values())
    forms: set[str] = set()
    for text in texts:
        if "duration" in text:
            continue
        pieces = [text.strip()] if unspaced else _WORD.findall(text)
        for piece in pieces:
            piece = normalize(re.sub(r"[\d\s.,]+", "", piece) if unspaced else piece, language)
            if piece and (unspaced or len(piece) > 2):
                forms.add(piece)
    return frozenset(forms | set(_grammatical_variants(forms, language)))


def _grammatical_variants(forms: set[str], language: str) -> list[str]:
    # Arabic: CLDR gives the dual in the nominative (سنتان "two years"); the same word after a
    # preposition or as an object ends in -ين (سنتين), which is how most sentences have it. And a
    # word used as an adverb of time takes the accusative ending, an alef (شهورًا "for months").
    if _base(language) != "ar":
        return []
    duals = [f[:-2] + "ين" for f in forms if f.endswith("ان")]
    accusatives = [f + "ا" for f in forms if not f.endswith(("ا", "ة", "ان", "ات"))]
    return duals + accusatives
