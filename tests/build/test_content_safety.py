"""Figures a reader can trust, in the built site: a note that touches a figure stops the build, the
notes sit at the end of their sentence, citations name their source, short codes dial, and every page
says whether a breast-imaging doctor has reviewed it."""

from __future__ import annotations

import re

import yaml
from mammogram_callbacks.render.note_placement import notes_touching_figures

from tests.support.builds import build_site
from tests.support.paths import REPO


def test_the_build_refuses_a_page_whose_note_touches_a_figure(site_factory):
    result = build_site(site_factory("note-touches-figure"))
    assert result.error is not None
    assert any(
        "docs/en/index.md:12: a source note's number touches a figure after 'Out of 1,000 women, about 116'"
        in w
        for w in result.warnings
    ), result.warnings


def test_no_note_touches_a_figure_on_any_page_of_the_real_site(real_site):
    for page in sorted(real_site.site_dir.rglob("*.html")):
        assert notes_touching_figures(page.read_text(encoding="utf-8")) == [], page


def test_statistic_notes_sit_at_the_end_of_the_sentence_in_the_real_site(real_site):
    html = real_site.html("callback.html")
    assert re.search(r'about 5 had cancer and the other 111 did not\.<sup id="fnref\d?:src-bcsc_2017"', html)
    assert "116<sup" not in html


# ---- Sources of claims -------------------------------------------------------------------------


def test_a_citation_renders_as_a_note_naming_its_source(real_site):
    html = real_site.html("your-rights.html")
    assert re.search(r'at no cost\.<sup id="fnref:src-hhs_ocr_language">', html)
    assert "Office for Civil Rights" in html.split('class="footnote"', 1)[1]


def test_short_codes_dial_as_they_are(real_site):
    html = real_site.html("waiting.html")
    assert 'href="tel:988"' in html and 'href="tel:911"' in html and 'href="tel:+18002272345"' in html


def test_every_page_says_it_is_not_yet_reviewed_by_a_breast_imaging_doctor(real_site):
    for path in ("index.html", "callback.html", "es/next-steps.html", "ar/biopsy.html"):
        assert "pe-review__clinical" in real_site.html(path), path
    assert "Not yet reviewed by a breast-imaging doctor." in real_site.html("callback.html")


def test_the_status_page_counts_clinical_reviews_and_the_cli_lists_them(real_site):
    html = real_site.html("translation-status.html")
    pages = len(list((REPO / "docs/en").glob("*.md")))
    assert f"0 of {pages} pages reviewed by a breast-imaging doctor" in html
    from mammogram_callbacks.cli import app
    from typer.testing import CliRunner

    output = CliRunner().invoke(app, ["status", "--root", str(REPO)]).output
    assert f"English (en), the source: 0/{pages} reviewed by a breast-imaging doctor" in output
    assert "callback.md                  not yet reviewed by a breast-imaging doctor" in output


def test_the_header_names_the_site_in_the_readers_language(real_site):
    for language in ("es", "ar", "zh", "vi"):
        ui = yaml.safe_load((REPO / f"data/ui/{language}.yml").read_text(encoding="utf-8"))
        html = real_site.html(f"{language}/index.html")
        header = re.search(r'<div class="md-header__topic">.*?</div>', html, re.S)[0]
        assert ui["site_name"] in header and "Mammogram Callbacks" not in header, language
        assert ui["editorial_team"] in re.search(r'<p class="pe-review">.*?</p>', html, re.S)[0], language
