"""Load and validate the project's data: statistics with their sources, the termbase, UI strings.

Every problem is collected (not just the first) and reported as file:line with what was expected.
Malformed data raises DataError: the site cannot be built from it. Gaps that a translator fills
(a concept or UI string missing for a language) are returned as findings instead.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml
from mammogram_callbacks.data.language_formats import LanguageFormats, read_language_formats

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    organisation: str
    title: str
    url: str
    year: int
    checked: datetime.date


# A statistic's value: a number, a range (low, high), a date or a phone number's text.
StatValue = Decimal | tuple[Decimal, Decimal] | datetime.date | str


@dataclass(frozen=True)
class Statistic:
    id: str
    value: StatValue
    unit: str
    source: Source
    about: str
    denominator: int | None = None


@dataclass(frozen=True)
class TermEntry:
    """One concept in one language."""

    concept: str
    language: str
    preferred: str
    variants: tuple[str, ...]
    forbidden: tuple[tuple[str, str], ...]  # (term, reason)
    definition: str
    line: int

    @property
    def approved(self) -> tuple[str, ...]:
        return (self.preferred, *self.variants)


@dataclass
class ProjectData:
    statistics: dict[str, Statistic]
    sources: dict[str, Source]
    terms: dict[str, dict[str, TermEntry]]  # concept -> language -> entry
    ui: dict[str, dict[str, str]]  # language -> key -> text
    gaps: list[Finding] = field(default_factory=list)  # completeness findings (not fatal)
    source_language: str = "en"
    # data/ui/<lang>.yml not_numbers: phrases in which a number word is no number ("hai bên").
    not_numbers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How each language writes numbers and dates, and where its theme words come from.
    formats: dict[str, LanguageFormats] = field(default_factory=dict)

    def formats_for(self, language: str) -> LanguageFormats:
        """A language's formats; for a language without data/ui strings, its CLDR locale's."""
        if language not in self.formats:
            self.formats[language] = LanguageFormats(language, language.replace("-", "_"))
        return self.formats[language]

    def ui_for(self, language: str) -> dict[str, str]:
        """A language's interface strings; the source language's for a language that has none."""
        return self.ui.get(language) or self.ui[self.source_language]

    def entries(self, language: str) -> list[TermEntry]:
        """The termbase's entries for one language."""
        return [by_language[language] for by_language in self.terms.values() if language in by_language]


# ---- Functions ---------------------------------------------------------------------------------


def load_project_data(data_dir: Path, languages: list[str], display_root: Path) -> ProjectData:
    """Load every data file; raise DataError listing all malformed entries.

    Languages: the first is the source language; `termbase/<lang>.yml` and `ui/<lang>.yml` hold one
    language each, so each language team edits only its own files.
    """
    problems: list[Finding] = []

    def rel(path: Path) -> str:
        return display_path(path, display_root)

    stats_path = data_dir / "statistics.yml"
    sources, statistics = _load_statistics(stats_path, rel(stats_path), problems)
    terms, gaps = _load_termbase(data_dir / "termbase", languages, rel, problems)
    ui, ui_gaps, not_numbers, formats = _load_ui(data_dir / "ui", languages, rel, problems)
    if problems:
        raise DataError(problems)
    return ProjectData(statistics, sources, terms, ui, gaps + ui_gaps, languages[0], not_numbers, formats)


