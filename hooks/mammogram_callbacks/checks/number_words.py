"""Number-word notices on one segment pair: numbers a translation writes in words.

The site's number checks compare digits, so a translation that writes "diez", "十", "mười" or
"عشرة" where the English has "10" escapes them; translators must write digits. The caller gives the
plain text of one English segment and of its translation (Markdown markup and `[[...]]` markers
already removed; the phrases of data/ui/<lang>.yml `not_numbers:`, idioms in which a number word
is not a number, blanked out). Every notice has check "number-words", is not blocking, and is in
English, for translators.

Where the number words come from:

- languages written with spaces: num2words spells 0 to 100, the hundreds, 1000, 10 000, 100 000
  and 1 000 000, as cardinals and (where it can) ordinals. A whole spelling ("treinta y dos") is
  found as a phrase; a word that is a whole spelling on its own ("diez") is found alone; a word
  only ever part of a spelling ("y", "mươi", "trăm") is never reported alone;
- Chinese: runs of the numeral characters cn2an knows (零 一 二 两 ... 十 百 千 万 亿), read by
  cn2an, and a rule of Chinese grammar for which runs are numbers (see "Chinese" below).

What is not reported, and why:

- a number the English also writes in words, in any form ("two" -> "dos", "second" -> "segunda",
  "both" -> "两者", "every other year" -> "hai năm một lần"): the translator followed the English;
- the values 0 and 1: their words double as articles, pronouns or negation in the languages
  here (Spanish "un", "una", "uno"; Vietnamese "một", also "a", and "không", also "not"; Chinese
  一 in 一些, 一下, 一起, 一般, 统一, 一是; Arabic "أحد", also "anyone"), and a 0 or a 1 that
  matters is a code (BI-RADS 0) that translations keep in digits anyway;
- a word that is also a unit of time in CLDR (Vietnamese "năm" is "five" and "year"; Spanish
  "segundo" and Arabic "ثانية" are "second" both ways): the unit is the likelier reading.

Chinese. A numeral character is a number only where the grammar makes it one: Chinese counts a
noun with a classifier between the number and the noun (两个人, 三次, 五天), and a numeral without
one is usually part of a word (两者 "both", 两侧 "both sides", 四舍五入 "to round", 万维网 "World
Wide Web", 三明治 "sandwich") or a word used for order (一是…二是… "firstly… secondly…", 一来…二来…).
So a run of numeral characters counts as a number when it is

1. a numeral of several characters that cn2an reads as a number (十二, 二十, 一百, 两千, 二〇二四);
   cn2an reads 万一 "in case" and 千万 "by all means" as no number. Two digits side by side without
   十, 百, 千 (一两, 三四) are "one or two", "three or four": two numerals, each read as under 2;
2. a single numeral followed by a classifier or measure word of `CLASSIFIERS` (两次, 十天, 三个月);
3. after 第, the ordinal prefix (第三 "third"), or 百分之, 千分之: per cent, per mille (百分之五),

and it is never inside a word of `NOT_NUMBER_WORDS`, the few words in which a numeral followed by a
classifier is no number (四周 "all around", not "four weeks"; 非二元 "non-binary", not "two yuan").
月 and 日 are not classifiers: 三月 is March and 五日 the fifth (a duration is 三个月).

Cost: each text is read once (cached: an English segment is compared with four translations), a
text none of whose words can begin a number word is passed over by one set intersection, and
cn2an, whose import compiles its regular expressions (a third of a second), is imported only to
read a run of several numeral characters; a single character's value is in `CHINESE_NUMERALS`.

Known limits: a number used as a word rather than a quantity (vi "hai bên", both sides; "hai
chuyện khác nhau", not the same) is reported when the English has no number word for it: such
idioms go in data/ui/<lang>.yml `not_numbers:`. In Chinese a single numeral with no classifier
is not found even where it is a number (数到四 "count to four"), nor 四周 meaning "four weeks".
A language num2words does not know (and that is not Chinese) gets no notices.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from num2words import CONVERTER_CLASSES, num2words

from mammogram_callbacks.checks.meaning_words import (
    ARABIC_PREFIXES,
    TIME_UNITS,
    normalize,
    stems,
    text_forms,
    time_unit_words,
    words,
    written_words,
)
from mammogram_callbacks.checks.segment_notice import SegmentNotice

CHECK = "number-words"

# The numbers spelled to build a language's number words: every word of the numbers up to 100
# and of the larger numbers' names appears in one of them.
SPELLED = (*range(101), *range(200, 1000, 100), 1000, 10_000, 100_000, 1_000_000)
# Values never reported (see the module's docstring).
IGNORED_VALUES = frozenset({0, 1})

# English words and phrases that count without being numerals, which translations render with a numeral
# ("twice": "dos veces"; "both": "los dos", 两者, "cả hai"; "every other year": "cada dos años",
# "hai năm một lần"): an English number for the comparison.
ENGLISH_COUNT_WORDS = {"twice": 2, "both": 2, "pair": 2, "couple": 2, "dozen": 12, "every other": 2}

_ENGLISH_DIGITS = re.compile(r"\d[\d,]*")

# Texts kept read: more than the site has segments.
_TEXT_CACHE = 8192

# ---- The check ---------------------------------------------------------------------------------


def number_word_notices(source: str, translation: str, language: str) -> list[SegmentNotice]:
    """The number-word notices of one English segment and its translation into `language`."""
    if not translation or translation.isspace():
        return []
    found = _number_words(translation, language)
    if not found:
        return []
    written_in_words = english_number_values(source)
    in_digits = _english_digit_values(source)
    notices = []
    seen: set[tuple[str, int]] = set()
    for word, value in found:
        if value in written_in_words or (word, value) in seen:
            continue
        seen.add((word, value))
        if value in in_digits:
            advice = "write it in digits, as the English does"
        else:
            advice = f"the English has no {value}: check the number, and write it in digits"
        notices.append(SegmentNotice(CHECK, f"writes the number '{word}' ({value}) in words; {advice}"))
    return notices


def number_words(
    text: str, language: str, wanted: Callable[[int], bool] = lambda value: True
) -> Iterator[tuple[str, int]]:
    """The numbers `text` writes in words, as (the words as written, value), in order: those of a
    value `wanted` accepts and not 0 or 1."""
    return ((word, value) for word, value in _number_words(text, language) if wanted(value))


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _number_words(text: str, language: str) -> tuple[tuple[str, int], ...]:
    if _base(language) == "zh":
        found = _chinese_number_words(text)
    else:
        found = _spaced_number_words(text, language)
    return tuple((w, v) for w, v in found if v not in IGNORED_VALUES)


@functools.lru_cache(maxsize=_TEXT_CACHE)
def english_number_values(text: str) -> frozenset[int]:
    """Every value the English text writes in words: each phrase, and each word's own value."""
    lexicon = _lexicon("en")
    assert lexicon is not None  # num2words always knows English
    found = {value for _, value in _spaced_number_words(text, "en")}
    forms = text_forms(text, "en")
    found.update(lexicon.any_word[w] for w in forms & lexicon.any_word.keys())
    for phrase, value in _ENGLISH_COUNTS:
        if phrase[0] in forms and (len(phrase) == 1 or _has_phrase(words(text, "en"), phrase)):
            found.add(value)
    return frozenset(found)


