"""Find the numbers in a line of prose and read them the way a reader of that locale would.

`10%`, `10 %`, `١٠٪`, `٪١٠` are all ten percent; `1,000` (en), `1.000` (es), `1 000` and `١٬٠٠٠` are
all one thousand; `2,5` in Spanish is two and a half. Values are compared as exact decimals, so
`10%` never matches `100%` (translate-toolkit's substring count does). The locale's symbols come
from Babel (CLDR), the same data that formats the numbers the site renders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from mammogram_callbacks.data.language_formats import SPACE_LIKE as _SPACE_LIKE
from mammogram_callbacks.data.language_formats import LanguageFormats, cldr_number_symbols

# A page's numbers are read as its language writes them: a CLDR locale code ("es_US"), or the
# language's formats (data.language_formats), which also cover languages CLDR does not know.
NumberLocale = str | LanguageFormats

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberToken:
    """One number as written on a page."""

    text: str  # as written, for messages
    value: Decimal  # exact value; phone numbers keep their digits in `key`
    kind: str  # "number", "percent" or "phone"
    column: int

    @property
    def key(self) -> tuple:
        """What two numbers must share to be the same number."""
        if self.kind == "phone":
            return ("phone", self.text_digits)
        return (self.kind, self.value)

    @property
    def text_digits(self) -> str:
        return "".join(str(unicodedata.decimal(ch)) for ch in self.text if ch.isdecimal())


# ---- Functions ---------------------------------------------------------------------------------


def find_numbers(text: str, locale: NumberLocale) -> list[NumberToken]:
    """Every number in `text` (prose already stripped of markup), read in `locale`."""
    return list(_numbers(text, locale))


_ANY_DIGIT = re.compile(r"[\d%٪]")


@lru_cache(maxsize=1 << 15)
def _numbers(text: str, locale: NumberLocale) -> tuple[NumberToken, ...]:
    # Remembered: the section, segment and page checks each read the same text's numbers.
    if not _ANY_DIGIT.search(text):
        return ()
    text = _BIDI_MARKS.sub("", text)
    tokens: list[NumberToken] = []
    for match in _TOKEN.finditer(text):
        if match["phone"]:
            tokens.append(NumberToken(match["phone"], Decimal(0), "phone", match.start()))
            continue
        percent = bool(match["pre"] or match["post"])
        value = parse_number(match["num"], locale)
        tokens.append(
            NumberToken(match.group(0).strip(), value, "percent" if percent else "number", match.start())
        )
    return tuple(tokens)


def parse_number(raw: str, locale: NumberLocale) -> Decimal:
    """The value of one written number (digits of any script, locale separators)."""
    decimal_symbols, group_symbols = _symbols(locale)
    digits = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in raw)
    parts = re.split(r"(\D)", digits)
    groups, separators = parts[0::2], [_SPACE_LIKE.get(s, s) for s in parts[1::2]]
    if not separators:
        return Decimal(digits).normalize()

    decimal_at = None  # index of the separator that starts the fraction, if any
    if len(set(separators)) > 1:
        decimal_at = len(separators) - 1  # 1.234,5 / 1,234.5: the last kind is the decimal mark
    elif len(separators) == 1:
        sep, after = separators[0], groups[1]
        if sep in _ALWAYS_GROUP:
            pass
        elif len(after) != 3:
            decimal_at = 0  # only a decimal mark can be followed by other than 3 digits ("2,5")
        elif sep in decimal_symbols and sep not in group_symbols:
            decimal_at = 0  # "1,000" on a Spanish page is one, as CLDR's "es" writes it
    integer = "".join(groups[: (decimal_at + 1) if decimal_at is not None else None])
    fraction = groups[-1] if decimal_at is not None else ""
    return Decimal(f"{integer}.{fraction}" if fraction else integer).normalize()


def native_digits(text: str, numbering_system: str) -> str:
    """Write Latin digits in a numbering system's own digits (Babel applies only its separators)."""
    digits = _DIGITS.get(numbering_system)
    if not digits:
        return text
    # Babel keeps the Latin percent sign even for Arabic-Indic digits; CLDR's is U+066A.
    return text.translate(str.maketrans("0123456789%", digits + "\u066a"))


def _symbols(locale: NumberLocale) -> tuple[frozenset[str], frozenset[str]]:
    """Decimal and group symbols a page in `locale` may use, in Latin and native digits."""
    if isinstance(locale, LanguageFormats):
        return locale.number_symbols()
    return cldr_number_symbols(locale)


# ---- Data --------------------------------------------------------------------------------------

# Digits of the native numbering systems we support (CLDR numberingSystems.xml).
_DIGITS = {
    "arab": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "arabext": "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
}

# Bidi controls Babel and editors put around numbers in right-to-left text.
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

_ALWAYS_GROUP = frozenset({" ", "'", "\u2019", "\u066c"})

_PERCENT = "%\u066a\uff05"
_TOKEN = re.compile(
    rf"""
    (?<![\w.,])(?P<phone>\d{{1,4}}(?:-\d{{1,4}}){{2,}})(?![\w])      # 1-800-227-2345, 2024-09-10
    |
    (?P<pre>[{_PERCENT}][ \u00a0\u202f]?)?                               # ٪١٠
    (?P<num>\d+(?:(?:[.,\u066b\u066c'\u2019]|[ \u00a0\u202f\u2009](?=\d{{3}}(?!\d)))\d+)*)
    (?P<post>[ \u00a0\u202f]?[{_PERCENT}])?                              # 10%, 10 %
    """,
    re.VERBOSE,
)