def _load_statistics(path: Path, name: str, problems: list[Finding]):
    document = _mapping(
        load_yaml(path, name), name, 1, "a mapping with 'sources:' and 'statistics:'", problems
    )
    sources: dict[str, Source] = {}
    raw_sources = _mapping(
        document.get("sources"), name, document.line_of("sources"), "a mapping of source ids", problems
    )
    for source_id, entry in raw_sources.items():
        line = raw_sources.line_of(source_id)
        entry = _mapping(entry, name, line, "organisation, title, url, year, checked", problems)
        where = f"source '{source_id}'"
        fields = {
            "organisation": _text(entry, "organisation", name, where, problems),
            "title": _text(entry, "title", name, where, problems),
            "url": _text(entry, "url", name, where, problems, pattern=_URL, form="an http(s) URL"),
            "year": _number(entry, "year", name, where, problems, integer=True),
            "checked": _date(entry, "checked", name, where, problems),
        }
        if None not in fields.values():
            sources[source_id] = Source(source_id, **fields)

    statistics: dict[str, Statistic] = {}
    raw_stats = _mapping(
        document.get("statistics"),
        name,
        document.line_of("statistics"),
        "a mapping of statistic ids",
        problems,
    )
    for stat_id, entry in raw_stats.items():
        line = raw_stats.line_of(stat_id)
        where = f"statistic '{stat_id}'"
        if not _ID.fullmatch(str(stat_id)):
            problems.append(Finding(name, line, "data", f"{where}: ids are lower_case_with_underscores"))
        entry = _mapping(entry, name, line, "value, unit, about, source", problems)
        unit = entry.get("unit")
        if unit not in _UNITS:
            problems.append(
                Finding(
                    name,
                    entry.line_of("unit"),
                    "data",
                    f"{where}: unit is {unit!r}; expected one of {', '.join(_UNITS)}",
                )
            )
            continue
        value = _stat_value(entry, unit, name, where, problems)
        denominator = None
        if unit == "natural_frequency":
            denominator = _number(entry, "denominator", name, where, problems, integer=True)
        elif "denominator" in entry:
            problems.append(
                Finding(
                    name,
                    entry.line_of("denominator"),
                    "data",
                    f"{where}: only a natural_frequency has a denominator",
                )
            )
        about = _text(entry, "about", name, where, problems)
        source_id = entry.get("source")
        source = sources.get(str(source_id))
        if source is None and source_id not in raw_sources:
            problems.append(
                Finding(
                    name,
                    entry.line_of("source"),
                    "data",
                    f"{where}: source {source_id!r} is not one of the sources above",
                )
            )
        if value is not None and about and source:
            statistics[stat_id] = Statistic(stat_id, value, unit, source, about, denominator)
    for total, parts in _SUM_RULES:
        if total in statistics and all(part in statistics for part in parts):
            values = [statistics[part].value for part in parts]
            numbers = [value for value in values if isinstance(value, Decimal)]
            if len(numbers) < len(values) or not isinstance(statistics[total].value, Decimal):
                problems.append(
                    Finding(
                        name,
                        raw_stats[total].line_of("value"),
                        "data",
                        f"statistic '{total}' and {', '.join(parts)} are drawn in the picture of "
                        f"1,000 women: each must be one number, not a range",
                    )
                )
            elif sum(numbers) != statistics[total].value:
                problems.append(
                    Finding(
                        name,
                        raw_stats[total].line_of("value"),
                        "data",
                        f"statistic '{total}' is {statistics[total].value}, but {' + '.join(parts)} "
                        f"is {' + '.join(str(v) for v in values)} = {sum(numbers)}: the picture of "
                        f"1,000 women draws them as one group, so they must add up",
                    )
                )
    return sources, statistics


# Figures that describe the same women and must add up (the icon array draws them together).
_SUM_RULES = [
    ("callbacks_per_1000_screens", ("cancers_per_1000_screens", "callbacks_not_cancer_per_1000_screens"))
]


def _stat_value(entry: LineMap, unit: str, name: str, where: str, problems: list[Finding]):
    value, line = entry.get("value"), entry.line_of("value")

    def bad(form: str):
        problems.append(Finding(name, line, "data", f"{where}: value {value!r} is not {form}"))

    if unit in ("percent", "count", "natural_frequency"):
        if isinstance(value, list) and unit in ("percent", "natural_frequency") and len(value) == 2:
            return _range(value, bad)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return bad("a number")
        return Decimal(str(value))
    if unit == "range":
        return _range(value, bad)
    if unit == "date":
        return value if isinstance(value, datetime.date) else bad("a date (YYYY-MM-DD)")
    if unit == "phone":
        return (
            value
            if isinstance(value, str) and _PHONE.fullmatch(value)
            else bad("a phone number like 1-800-227-2345, or a short code like 988")
        )
    return None


def _range(value, bad):
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    ):
        return (Decimal(str(value[0])), Decimal(str(value[1])))
    return bad("a range [low, high]")


