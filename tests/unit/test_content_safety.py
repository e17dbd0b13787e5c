"""Figures a reader can trust: source notes never touch a figure, claims cite their sources, every
statistic comes from a confirmed fact, the picture of 1,000 women shows the cancer screening
misses, and medical reviews are signed, exact and lapse by themselves. What the built site shows of
them is in tests/build/test_content_safety.py."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.data.project_data import load_project_data
from mammogram_callbacks.data.reviews import body_version
from mammogram_callbacks.markdown.front_matter_edit import set_source_blob
from mammogram_callbacks.project import Project
from mammogram_callbacks.render.icon_array import icon_array_context
from mammogram_callbacks.render.note_placement import NOTE_MARK, notes_touching_figures, place_notes

from tests.support.paths import REPO

TODAY = datetime.date(2026, 12, 1)
RESEARCH = REPO.parent / "shared" / "reference"


def mark(note: str) -> str:
    return NOTE_MARK.format(note)


# ---- Where a note goes -------------------------------------------------------------------------


def test_a_note_moves_to_the_end_of_its_sentence():
    text = f"About 116{mark('a')} of them are called back. About 5{mark('a')} have cancer."
    assert place_notes(text) == "About 116 of them are called back.[^a] About 5 have cancer.[^a]"


def test_notes_of_one_sentence_are_gathered_once_each_in_order():
    text = f"About 116{mark('a')} are called back and 5{mark('b')} have cancer, of 1,000{mark('a')}.\nNext"
    assert place_notes(text) == "About 116 are called back and 5 have cancer, of 1,000.[^a][^b]\nNext"


def test_a_decimal_point_is_not_the_end_of_a_sentence():
    assert place_notes(f"About 16.3{mark('a')} in 100 did. Then") == "About 16.3 in 100 did.[^a] Then"


def test_a_table_cell_ending_on_a_figure_keeps_the_note_off_it():
    assert place_notes(f"| USPSTF | 40–74{mark('u')} | Every 2{mark('u')} years |") == (
        "| USPSTF | 40–74\u00a0[^u] | Every 2 years[^u] |"
    )


def test_chinese_and_arabic_stops_end_a_sentence_without_a_space():
    assert place_notes(f"大约116{mark('a')}名。其余") == "大约116名。[^a]其余"
    assert place_notes(f"هل ١١٦{mark('a')}؟ نعم") == "هل ١١٦؟[^a] نعم"


def test_a_citation_marker_leaves_no_space_before_the_stop():
    assert place_notes(f"Language help is free {mark('hhs')}. Ask.") == "Language help is free.[^hhs] Ask."


def test_the_rendered_check_finds_a_note_on_a_figure_and_nothing_else():
    ref = '<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup>'
    assert notes_touching_figures(f"<p>about 116{ref} are</p>") == ["about 116"]
    assert notes_touching_figures(f"<p>about <strong>16.3%</strong>{ref} of</p>") == ["about 16.3%"]
    assert notes_touching_figures(f"<p>see{ref}10 more</p>") == ["see"]
    assert notes_touching_figures(f"<p>are called back.{ref}{ref} Next, 40–74\u00a0{ref}</p>") == []


def test_a_translation_that_drops_a_citation_is_told_where(site_factory):
    root = site_factory("cite-missing")
    es = root / "docs/es/index.md"
    es.write_text(
        set_source_blob(es.read_text(encoding="utf-8"), blob_id((root / "docs/en/index.md").read_bytes())),
        encoding="utf-8",
    )
    found = [str(f) for f in Project(root).check(today=TODAY).blocking]
    assert found == [
        "docs/es/index.md:12: source [[cite:bcsc_2017]] is missing from this section "
        "(1x in docs/en/index.md:10)"
    ]


def test_an_unknown_source_is_named_with_a_suggestion(site_factory):
    root = site_factory()
    en = root / "docs/en/index.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace("are called back.", "are called back [[cite:bcsc_2071]]."),
        encoding="utf-8",
    )
    found = [str(f) for f in Project(root).check(["en"], today=TODAY).blocking]
    assert found == [
        "docs/en/index.md:10: unknown source 'bcsc_2071': it is not in the sources: of "
        "data/statistics.yml; did you mean 'bcsc_2017'?"
    ]


# ---- The data behind the figures -----------------------------------------------------------------


def _research_facts() -> dict[str, bool]:
    facts = {}
    for name in ("facts.yaml", "facts-2026-12.yaml"):
        for fact in yaml.safe_load((RESEARCH / name).read_text(encoding="utf-8"))["facts"]:
            facts[fact["key"]] = fact.get("confirmed") is True
    return facts


def test_every_statistic_comes_from_a_confirmed_research_fact():
    assert RESEARCH.is_dir(), f"the research files are expected beside the repository, in {RESEARCH}"
    confirmed = _research_facts()
    statistics = yaml.safe_load((REPO / "data/statistics.yml").read_text(encoding="utf-8"))["statistics"]
    for stat_id, stat in statistics.items():
        assert stat.get("fact") in confirmed, f"{stat_id}: fact {stat.get('fact')!r} is in no research file"
        assert confirmed[stat["fact"]], f"{stat_id}: fact {stat['fact']} is not confirmed: true"


def test_no_source_is_a_news_story_or_a_blog_where_the_research_has_the_study():
    sources = yaml.safe_load((REPO / "data/statistics.yml").read_text(encoding="utf-8"))["sources"]
    for source_id, source in sources.items():
        assert not re.search(r"nextavenue|bcrf\.org/blog|ascopost", source["url"]), source_id
        assert "et al.." not in source["organisation"] + source["title"], source_id
        assert "?." not in source["title"], source_id


def test_spanish_figures_are_written_for_us_readers():
    data = load_project_data(REPO / "data", ["en", "es"], REPO)
    from mammogram_callbacks.render.content import format_value

    assert (
        format_value(data.statistics["callbacks_per_1000_screens"], data.formats_for("es"), data.ui["es"])
        == "116"
    )
    assert data.ui["es"]["number_locale"] == "es_US"
    from babel.numbers import format_decimal

    assert format_decimal(1000, locale=data.ui["es"]["number_locale"]) == "1,000"


def test_a_range_natural_frequency_reads_as_a_range_out_of_its_denominator():
    data = load_project_data(REPO / "data", ["en"], REPO)
    from mammogram_callbacks.render.content import format_value

    assert (
        format_value(data.statistics["birads4a_cancer"], data.formats_for("en"), data.ui["en"])
        == "2 to 10 in 100"
    )
    assert (
        format_value(data.statistics["birads5_cancer_at_least"], data.formats_for("en"), data.ui["en"])
        == "95 in 100"
    )


def test_the_picture_of_1000_women_shows_the_cancer_the_mammogram_missed():
    data = load_project_data(REPO / "data", ["en"], REPO)
    picture = icon_array_context(data, "en")
    legend = {group: count for group, _label, count in picture["legend"]}
    assert legend == {"cancer": "5", "not-cancer": "111", "clear": "883", "missed": "1"}
    assert sum(run.width for run in picture["runs"]) // picture["cell"] == 1000
    assert "the mammogram missed a cancer in about 1" in picture["summary"]


# ---- Medical reviews -----------------------------------------------------------------------------


def _reviewer_files(root: Path, reviews: str, kind: str = "clinical", languages: str = "[en]") -> None:
    (root / "data/reviewers.yml").write_text(
        "reviewers:\n  doe:\n    name: Dr. Jane Doe\n    qualification: Breast-imaging radiologist\n"
        f"    kind: {kind}\n    languages: {languages}\n",
        encoding="utf-8",
    )
    (root / "data/reviews.yml").write_text(reviews, encoding="utf-8")


def test_no_page_of_the_project_names_a_reviewer_who_did_not_review():
    reviewers = yaml.safe_load((REPO / "data/reviewers.yml").read_text(encoding="utf-8"))["reviewers"]
    reviews = yaml.safe_load((REPO / "data/reviews.yml").read_text(encoding="utf-8"))
    assert reviewers == {} and reviews == {"clinical": {}, "medical_translation": {}}


def test_a_clinical_review_holds_for_its_text_and_lapses_when_the_text_changes(site_factory):
    root = site_factory()
    page = root / "docs/en/callback.md"
    version = body_version(page.read_text(encoding="utf-8"))
    _reviewer_files(
        root,
        f"clinical:\n  callback.md:\n    reviewer: doe\n    date: 2026-11-30\n"
        f"    source_version: {version}\n",
    )
    assert Project(root).clinical_review("callback.md").state == "current"
    # A new review date in the front matter does not undo the review; new wording does.
    page.write_text(page.read_text(encoding="utf-8").replace("2099-01-01", "2098-01-01"), encoding="utf-8")
    assert Project(root).clinical_review("callback.md").state == "current"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    project = Project(root)
    assert project.clinical_review("callback.md").state == "lapsed"
    notices = [str(f) for f in project.check(["en"], today=TODAY).findings if f.check == "review"]
    assert (
        len(notices) == 1
        and "clinical review lapsed: the page changed after Dr. Jane Doe reviewed it" in notices[0]
    )


def test_a_review_by_someone_not_listed_is_refused_at_its_line(site_factory):
    root = site_factory()
    _reviewer_files(
        root,
        "clinical:\n  callback.md:\n    reviewer: smith\n    date: 2026-11-30\n    source_version: abc\n",
    )
    with pytest.raises(DataError) as error:
        Project(root).check(today=TODAY)
    assert str(error.value.findings[0]) == (
        "data/reviews.yml:3: review of callback.md: reviewer 'smith' is not "
        "listed in data/reviewers.yml (with their qualification)"
    )


def test_a_translator_cannot_sign_a_clinical_review(site_factory):
    root = site_factory()
    _reviewer_files(
        root,
        "clinical:\n  callback.md:\n    reviewer: doe\n    date: 2026-11-30\n    source_version: abc\n",
        kind="medical-translation",
        languages="[es]",
    )
    with pytest.raises(
        DataError, match="listed for medical-translation reviews in es, not for a clinical review"
    ):
        Project(root).check(today=TODAY)


def test_a_translation_review_covers_both_texts(site_factory):
    root = site_factory()
    source, translation = root / "docs/en/callback.md", root / "docs/es/callback.md"
    _reviewer_files(
        root,
        "medical_translation:\n  es:\n    callback.md:\n      reviewer: doe\n      date: 2026-11-30\n"
        f"      source_version: {body_version(source.read_text(encoding='utf-8'))}\n"
        f"      translation_version: {body_version(translation.read_text(encoding='utf-8'))}\n",
        kind="medical-translation",
        languages="[es]",
    )
    project = Project(root)
    assert project.freshness_of("es", "callback.md").reviewed
    assert not project.freshness_of("es", "index.md").reviewed
    translation.write_text(translation.read_text(encoding="utf-8") + "\nOtra frase.\n", encoding="utf-8")
    assert not Project(root).freshness_of("es", "callback.md").reviewed


def test_a_page_cannot_declare_itself_reviewed(site_factory):
    root = site_factory()
    page = root / "docs/es/index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "medical_review: false", "medical_review: {reviewed_by: Someone, date: 2026-11-30}"
        ),
        encoding="utf-8",
    )
    found = [str(f) for f in Project(root).check(["es"], today=TODAY).blocking]
    assert found == [
        "docs/es/index.md:9: translation.medical_review must be false: a medical review is recorded "
        "in data/reviews.yml by a reviewer listed in data/reviewers.yml (TRANSLATING.md, Medical review)"
    ]


def test_an_overdue_page_is_a_notice_for_the_build_and_blocks_publishing(site_factory):
    root = site_factory()
    late = datetime.date(2099, 6, 1)
    notices = Project(root).check(today=late)
    assert notices.blocking == [] and any(
        "review overdue since 2099-01-01" in str(f) for f in notices.findings
    )
    assert any(s.overdue for s in notices.statuses)
    refused = Project(root).check(today=late, overdue_blocks=True).blocking
    assert refused and all("review overdue since 2099-01-01" in str(f) for f in refused)
