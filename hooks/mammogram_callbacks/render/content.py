"""Turn data into page content, in the reader's language: statistics (Babel number and date
formats), their source notes, the glossary, the list of sources, the glossary tooltips, and what
pages say about the clinic (its name and phone in a branded build, a neutral phrase otherwise)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal

from mammogram_callbacks.data.clinic import CLINIC_MARKER, CLINIC_MARKERS, ClinicProfile
from mammogram_callbacks.data.language_formats import LanguageFormats
from mammogram_callbacks.data.project_data import ProjectData, Source, Statistic, TermEntry
from mammogram_callbacks.markdown.numbers import native_digits
from mammogram_callbacks.markdown.page import CITE_MARKER, STAT_MARKER
from mammogram_callbacks.render.note_placement import NOTE_MARK, place_notes


class UnknownStatistic(KeyError):
    """A page names a statistic that is not in the data."""


class UnknownSource(KeyError):
    """A page cites ([[cite:ID]]) a source that is not in the data."""


class UnknownClinicMarker(KeyError):
    """A page has a [[clinic:...]] marker with a name the build does not know."""


def format_number(value: Decimal | int, formats: LanguageFormats) -> str:
    """A number as a reader of the language writes it: separators from CLDR (or as the language
    declares them, data.language_formats), digits of its numbering system, every digit kept."""
    return native_digits(formats.number(value), formats.numbering_system)


def format_value(stat: Statistic, formats: LanguageFormats, ui: dict[str, str]) -> str:
    """The statistic's value as a reader of the language writes it (text, no markup)."""

    def number(value: Decimal) -> str:
        return format_number(value, formats)

    def percent(value: Decimal) -> str:
        return native_digits(formats.percent(value), formats.numbering_system)

    # The data layer guarantees each unit's value type (project_data.py); the isinstance checks
    # below only tell the type checker so.
    value = stat.value
    if stat.unit == "percent":
        if isinstance(value, tuple):
            return ui["range"].format(low=percent(value[0]), high=percent(value[1]))
        assert isinstance(value, Decimal)
        return percent(value)
    if stat.unit == "count":
        assert isinstance(value, Decimal)
        return number(value)
    if stat.unit == "natural_frequency":
        if isinstance(value, tuple):
            value_text = ui["range"].format(low=number(value[0]), high=number(value[1]))
        else:
            assert isinstance(value, Decimal)
            value_text = number(value)
        assert stat.denominator is not None
        return ui["natural_frequency"].format(value=value_text, denominator=number(Decimal(stat.denominator)))
    if stat.unit == "range":
        assert isinstance(value, tuple)
        return ui["range"].format(low=number(value[0]), high=number(value[1]))
    if stat.unit == "date":
        assert isinstance(value, datetime.date)
        return format_day(value, formats)
    if stat.unit == "phone":
        return str(value)
    raise ValueError(stat.unit)


def render_statistics(markdown: str, data: ProjectData, language: str) -> tuple[str, list[Source]]:
    """Replace every [[stat:ID]] with its value, and every [[cite:SOURCE]] with nothing, each with a
    footnote on its source at the end of the sentence (render.note_placement: never on a figure).

    Returns the new Markdown and the sources cited, in order of first use. Markers inside code are
    left alone, like any Markdown inside code.
    """
    ui = data.ui[language]
    cited: list[Source] = []

    def cite(source: Source) -> str:
        if source not in cited:
            cited.append(source)
        return NOTE_MARK.format(_note_id(source))

    def replace_stat(match: re.Match) -> str:
        stat_id = match["id"]
        if stat_id not in data.statistics:
            raise UnknownStatistic(stat_id)
        stat = data.statistics[stat_id]
        text = format_value(stat, data.formats_for(language), ui)
        if stat.unit == "phone":
            digits = re.sub(r"\D", "", text)
            # A national short code (988) is dialled as it is; a full number with its country code.
            href = f"tel:{digits}" if len(digits) <= 4 else f"tel:+{digits}"
            text = f'[<bdi dir="ltr">{text}</bdi>]({href})'
        return text + cite(stat.source)

    def replace_cite(match: re.Match) -> str:
        if match["id"] not in data.sources:
            raise UnknownSource(match["id"])
        return cite(data.sources[match["id"]])

    def render(chunk: str) -> str:
        return place_notes(CITE_MARKER.sub(replace_cite, STAT_MARKER.sub(replace_stat, chunk)))

    rendered = _outside_code(markdown, render)
    return rendered, cited


