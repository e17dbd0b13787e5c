"""Data files are validated on load: every problem names the file, the line and the expected form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.project_data import load_project_data

from tests.support.paths import SITES

BASE = SITES / "base" / "data"


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


def load(data_dir: Path):
    return load_project_data(data_dir, ["en", "es", "ar"], data_dir.parent)


def errors(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load(data_dir)
    return [str(f) for f in error.value.findings]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_base_data_loads(data_dir):
    data = load(data_dir)
    assert data.statistics["callback_rate_percent"].source.year == 2017
    assert data.terms["calcification"]["ar"].preferred == "التكلسات"
    assert data.gaps == []


def test_unknown_unit(data_dir):
    edit(data_dir / "statistics.yml", "unit: percent", "unit: percentage")
    assert errors(data_dir) == [
        "data/statistics.yml:32: statistic 'callback_rate_percent': unit is 'percentage'; "
        "expected one of percent, count, natural_frequency, range, date, phone"
    ]


def test_value_of_the_wrong_kind(data_dir):
    edit(data_dir / "statistics.yml", "value: 116", "value: lots")
    assert errors(data_dir) == [
        "data/statistics.yml:16: statistic 'callbacks_per_1000_screens': value 'lots' is not a number"
    ]


def test_natural_frequency_needs_a_denominator(data_dir):
    edit(data_dir / "statistics.yml", "    denominator: 10\n", "")
    assert errors(data_dir) == [
        "data/statistics.yml:9: statistic 'callback_about_1_in_10': 'denominator' is "
        "None; expected a whole number"
    ]


def test_source_needs_a_url(data_dir):
    edit(data_dir / "statistics.yml", "url: https://pmc", "url: pmc")
    assert errors(data_dir) == [
        "data/statistics.yml:5: source 'bcsc_2017': 'url' is "
        "'pmc.ncbi.nlm.nih.gov/articles/PMC5375631'; expected an http(s) URL"
    ]


def test_duplicate_key_is_an_error(data_dir):
    edit(data_dir / "statistics.yml", "  callback_rate_percent:", "  callback_about_1_in_10:")
    [message] = errors(data_dir)
    assert message.startswith("data/statistics.yml:30: invalid YAML:")
    assert "duplicate key 'callback_about_1_in_10' (first at line 9)" in message


def test_term_both_approved_and_forbidden(data_dir):
    edit(data_dir / "termbase/es.yml", "term: calcinosis", "term: calcificación")
    assert errors(data_dir) == [
        "data/termbase/es.yml:12: concept 'calcification': 'calcificación' is both approved and forbidden"
    ]


def test_form_in_two_concepts(data_dir):
    edit(data_dir / "termbase/en.yml", "variants: [biopsies]", "variants: [biopsies, callbacks]")
    assert errors(data_dir) == [
        "data/termbase/en.yml:13: concept 'biopsy': 'callbacks' is also a term of "
        "concept 'callback'; a form may belong to one concept only"
    ]


def test_unknown_concept_in_a_translation(data_dir):
    (data_dir / "termbase/es.yml").write_text(
        (data_dir / "termbase/es.yml").read_text() + "tumour:\n  preferred: tumor\n  definition: x\n"
    )
    assert errors(data_dir) == [
        "data/termbase/es.yml:20: concept 'tumour' is not in data/termbase/en.yml: ids "
        "must match the source language's termbase"
    ]


def test_missing_concept_and_string_are_gaps_not_errors(data_dir):
    edit(data_dir / "termbase/ar.yml", "biopsy:", "biopsy_unused:")
    with pytest.raises(DataError):
        load(data_dir)  # the renamed id is unknown...
    edit(data_dir / "termbase/ar.yml", "biopsy_unused:", "# biopsy:")
    text = (data_dir / "termbase/ar.yml").read_text().split("# biopsy:")[0]
    (data_dir / "termbase/ar.yml").write_text(text)
    (data_dir / "ui/ar.yml").write_text((data_dir / "ui/ar.yml").read_text().replace("read_source:", "#"))
    data = load(data_dir)
    assert [str(g) for g in data.gaps] == [
        "data/termbase/ar.yml:1: concept 'biopsy' is missing for 'ar' (in English: 'biopsy', "
        "'Taking a small sample of tissue to look at under a microscope.')",
        "data/ui/ar.yml:1: no string 'read_source' (in data/ui/en.yml: 'Read the {source_language} page')",
    ]


def test_ui_placeholders_must_match(data_dir):
    edit(data_dir / "ui/es.yml", "{value} de cada {denominator}", "{valor} de cada {denominator}")
    [message] = errors(data_dir)
    assert message.startswith("data/ui/es.yml:")
    assert message.endswith(
        "string 'natural_frequency' has placeholders ['denominator', 'valor']; "
        "expected ['denominator', 'value']"
    )


def test_figures_of_the_same_women_must_add_up(data_dir):
    edit(data_dir / "statistics.yml", "value: 111", "value: 112")
    assert errors(data_dir) == [
        "data/statistics.yml:16: statistic 'callbacks_per_1000_screens' is 116, but "
        "cancers_per_1000_screens + callbacks_not_cancer_per_1000_screens is 5 + 112 = 117: "
        "the picture of 1,000 women draws them as one group, so they must add up"
    ]


def test_a_range_in_the_picture_of_1000_women_is_a_data_error_not_a_crash(data_dir):
    edit(
        data_dir / "statistics.yml",
        "    value: 5\n    unit: count\n",
        "    value: [4, 6]\n    unit: natural_frequency\n    denominator: 1000\n",
    )
    assert errors(data_dir) == [
        "data/statistics.yml:16: statistic 'callbacks_per_1000_screens' and "
        "cancers_per_1000_screens, callbacks_not_cancer_per_1000_screens are drawn in the picture of "
        "1,000 women: each must be one number, not a range"
    ]


def test_the_sites_own_words_are_plain_text_never_markup(data_dir):
    edit(data_dir / "ui" / "en.yml", "site_name: Fixture site", "site_name: Fixture <b>site</b>")
    assert errors(data_dir) == [
        "data/ui/en.yml:67: string 'site_name' holds '<': the site's own words are plain text, never markup "
        "(write < and > as words, or leave them out)"
    ]
