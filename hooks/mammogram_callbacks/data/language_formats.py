"""How each language writes numbers and dates, which way it runs, and where the theme's own words
(Material's search box, "Skip to content") come from.

Most languages take the first three from CLDR, through Babel: the language's own locale, or the one
`number_locale` names in data/ui/<lang>.yml (es_US: "1,000" and "16.3%" for US readers). A language
CLDR does not know (White Hmong, `hmn`) declares them in a `writing:` block of the same file:

    writing:
      cldr: none
      english_name: White Hmong
      direction: ltr
      numbers: {decimal: ".", group: ",", percent: "{number}%"}
      dates: {format: "{day} {month} {year}", months: [...twelve names...]}
      theme_words: site

`theme_words` is `material` where Material ships the language's interface words, `site` where the
site supplies them in overrides/partials/languages/<lang>.html (checks/theme_words.py compares that
file with Material's English). A language that CLDR does not know and that declares nothing is an
error naming the file and what to add, never a page with English dates or separators.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.yaml_lines import LineMap

THEME_WORDS = ("material", "site")
HOW_TO_DECLARE = "TRANSLATING.md, 'A language CLDR does not know'"


@dataclass(frozen=True)
class LanguageFormats:
    """One language's numbers, dates, direction and theme words (see the module's docstring)."""

    language: str
    cldr_locale: str | None  # None: everything below is declared in data/ui/<lang>.yml
    numbering_system: str = "latn"
    direction: str = "ltr"
    decimal: str = "."
    group: str = ","
    percent_pattern: str = "{number}%"
    date_pattern: str = "{day} {month} {year}"
    months: tuple[str, ...] = ()
    theme_words: str = "material"
    english_name: str = ""

    @property
    def declared(self) -> bool:
        return self.cldr_locale is None

    def number(self, value: Decimal | int) -> str:
        """Every digit kept, grouped by thousands, in Latin digits (the caller converts them)."""
        if self.cldr_locale:
            return format_decimal(
                Decimal(value),
                locale=self.cldr_locale,
                decimal_quantization=False,
                numbering_system=self.numbering_system,
            )
        text = f"{Decimal(value):,f}"
        return text.translate({ord(","): self.group, ord("."): self.decimal})

    def percent(self, value: Decimal) -> str:
        """`value` is in percent (16.3 for 16.3%)."""
        if self.cldr_locale:
            return format_percent(
                value / 100,
                locale=self.cldr_locale,
                decimal_quantization=False,
                numbering_system=self.numbering_system,
            )
        return self.percent_pattern.format(number=self.number(value))

    def date(self, day: datetime.date) -> str:
        if self.cldr_locale:
            return format_date(day, format="long", locale=self.cldr_locale)
        return self.date_pattern.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def number_symbols(self) -> tuple[frozenset[str], frozenset[str]]:
        """The decimal and group symbols a reader of this language may meet in a page."""
        if self.cldr_locale:
            return cldr_number_symbols(self.cldr_locale)
        return frozenset({self.decimal}), frozenset({SPACE_LIKE.get(self.group, self.group)} - {self.decimal})

    def describe(self) -> str:
        """What the build says it used, for its log."""
        if self.cldr_locale:
            where = f"numbers and dates from CLDR's '{self.cldr_locale}'"
        else:
            where = (
                f"numbers and dates as declared in data/ui/{self.language}.yml "
                f"(CLDR has no '{self.language}')"
            )
        words = (
            "interface words from Material"
            if self.theme_words == "material"
            else f"interface words from overrides/partials/languages/{self.language}.html (Material has none)"
        )
        return f"{where}; {words}"


def known_to_cldr(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


@cache
def cldr_number_symbols(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    """Decimal and group symbols a page in a CLDR `locale` may use, in Latin and native digits."""
    parsed = Locale.parse(locale.replace("-", "_"))
    systems = {"latn", parsed.default_numbering_system, *_NATIVE_SYSTEMS.get(parsed.language, ())}
    decimals = {get_decimal_symbol(parsed, numbering_system=s) for s in systems}
    groups = {get_group_symbol(parsed, numbering_system=s) for s in systems}
    groups = {SPACE_LIKE.get(g, g) for g in groups}
    return frozenset(decimals), frozenset(groups - decimals)


def read_language_formats(
    language: str, strings: LineMap, name: str, problems: list[Finding]
) -> LanguageFormats:
    """The language's formats from its data/ui strings (the `writing:` block is taken out of them)."""
    numbering = str(strings.get("numbering_system", "latn"))
    writing = strings.pop("writing", None)
    if writing is None:
        locale = str(strings.get("number_locale") or language).replace("-", "_")
        if "number_locale" in strings and not known_to_cldr(locale):
            problems.append(
                Finding(
                    name,
                    strings.line_of("number_locale"),
                    "data",
                    f"number_locale {strings['number_locale']!r} is not a CLDR locale "
                    f"(expected a code such as es_US)",
                )
            )
            return LanguageFormats(language, None, numbering, months=_PLACEHOLDER_MONTHS)
        if not known_to_cldr(locale):
            problems.append(
                Finding(
                    name,
                    1,
                    "data",
                    f"CLDR (Babel) has no locale '{language}', so the build cannot know how its numbers "
                    f"and dates are written: add a 'writing:' block with cldr: none, english_name, "
                    f"direction, numbers (decimal, group, percent) and dates (format, months), and "
                    f"theme_words ({HOW_TO_DECLARE})",
                )
            )
            return LanguageFormats(language, None, numbering, months=_PLACEHOLDER_MONTHS)
        return _from_cldr(language, locale, numbering, "material")
    if not isinstance(writing, LineMap):
        problems.append(Finding(name, strings.line_of("writing"), "data", "writing: expected a mapping"))
        return LanguageFormats(language, None, numbering, months=_PLACEHOLDER_MONTHS)
    line = strings.line_of("writing")
    unknown = sorted(set(writing) - _WRITING_KEYS)
    if unknown:
        problems.append(
            Finding(
                name,
                writing.line_of(unknown[0]),
                "data",
                f"writing: unknown key '{unknown[0]}' (expected {', '.join(sorted(_WRITING_KEYS))})",
            )
        )
    theme_words = str(writing.get("theme_words", "material"))
    if theme_words not in THEME_WORDS:
        problems.append(
            Finding(
                name,
                writing.line_of("theme_words"),
                "data",
                f"writing: theme_words is 'material' (Material ships the language) or 'site' "
                f"(overrides/partials/languages/{language}.html); found {theme_words!r}",
            )
        )
        theme_words = "material"
    cldr = str(writing.get("cldr", language))
    if cldr != "none":
        if not known_to_cldr(cldr):
            problems.append(
                Finding(
                    name,
                    writing.line_of("cldr") if "cldr" in writing else line,
                    "data",
                    f"writing: CLDR (Babel) has no locale {cldr!r}: name one it has (such as es_US), "
                    f"or write cldr: none and declare numbers and dates ({HOW_TO_DECLARE})",
                )
            )
            return LanguageFormats(
                language, None, numbering, months=_PLACEHOLDER_MONTHS, theme_words=theme_words
            )
        return _from_cldr(language, cldr.replace("-", "_"), numbering, theme_words)
    return _declared(language, writing, numbering, theme_words, name, line, problems)