_ENGLISH_COUNTS = tuple((tuple(key.split()), value) for key, value in ENGLISH_COUNT_WORDS.items())


def _has_phrase(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(tokens[i : i + len(phrase)] == phrase for i in range(len(tokens) - len(phrase) + 1))


def _english_digit_values(text: str) -> set[int]:
    return {int(m.group().replace(",", "")) for m in _ENGLISH_DIGITS.finditer(text)}


@functools.cache
def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


# ---- Languages written with spaces: num2words --------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[tuple[str, ...], int]  # a spelling of several words -> its value
    words: dict[str, int]  # a word that is a whole spelling on its own -> its value
    any_word: dict[str, int]  # every word of any spelling -> the smallest value it is part of
    longest: int  # the most words in a phrase
    vocabulary: frozenset[str]  # every word of any spelling (to find a word under its prefixes)
    starts: frozenset[str]  # every word a number word can begin with, as the lexicon has it
    # To pass over a text with no number word at a glance: the words that are a number word of a
    # value reported on their own, in every form a text may write them in (Arabic مائة for مئة,
    # and under each prefix), and the other words that begin a phrase (Vietnamese "một", in "một
    # trăm"), with the forms of the phrases' second words. A text none of whose `words` is a
    # trigger, nor a weak start with a second word, has no number word to report.
    triggers: frozenset[str]
    weak_starts: dict[str, frozenset[str]]


@functools.cache
def _lexicon(language: str) -> _Lexicon | None:
    """The number words of a language num2words knows (None for one it does not)."""
    code = _num2words_code(language)
    if code is None:
        return None
    phrases: dict[tuple[str, ...], int] = {}
    single: dict[str, int] = {}
    any_word: dict[str, int] = {}
    for kind in ("cardinal", "ordinal"):
        for value in SPELLED:
            try:
                spelled = num2words(value, lang=code, to=kind)
            except Exception:  # each converter fails its own way on what it cannot spell
                continue
            parts = _spelling_words(spelled, language)
            if not parts:
                continue
            for part in parts:
                any_word.setdefault(part, value)
            if len(parts) == 1:
                for form in (parts[0], *_variants(parts[0], value, language, ordinal=kind == "ordinal")):
                    single.setdefault(form, value)
            else:
                phrases.setdefault(tuple(parts), value)
    # A word that is also a unit of time is read as the unit (Vietnamese "năm": five, year).
    for forms in time_unit_words(language, (*TIME_UNITS, "second")).values():
        for form in forms:
            single.pop(form, None)
    for form in single:
        any_word.setdefault(form, single[form])
    starts = frozenset(single) | {p[0] for p in phrases}
    # A start that is no number word of a value reported on its own ("un", in "un millón"; "năm",
    # five but read as "year", in "năm mươi") is a number word only with a phrase's second word.
    weak = {w for w in starts if single.get(w, 0) in IGNORED_VALUES}
    seconds: dict[str, set[str]] = {}
    for phrase in phrases:
        if phrase[0] in weak:
            for form in _written_forms(phrase[0], language):
                seconds.setdefault(form, set()).update(_written_forms(phrase[1], language))
    return _Lexicon(
        phrases=phrases,
        words=single,
        any_word=any_word,
        longest=max((len(p) for p in phrases), default=1),
        vocabulary=frozenset(any_word),
        starts=starts,
        triggers=frozenset(f for w in starts - weak for f in _written_forms(w, language)),
        weak_starts={w: frozenset(forms) for w, forms in seconds.items()},
    )


def _written_forms(word: str, language: str) -> tuple[str, ...]:
    """The normalized words a text may write a lexicon's word as: in Arabic, مئة also as مائة, and
    each under every prefix."""
    if _base(language) != "ar":
        return (word,)
    spellings = (word, word.replace("مئ", "مائ")) if "مئ" in word else (word,)
    return tuple(prefix + w for prefix in ("", *ARABIC_PREFIXES) for w in spellings)


def _num2words_code(language: str) -> str | None:
    full = language.replace("-", "_")
    for code in (full, _base(language)):
        if code in CONVERTER_CLASSES:
            return code
    return None


def _spelling_words(spelled: str, language: str) -> list[str]:
    # num2words writes Arabic "and" as a word of its own ("واحد و عشرون"); Arabic text joins it to
    # the next word ("وعشرون"), where `_canonical` takes it off: the phrase is kept without it.
    return [
        _canonical(w, language)
        for w in words(spelled, language)
        if not (w == "و" and _base(language) == "ar")
    ]


# An Arabic stem left by a prefix must have this many letters to be read as a number word: a
# shorter one is more often another word (لست "you are not" is not ل + ست "six").
_ARABIC_MIN_NUMBER_STEM = 3


def _canonical(word: str, language: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """A normalized word as the lexicon has it: in Arabic, with one spelling of "hundred" (مائة
    and مئة are both correct) and, if it is a number word under a prefix, without the prefix."""
    if _base(language) != "ar":
        return word
    word = word.replace("مائ", "مئ")
    if word in vocabulary:
        return word
    stripped = (f for f in stems(word, language)[1:] if len(f) >= _ARABIC_MIN_NUMBER_STEM)
    return next((f for f in stripped if f in vocabulary), word)


def _variants(word: str, value: int, language: str, ordinal: bool) -> list[str]:
    """Forms num2words does not spell that agree with a noun (num2words gives one form only)."""
    base = _base(language)
    if base == "es":
        # Ordinals agree in gender and number (segunda, primeros), and primero and tercero lose
        # their -o before a noun (primer, tercer); the hundreds agree in gender (doscientas).
        if ordinal and word.endswith("o"):
            stem = word[:-1]
            return [stem + "a", stem + "os", stem + "as"] + ([stem] if word.endswith("ero") else [])
        if word.endswith("ientos"):
            return [word[:-2] + "as"]
    if base == "ar":
        # 3 to 10 take or lose ة with the counted noun's gender (ثلاثة, ثلاث), ordinals take it for a
        # feminine noun (الثالثة), and -ون / -ان become -ين after a preposition or as an object
        # (عشرين, اثنين).
        forms = []
        if word.endswith("ة") and 3 <= value <= 10:
            forms.append(word[:-1])
        elif ordinal and not word.endswith(("ة", "ا", "ون", "ان")):
            forms.append(word + "ة")
        if word.endswith(("ون", "ان")):
            forms.append(word[:-2] + "ين")
        return forms
    return []


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _spaced_number_words(text: str, language: str) -> tuple[tuple[str, int], ...]:
    """The number words of a text in a spaced language, in order, with 0 and 1."""
    lexicon = _lexicon(language)
    if lexicon is None:
        return ()
    normalized = words(text, language)
    if lexicon.triggers.isdisjoint(normalized):
        weak = lexicon.weak_starts.keys() & normalized
        if not weak or all(lexicon.weak_starts[w].isdisjoint(normalized) for w in weak):
            return ()
    # At each word the longest spelling wins: "treinta y dos" is 32, not 30 and 2.
    written = written_words(text)
    canonical = [normalize(w, language) for w in written]
    if _base(language) == "ar":
        canonical = [_canonical(w, language, lexicon.vocabulary) for w in canonical]
    found = []
    i = 0
    while i < len(canonical):
        if canonical[i] not in lexicon.starts:
            i += 1
            continue
        for length in range(min(lexicon.longest, len(canonical) - i), 1, -1):
            value = lexicon.phrases.get(tuple(canonical[i : i + length]))
            if value is not None:
                found.append((" ".join(written[i : i + length]), value))
                i += length
                break
        else:
            if canonical[i] in lexicon.words:
                found.append((written[i], lexicon.words[canonical[i]]))
            i += 1
    return tuple(found)


# ---- Chinese: cn2an and the classifiers --------------------------------------------------------

# The numeral characters and their values, as cn2an has them (cn2an.conf NUMBER_CN2AN and
# UNIT_CN2AN; a test keeps them equal): here so that a single character is read without importing
# cn2an.
CHINESE_NUMERALS = {
    **{"零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3},
    **{"四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8},
    **{"九": 9, "玖": 9},
}
CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000, "亿": 10**8}

# The classifiers and measure words after which a single numeral is a count: things and people
# (个 位 名 人 例 种 类 项 件 张 份 组 步 点 级 倍 页 次 遍), time (年 周 星期 天 小时 分钟 秒 岁; 个月
# is 个 + 月), and measures (毫米 厘米 公分 公斤 毫升 元). Not 月, 日 and 号: with a numeral they
# name a date (三月 March, 五日 the fifth).
CLASSIFIERS = (
    *("个", "位", "名", "人", "例", "种", "类", "项", "件", "张", "份", "组", "步", "点", "级", "倍"),
    *("页", "次", "遍", "年", "周", "星期", "天", "小时", "分钟", "秒", "岁"),
    *("毫米", "厘米", "公分", "公斤", "毫升", "元"),
)
# Words in which a numeral and a classifier are no number: 四周 "all around" (not "four weeks"),
# 二元 "binary" as in 非二元 "non-binary" (not "two yuan"). cn2an reads neither 万一 "in case" nor
# 千万 "by all means" as a number; they are here so that cn2an is not imported to say so.
NOT_NUMBER_WORDS = ("四周", "二元", "万一", "千万")

_NUMERAL_CHARACTERS = "".join((*CHINESE_NUMERALS, *CHINESE_UNITS))
_CHINESE_SCAN = re.compile(
    "(?P<word>{words})|(?P<prefix>第|[百千]分之)?(?P<run>[{numerals}]+)(?P<classifier>{classifiers})?".format(
        words="|".join(sorted(NOT_NUMBER_WORDS, key=len, reverse=True)),
        numerals=_NUMERAL_CHARACTERS,
        classifiers="|".join(sorted(CLASSIFIERS, key=len, reverse=True)),
    )
)
_CHINESE_RUN = re.compile(f"[{_NUMERAL_CHARACTERS}]")


@functools.lru_cache(maxsize=_TEXT_CACHE)
def _chinese_number_words(text: str) -> tuple[tuple[str, int], ...]:
    """The numbers of a Chinese text (see the module's docstring), in order, with 0 and 1."""
    if not _CHINESE_RUN.search(text):
        return ()
    found = []
    for match in _CHINESE_SCAN.finditer(text):
        run = match.group("run")
        if run is None:
            continue  # one of NOT_NUMBER_WORDS
        word = (match.group("prefix") or "") + run
        counted = match.group("prefix") is not None or match.group("classifier") is not None
        if len(run) == 1:
            if counted:
                found.append((word, CHINESE_NUMERALS.get(run, CHINESE_UNITS.get(run, 0))))
        elif _side_by_side(run):
            if counted:
                found.extend((word, CHINESE_NUMERALS[c]) for c in run)
        elif (value := _read_chinese(run)) is not None:
            found.append((word, value))
    return tuple(found)


def _side_by_side(run: str) -> bool:
    # 一两, 三四: two digits, neither a zero, and no unit.
    return len(run) == 2 and all(CHINESE_NUMERALS.get(c, 0) for c in run)


@functools.lru_cache(maxsize=1024)
def _read_chinese(run: str) -> int | None:
    """The whole number cn2an reads a run of numeral characters as (None if it reads none)."""
    import cn2an  # here: importing it takes a third of a second

    try:
        value = cn2an.cn2an(run, "smart")
    except (ValueError, KeyError):  # not a number: 百千, 一五一十 (KeyError: 亿亿亿三)
        return None
    return int(value) if value == int(value) else None