def render_clinic(markdown: str, ui: dict[str, str], clinic: ClinicProfile | None) -> str:
    """Replace every [[clinic:ID]]: the clinic's name (and phone) in a branded build, else the
    neutral phrase of the reader's language (`clinic_<ID>_neutral` in data/ui/<lang>.yml)."""

    def replace(match: re.Match) -> str:
        marker = match["id"]
        if marker not in CLINIC_MARKERS:
            raise UnknownClinicMarker(marker)
        if clinic is None:
            return ui[f"clinic_{marker}_neutral"]
        # <bdi>: a Latin name inside Arabic text (or the reverse) keeps its own direction.
        name = f"<bdi>{markdown_literal(clinic.name)}</bdi>"
        if marker == "call":
            # A checked phone has only digits, spaces and ( ) + - . , which mean nothing to Markdown here.
            text = clinic.phone if _PLAIN_PHONE.fullmatch(clinic.phone) else markdown_literal(clinic.phone)
            phone = f'[<bdi dir="ltr">{text}</bdi>]({clinic.phone_href})'
            return ui["clinic_call"].format(name=name, phone=phone)
        return name

    return _outside_code(markdown, lambda chunk: CLINIC_MARKER.sub(replace, chunk))


def markdown_literal(text: str) -> str:
    """Text that Markdown shows exactly as written: never markup, never a Markdown construct.

    Profile text (a clinic's name) goes into pages this way. Every ASCII punctuation character and
    digit becomes a numeric character reference, which Markdown leaves alone: `<script>` stays text,
    `*` no emphasis, `1st` no superscript, `(c)` no symbol. Letters and spaces stay readable.
    """
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SIGNIFICANT else c for c in " ".join(text.split()))


def markdown_text(text: str) -> str:
    """Data text (a source's title, a definition) as Markdown that shows it as written.

    `<`, `>` and `&` become character references: no raw HTML; the characters that start Markdown
    links, emphasis and code get a backslash. Unlike markdown_literal, letters, digits and the
    usual punctuation stay as they are, so the page is no bigger.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_INLINE.sub(r"\\\g<0>", text)


def source_notes(sources: list[Source], formats: LanguageFormats, ui: dict[str, str]) -> str:
    """Footnote definitions for the cited sources, under a heading that says what they are."""
    if not sources:
        return ""
    lines = [f"\n\n## {ui['numbers_heading']} {{#numbers-sources}}\n\n///Footnotes Go Here///\n"]
    for source in sources:
        lines.append(f"[^{_note_id(source)}]: {_cite(source, formats, ui)}")
    return "\n".join(lines) + "\n"


def sources_list(data: ProjectData, language: str) -> str:
    """The full list of sources, for the sources page."""
    ui = data.ui[language]
    items = sorted(data.sources.values(), key=lambda s: (s.organisation.casefold(), s.year))
    return "\n".join(f"- {_cite(s, data.formats_for(language), ui)}" for s in items) + "\n"


def glossary(entries: list[TermEntry]) -> str:
    """A definition list of the language's concepts, each with a stable anchor (the concept id)."""
    blocks = []
    for entry in sorted(entries, key=lambda e: e.preferred.casefold()):
        term = markdown_text(entry.preferred[0].upper() + entry.preferred[1:])
        blocks.append(f"{term} {{ #{entry.concept} }}\n:   {markdown_text(entry.definition)}\n")
    return "\n".join(blocks)


def tooltip_glossary(entries: list[TermEntry]) -> dict[str, str]:
    """Every approved form (as written, and capitalised) mapped to its plain definition."""
    glossary = {}
    for entry in entries:
        definition = " ".join(entry.definition.split())
        for form in entry.approved:
            glossary[form] = glossary[form[0].upper() + form[1:]] = definition
    return glossary


def format_day(day: datetime.date, formats: LanguageFormats) -> str:
    return native_digits(formats.date(day), formats.numbering_system)


def _cite(source: Source, formats: LanguageFormats, ui: dict[str, str]) -> str:
    checked = ui["source_checked"].format(date=format_day(source.checked, formats))
    # The link's text is its URL: marked so that print does not repeat the URL after it.
    link = f"[{source.url}]({source.url}){{ .pe-url }}"
    who, title = markdown_text(source.organisation), markdown_text(source.title)
    return f"{who}. *{title}*. {source.year}. {link} ({checked})"


def noted_source(note_id: str, sources: Mapping[str, Source]) -> Source | None:
    """The source a page's note stands for: `fn:src-bcsc_2017` (or `src-bcsc_2017`) -> its Source."""
    return sources.get(note_id.removeprefix("fn:").removeprefix(_NOTE_PREFIX))


def _note_id(source: Source) -> str:
    return f"{_NOTE_PREFIX}{source.id}"


_NOTE_PREFIX = "src-"  # a note's id is the source's id after it (Python-Markdown adds "fn:")


_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]!]")
_PLAIN_PHONE = re.compile(r"[0-9 ().+\-]+")
_MARKDOWN_SIGNIFICANT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789")
_FENCE_OR_CODE = re.compile(r"(^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\2[ \t]*$|`+[^`\n]*`+)", re.M | re.S)


def _outside_code(markdown: str, transform) -> str:
    parts, last = [], 0
    for match in _FENCE_OR_CODE.finditer(markdown):
        parts.append(transform(markdown[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(transform(markdown[last:]))
    return "".join(parts)