def _load_termbase(folder: Path, languages: list[str], rel, problems: list[Finding]):
    """Concepts are those of the source language's file; every other file has the same ids."""
    terms: dict[str, dict[str, TermEntry]] = {}
    gaps: list[Finding] = []
    owner: dict[tuple[str, str], str] = {}  # (language, form) -> concept, to catch a form used twice
    source_language = languages[0]
    for language in languages:
        path, name = folder / f"{language}.yml", rel(folder / f"{language}.yml")
        if not path.exists() and language != source_language:
            gaps.append(
                Finding(
                    name,
                    1,
                    "terminology",
                    f"no termbase for '{language}': copy {rel(folder / f'{source_language}.yml')} "
                    f"and translate every entry",
                )
            )
            continue
        concepts = _mapping(load_yaml(path, name), name, 1, "a mapping of concept ids", problems)
        if language != source_language:
            for concept in terms:
                if concept not in concepts:
                    english = terms[concept][source_language]
                    gaps.append(
                        Finding(
                            name,
                            1,
                            "terminology",
                            f"concept '{concept}' is missing for '{language}' (in English: "
                            f"'{english.preferred}', {english.definition!r})",
                        )
                    )
        for concept, entry in concepts.items():
            entry_line = concepts.line_of(concept)
            where = f"concept '{concept}'"
            if language != source_language and concept not in terms:
                problems.append(
                    Finding(
                        name,
                        entry_line,
                        "data",
                        f"{where} is not in {rel(folder / f'{source_language}.yml')}: ids must "
                        f"match the source language's termbase",
                    )
                )
                continue
            entry = _mapping(entry, name, entry_line, "preferred, variants, forbidden, definition", problems)
            preferred = _text(entry, "preferred", name, where, problems)
            definition = _text(entry, "definition", name, where, problems)
            variants = _text_list(entry.get("variants", []), name, entry.line_of("variants"), where, problems)
            forbidden, forbidden_lines = [], []
            raw_forbidden = entry.get("forbidden", [])
            if not isinstance(raw_forbidden, list):
                problems.append(
                    Finding(
                        name,
                        entry.line_of("forbidden"),
                        "data",
                        f"{where}: forbidden is a list of {{term, reason}}",
                    )
                )
                raw_forbidden = []
            for item in raw_forbidden:
                item_line = getattr(item, "line", entry.line_of("forbidden"))
                if not isinstance(item, LineMap) or not item.get("term") or not item.get("reason"):
                    problems.append(
                        Finding(
                            name, item_line, "data", f"{where}: each forbidden term needs 'term' and 'reason'"
                        )
                    )
                    continue
                forbidden.append((str(item["term"]), str(item["reason"])))
                forbidden_lines.append(item.line_of("term"))
            if not (preferred and definition):
                continue
            approved = {preferred.casefold(), *(v.casefold() for v in variants)}
            for (term, _reason), term_line in zip(forbidden, forbidden_lines, strict=True):
                if term.casefold() in approved:
                    problems.append(
                        Finding(name, term_line, "data", f"{where}: '{term}' is both approved and forbidden")
                    )
            for form in approved:
                other = owner.setdefault((language, form), concept)
                if other != concept:
                    problems.append(
                        Finding(
                            name,
                            entry_line,
                            "data",
                            f"{where}: '{form}' is also a term of concept '{other}'; "
                            f"a form may belong to one concept only",
                        )
                    )
            if language != source_language and concept in terms and not entry.get("same_as_english"):
                english = terms[concept][source_language]
                for field_name, ours, theirs in (
                    ("preferred", preferred, english.preferred),
                    ("definition", definition, english.definition),
                ):
                    if ours.strip() == theirs.strip():
                        gaps.append(
                            Finding(
                                name,
                                entry.line_of(field_name),
                                "terminology",
                                f"{where}: {field_name} '{_clip(ours)}' is the English one: translate "
                                f"it, or, if your language writes it the same (a code such as BI-RADS, a "
                                f"word borrowed as it is), say so with same_as_english: <why> in the entry",
                                blocking=False,
                            )
                        )
            terms.setdefault(concept, {})[language] = TermEntry(
                concept, language, preferred, tuple(variants), tuple(forbidden), definition, entry_line
            )
    return terms, gaps


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _load_ui(folder: Path, languages: list[str], rel, problems: list[Finding]):
    ui: dict[str, dict[str, str]] = {}
    not_numbers: dict[str, tuple[str, ...]] = {}
    formats: dict[str, LanguageFormats] = {}
    gaps: list[Finding] = []
    source_name = rel(folder / f"{languages[0]}.yml")
    reference = _mapping(
        load_yaml(folder / f"{languages[0]}.yml", source_name),
        source_name,
        1,
        "a mapping of string keys",
        problems,
    )
    for language in languages:
        path, name = folder / f"{language}.yml", rel(folder / f"{language}.yml")
        if not path.exists():
            gaps.append(
                Finding(
                    name,
                    1,
                    "ui-strings",
                    f"no UI strings for '{language}': copy {source_name} and translate it",
                )
            )
            continue
        strings = (
            reference
            if language == languages[0]
            else _mapping(load_yaml(path, name), name, 1, "a mapping of string keys", problems)
        )
        # How the language writes numbers and dates (its `writing:` block, taken out here).
        formats[language] = read_language_formats(language, strings, name, problems)
        if formats[language].declared and f"name_{languages[0]}" not in strings:
            # CLDR names languages in every language it knows; for this one, the file must.
            problems.append(
                Finding(
                    name,
                    1,
                    "data",
                    f"CLDR has no '{language}', so it cannot name the source language in it: add "
                    f"name_{languages[0]}: with the name as a sentence says it (see data/ui/vi.yml)",
                )
            )
        for key, text in reference.items():
            if key not in strings:
                gaps.append(Finding(name, 1, "ui-strings", f"no string '{key}' (in {source_name}: {text!r})"))
                continue
            wanted, got = set(_PLACEHOLDER.findall(str(text))), set(_PLACEHOLDER.findall(str(strings[key])))
            if wanted != got:
                problems.append(
                    Finding(
                        name,
                        strings.line_of(key),
                        "data",
                        f"string '{key}' has placeholders {sorted(got)}; expected {sorted(wanted)}",
                    )
                )
        for key, text in strings.items():
            # The theme prints some strings (the site's name) without escaping them: refuse markup
            # here, where the translator can see it, rather than trust every template.
            if markup := _MARKUP.search(str(text)):
                problems.append(
                    Finding(
                        name,
                        strings.line_of(key),
                        "data",
                        f"string '{key}' holds {markup[0]!r}: the site's own words are plain text, "
                        f"never markup (write < and > as words, or leave them out)",
                    )
                )
        if language != languages[0]:
            for key, text in strings.items():
                if key in _LANGUAGE_NEUTRAL_KEYS or key not in reference:
                    continue
                words = _PLACEHOLDER.sub("", str(text))  # "{low}–{high}" has no words to translate
                if str(text).strip() == str(reference[key]).strip() and re.search(r"[^\W\d_]", words):
                    gaps.append(
                        Finding(
                            name,
                            strings.line_of(key),
                            "ui-strings",
                            f"string '{key}' is the same as in {source_name} ({_clip(str(text))!r}): "
                            f"translate it",
                            blocking=False,
                        )
                    )
        not_numbers[language] = _phrases(strings.pop("not_numbers", None), name, strings, problems)
        ui[language] = {k: str(v) for k, v in strings.items()}
    return ui, gaps, not_numbers, formats


