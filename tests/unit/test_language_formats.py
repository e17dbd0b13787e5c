"""Numbers and dates in a language CLDR knows, and in one that declares them (data.language_formats)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import yaml
from mammogram_callbacks.core.yaml_lines import load_yaml
from mammogram_callbacks.data.language_formats import LanguageFormats, read_language_formats
from mammogram_callbacks.markdown.numbers import find_numbers

DECLARED = {
    "writing": {
        "cldr": "none",
        "english_name": "Test",
        "direction": "rtl",
        "numbers": {"decimal": ",", "group": ".", "percent": "{number} pct"},
        "dates": {"format": "{day}/{month}/{year}", "months": [f"m{n}" for n in range(1, 13)]},
        "theme_words": "site",
    }
}


def formats_from(tmp_path, strings: dict) -> tuple[LanguageFormats, list]:
    path = tmp_path / "qaa.yml"
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    problems: list = []
    return read_language_formats(
        "qaa", load_yaml(path, "data/ui/qaa.yml"), "data/ui/qaa.yml", problems
    ), problems


def test_a_declared_language_writes_and_reads_numbers_and_dates_as_declared(tmp_path):
    formats, problems = formats_from(tmp_path, DECLARED)
    assert problems == []
    assert formats.declared and formats.direction == "rtl" and formats.theme_words == "site"
    assert formats.number(Decimal("12345.5")) == "12.345,5"
    assert formats.percent(Decimal("16.3")) == "16,3 pct"
    assert formats.date(datetime.date(2026, 12, 1)) == "1/m12/2026"
    # The translation checks read "1.000" on such a page as one thousand, and "2,5" as two and a half.
    assert [t.value for t in find_numbers("1.000 y 2,5", formats)] == [Decimal(1000), Decimal("2.5")]


def test_a_language_cldr_knows_takes_its_formats_from_cldr(tmp_path):
    formats, problems = formats_from(tmp_path, {"numbering_system": "latn", "number_locale": "es_US"})
    assert problems == []
    assert formats.cldr_locale == "es_US" and formats.english_name == "qaa"
    assert formats.number(Decimal(1000)) == "1,000"
    somali, _ = formats_from(tmp_path, {"writing": {"cldr": "so", "theme_words": "site"}})
    assert somali.date(datetime.date(2026, 12, 1)) == "Diseembar 1, 2026"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda w: w.pop("numbers"), "writing: numbers: expected a mapping (decimal, group, percent)"),
        (lambda w: w["numbers"].pop("group"), "writing: numbers: group: expected the thousands separator"),
        (lambda w: w["numbers"].update(percent="%"), "writing: numbers: percent: expected {number} in it"),
        (
            lambda w: w["dates"].update(months=["a"]),
            "writing: dates: months: expected the twelve month names",
        ),
        (lambda w: w["dates"].update(format="{day} {year}"), "expected {day}, {month} and {year}"),
        (lambda w: w.update(theme_words="theirs"), "theme_words is 'material' (Material ships the language)"),
        (lambda w: w.update(cldr="xx-nowhere"), "writing: CLDR (Babel) has no locale 'xx-nowhere'"),
        (lambda w: w.update(colour="red"), "writing: unknown key 'colour'"),
    ],
)
def test_each_gap_in_a_declaration_is_named(tmp_path, change, expected):
    strings = yaml.safe_load(yaml.safe_dump(DECLARED))
    change(strings["writing"])
    _, problems = formats_from(tmp_path, strings)
    assert any(expected in p.message for p in problems), [p.message for p in problems]
    assert all(p.path == "data/ui/qaa.yml" and p.line >= 1 for p in problems)


def test_a_language_lunr_lacks_is_searched_with_its_english_tokenizer_and_no_english_stop_words(tmp_path):
    from mammogram_callbacks.publish.site_files import search_language

    scripts = tmp_path / "assets" / "javascripts" / "lunr" / "min"
    scripts.mkdir(parents=True)
    (scripts / "lunr.vi.min.js").write_text("", encoding="utf-8")
    assert search_language(tmp_path, "vi") == {"lang": ["vi"]}
    assert search_language(tmp_path, "en") == {"lang": ["en"]}
    assert search_language(tmp_path, "so") == {"lang": ["en"], "pipeline": []}
    assert search_language(tmp_path, "hmn") == {"lang": ["en"], "pipeline": []}
