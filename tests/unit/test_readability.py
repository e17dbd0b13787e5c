"""Reading level (issue #6): what is measured, the figures per language, the budgets that fail the
suite and the `translations readability` command."""

from __future__ import annotations

import json

import pytest
from mammogram_callbacks.checks.readability import measure, project_readings, running_text
from mammogram_callbacks.cli import app
from mammogram_callbacks.project import Project
from typer.testing import CliRunner

from tests.support.paths import REPO

PAGE = """---
title: A title that is not counted
---
# A heading that is not counted {#top}

A callback is common. About [[stat:callback_about_1_in_10]] women are called back.
This line goes on the same paragraph

- a list item without a stop
- **Another** item, with `code` and a [link](other.md).

!!! tip "An admonition title that is not counted"
    The body of the admonition counts.

| Table | not counted |
|---|---|
| cell | cell |

```text
Code is not counted.
```

<!-- pe:icon-array -->
Glossary markup is not counted: <abbr title="A long definition that would count">term</abbr>.
*[term]: An abbreviation definition that is not counted.
"""


def test_running_text_keeps_sentences_and_drops_headings_tables_code_and_markup():
    assert running_text(PAGE, "docs/en/x.md") == [
        "A callback is common. About 10 women are called back. This line goes on the same paragraph",
        "a list item without a stop",
        "Another item, with and a link .",
        "The body of the admonition counts.",
        "Glossary markup is not counted: term .",
    ]


def test_english_gets_flesch_kincaid_and_each_block_ends_a_sentence():
    reading = measure(PAGE, "en", "x.md")
    assert (reading.measure, reading.budget, reading.sentences) == ("Flesch-Kincaid grade", "<= 8", 7)
    # Flesch-Kincaid: 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (textstat's syllables).
    assert reading.words == 41 and reading.words_per_sentence == pytest.approx(41 / 7, abs=0.05)
    assert -3 < reading.score < 6
    hard = measure(
        "Notwithstanding the aforementioned considerations, radiological reassessment "
        "necessitates comprehensive multidisciplinary evaluation of indeterminate "
        "mammographic abnormalities.",
        "en",
        "hard.md",
    )
    assert hard.score > 20 and not hard.within_budget


def test_spanish_gets_fernandez_huerta_with_its_budget():
    easy = measure("Una llamada es común. Casi nunca es cáncer. Le harán más fotos.", "es", "a.md")
    hard = measure(
        "La reevaluación radiológica multidisciplinaria necesita caracterizaciones "
        "complementarias de anormalidades mamográficas indeterminadas.",
        "es",
        "b.md",
    )
    assert easy.measure == "Fernández-Huerta" and easy.budget == ">= 70"
    assert easy.score > 90 and easy.within_budget
    assert hard.score < 70 and not hard.within_budget


def test_chinese_counts_characters_per_sentence_and_other_languages_words():
    zh = measure("召回复查很常见。通常不是癌症！\n\n- 多喝水", "zh", "a.md")
    assert (zh.measure, zh.sentences, zh.words, zh.score, zh.characters_per_word) == (
        "characters per sentence",
        3,
        16,
        5.3,
        None,
    )
    vi = measure("Được gọi lại là chuyện thường gặp. Hầu hết không phải ung thư.", "vi", "a.md")
    assert (vi.measure, vi.sentences, vi.words, vi.budget) == ("words per sentence", 2, 13, None)
    assert vi.words_per_sentence == 6.5 and vi.characters_per_word == pytest.approx(3.75, abs=0.1)
    ar = measure("الاستدعاء شائع. معظم الحالات ليست سرطانًا؟ اسألي طبيبك.", "ar", "a.md")
    assert (ar.sentences, ar.words) == (3, 8)  # tanween (ً) stays inside its word


def test_every_page_is_within_its_reading_budget():
    readings = project_readings(Project(REPO))
    languages = {r.language for r in readings}
    assert {"en", "es", "ar", "zh", "vi"} <= languages
    over = [
        f"docs/{r.language}/{r.page}: {r.summary()} (budget {r.budget})"
        for r in readings
        if not r.within_budget
    ]
    assert over == [], "\n".join(over)
    english = [r for r in readings if r.language == "en"]
    assert len(english) == len(Project(REPO).source_pages()) - 1  # all but the translators' status page
    assert all(r.measure == "Flesch-Kincaid grade" and r.score <= 8 for r in english)
    assert all(r.measure == "Fernández-Huerta" and r.score >= 70 for r in readings if r.language == "es")


def test_readability_command_prints_each_page_and_fails_over_budget(site_factory):
    runner = CliRunner()
    root = site_factory()
    result = runner.invoke(app, ["readability", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert any(
        line.startswith("en  callback.md") and "Flesch-Kincaid grade" in line
        for line in result.output.splitlines()
    )
    assert any(
        line.startswith("es  callback.md") and "Fernández-Huerta" in line
        for line in result.output.splitlines()
    )
    data = json.loads(
        runner.invoke(app, ["readability", "ar", "--json", "--root", str(root)]).output.split("\n3 page")[0]
    )
    assert {d["language"] for d in data} == {"ar"} and all(d["within_budget"] for d in data)

    page = root / "docs" / "en" / "callback.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nNotwithstanding the aforementioned considerations, "
        "radiological reassessment necessitates comprehensive multidisciplinary evaluation of "
        "indeterminate mammographic abnormalities, notwithstanding institutional variability.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["readability", "en", "--root", str(root)])
    assert result.exit_code == 1
    assert any(
        line.startswith("en  callback.md") and "OVER BUDGET" in line for line in result.output.splitlines()
    )


def test_reading_figures_are_kept_by_page_text_and_measured_again_when_it_changes(site_factory):
    root = site_factory()
    cache_file = root / ".cache" / "readability.json"
    fresh = project_readings(Project(root), cached=False)
    assert not cache_file.exists()
    assert project_readings(Project(root)) == fresh  # measured, then written
    entries = json.loads(cache_file.read_text(encoding="utf-8"))
    assert len(entries) == len(fresh)

    # Figures come from the cache while a page's text is unchanged: a planted score is returned as is.
    for entry in entries.values():
        entry["score"] = -1.0
    cache_file.write_text(json.dumps(entries), encoding="utf-8")
    assert {r.score for r in project_readings(Project(root))} == {-1.0}

    # A changed page is measured again; the others still come from the cache.
    page = root / "docs" / "en" / "callback.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more short sentence.\n", encoding="utf-8")
    again = {(r.language, r.page): r.score for r in project_readings(Project(root))}
    assert again.pop(("en", "callback.md")) != -1.0
    assert set(again.values()) == {-1.0}

    # A damaged cache is no cache: everything is measured again and the file rewritten.
    cache_file.write_text("{not json", encoding="utf-8")
    assert project_readings(Project(root)) == project_readings(Project(root), cached=False)
    assert json.loads(cache_file.read_text(encoding="utf-8"))