def _from_cldr(language: str, locale: str, numbering: str, theme_words: str) -> LanguageFormats:
    parsed = Locale.parse(locale)
    return LanguageFormats(
        language,
        locale,
        numbering,
        direction="rtl" if parsed.character_order == "right-to-left" else "ltr",
        theme_words=theme_words,
        # The language's own name, not its number locale's ("Spanish", not "Spanish (United States)").
        english_name=_name_in_english(language) if known_to_cldr(language) else language,
    )


def _name_in_english(code: str) -> str:
    return Locale.parse(code.replace("-", "_")).get_display_name("en") or code


def _declared(
    language: str,
    writing: LineMap,
    numbering: str,
    theme_words: str,
    name: str,
    line: int,
    problems: list[Finding],
) -> LanguageFormats:
    """A language CLDR does not know: every field is required, and each gap says what to write."""
    start = len(problems)

    def need(mapping: LineMap, key: str, what: str, where: str) -> str:
        value = mapping.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Finding(
                    name,
                    mapping.line_of(key) if key in mapping else (mapping.line or line),
                    "data",
                    f"writing: {where}{key}: expected {what} (CLDR has no '{language}', so the site "
                    f"cannot know it; {HOW_TO_DECLARE})",
                )
            )
            return ""
        return value

    def section(key: str) -> LineMap:
        value = writing.get(key)
        if isinstance(value, LineMap):
            value.line = writing.line_of(key)
            return value
        empty = LineMap()
        # line 0: the section is missing or no mapping, so its fields are not asked for one by one.
        empty.line, empty.key_lines = 0, {}
        if key not in writing or not isinstance(value, LineMap):
            problems.append(
                Finding(
                    name,
                    writing.line_of(key) if key in writing else line,
                    "data",
                    f"writing: {key}: expected a mapping ("
                    + ("decimal, group, percent" if key == "numbers" else "format, months")
                    + f"): CLDR has no '{language}', so the site cannot know how it writes {key} "
                    f"({HOW_TO_DECLARE})",
                )
            )
        return empty

    english_name = need(writing, "english_name", "the language's name in English (for messages)", "")
    direction = need(writing, "direction", "ltr or rtl", "")
    if direction and direction not in ("ltr", "rtl"):
        problems.append(
            Finding(name, writing.line_of("direction"), "data", "writing: direction: expected ltr or rtl")
        )
    numbers, dates = section("numbers"), section("dates")
    decimal = need(numbers, "decimal", "the decimal mark, such as '.'", "numbers: ") if numbers.line else ""
    group = (
        need(numbers, "group", "the thousands separator, such as ','", "numbers: ") if numbers.line else ""
    )
    percent = (
        need(numbers, "percent", "a pattern with {number}, such as '{number}%'", "numbers: ")
        if numbers.line
        else ""
    )
    if percent and "{number}" not in percent:
        problems.append(
            Finding(
                name, numbers.line_of("percent"), "data", "writing: numbers: percent: expected {number} in it"
            )
        )
    if decimal and decimal == group:
        problems.append(
            Finding(name, numbers.line_of("group"), "data", "writing: numbers: group and decimal must differ")
        )
    pattern = (
        need(dates, "format", "a pattern with {day}, {month} and {year}", "dates: ") if dates.line else ""
    )
    if pattern and not all(f"{{{part}}}" in pattern for part in ("day", "month", "year")):
        problems.append(
            Finding(
                name,
                dates.line_of("format"),
                "data",
                "writing: dates: format: expected {day}, {month} and {year}",
            )
        )
    months = dates.get("months") if dates.line else None
    if dates.line and (
        not isinstance(months, list)
        or len(months) != 12
        or not all(isinstance(m, str) and m.strip() for m in months)
    ):
        problems.append(
            Finding(
                name,
                dates.line_of("months") if "months" in dates else dates.line,
                "data",
                "writing: dates: months: expected the twelve month names, January first",
            )
        )
        months = None
    if len(problems) > start:
        return LanguageFormats(language, None, numbering, months=_PLACEHOLDER_MONTHS, theme_words=theme_words)
    assert isinstance(months, list)
    return LanguageFormats(
        language,
        None,
        numbering,
        direction=direction,
        decimal=decimal,
        group=group,
        percent_pattern=percent,
        date_pattern=pattern,
        months=tuple(str(m).strip() for m in months),
        theme_words=theme_words,
        english_name=english_name,
    )


# ---- Data --------------------------------------------------------------------------------------

_WRITING_KEYS = frozenset({"cldr", "english_name", "direction", "numbers", "dates", "theme_words"})

# Months for a language whose declaration is broken: the build stops on the finding before any page
# is written, so these only keep the other checks running.
_PLACEHOLDER_MONTHS = tuple(f"?{n}" for n in range(1, 13))

# Numbering systems a language may write besides Latin digits (CLDR "native" systems we support).
_NATIVE_SYSTEMS = {"ar": ("arab",), "fa": ("arabext",), "ur": ("arabext",)}

# Every kind of space used as a thousands separator reads as one.
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\u2009": " "}