# Values that are codes, the same in every language.
_LANGUAGE_NEUTRAL_KEYS = frozenset({"numbering_system", "number_locale"})


def _phrases(value, name: str, strings, problems: list[Finding]) -> tuple[str, ...]:
    """`not_numbers:`: phrases in which a number word is no number ("hai bên", both sides)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(
            Finding(name, strings.line_of("not_numbers"), "data", "not_numbers is a list of phrases")
        )
        return ()
    return tuple(v.strip() for v in value)


_MARKUP = re.compile(r"[<>]")


# ---- Helper functions --------------------------------------------------------------------------


def _mapping(value, name: str, line: int, form: str, problems: list[Finding]) -> LineMap:
    if isinstance(value, LineMap):
        value.line = line  # a missing key is reported at the line that names this mapping
        return value
    problems.append(Finding(name, line, "data", f"expected {form}, found {type(value).__name__}"))
    empty = LineMap()
    empty.line, empty.key_lines = line, {}
    return empty


def _text(
    entry: LineMap,
    key: str,
    name: str,
    where: str,
    problems: list[Finding],
    pattern: re.Pattern | None = None,
    form: str = "text",
) -> str | None:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip() or (pattern and not pattern.fullmatch(value)):
        problems.append(
            Finding(name, entry.line_of(key), "data", f"{where}: '{key}' is {value!r}; expected {form}")
        )
        return None
    return value.strip()


def _text_list(value, name: str, line: int, where: str, problems: list[Finding]) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return [v.strip() for v in value]
    problems.append(Finding(name, line, "data", f"{where}: expected a list of terms"))
    return []


def _number(entry: LineMap, key: str, name: str, where: str, problems: list[Finding], integer=False):
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        problems.append(
            Finding(
                name,
                entry.line_of(key),
                "data",
                f"{where}: '{key}' is {value!r}; expected {'a whole number' if integer else 'a number'}",
            )
        )
        return None
    return value


def _date(entry: LineMap, key: str, name: str, where: str, problems: list[Finding]):
    value = entry.get(key)
    if not isinstance(value, datetime.date):
        problems.append(
            Finding(
                name,
                entry.line_of(key),
                "data",
                f"{where}: '{key}' is {value!r}; expected a date (YYYY-MM-DD)",
            )
        )
        return None
    return value


# ---- Data --------------------------------------------------------------------------------------

_UNITS = ("percent", "count", "natural_frequency", "range", "date", "phone")
_ID = re.compile(r"[a-z0-9_]+")
_URL = re.compile(r"https?://\S+")
# A full number (1-800-227-2345) or a national short code dialled as it is (988, 911).
_PHONE = re.compile(r"\d{1,4}(?:-\d{1,4}){2,}|\d{3}")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
