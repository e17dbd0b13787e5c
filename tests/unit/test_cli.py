"""The translators' command line: the same findings as the build, exit codes for CI, and the
commands that start a language and record a translation as current."""

from __future__ import annotations

import json

from mammogram_callbacks.cli import app
from mammogram_callbacks.core.versions import blob_id
from typer.testing import CliRunner

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_check_clean_site_exits_0(site_factory):
    result = run("check", "--root", site_factory())
    assert result.exit_code == 0, result.output
    assert "0 blocking finding(s), 0 notice(s)" in result.output


def test_check_reports_file_line_and_exits_1(site_factory):
    result = run("check", "es", "--root", site_factory("wrong-number"))
    assert result.exit_code == 1
    assert (
        "docs/es/callback.md:18: number 100 does not match the source (docs/en/callback.md:14 says 1,000)"
        in result.output.splitlines()
    )


def test_check_json_is_machine_readable(site_factory):
    result = run("check", "--json", "--root", site_factory("missing-term"))
    assert result.exit_code == 1
    findings = json.loads(result.output.split("\n1 blocking")[0])
    assert findings == [
        {
            "path": "docs/ar/callback.md",
            "line": 16,
            "check": "terminology",
            "blocking": True,
            "message": "the source (docs/en/callback.md:20) uses 'Calcifications' (calcification); "
            "this section has no approved Arabic term for it: use 'التكلسات' (or 'تكلسات')",
        }
    ]


def test_check_unknown_language(site_factory):
    result = run("check", "fr", "--root", site_factory())
    assert result.exit_code == 2
    assert (
        "unknown language 'fr': mkdocs.yml lists only en, es, ar. To add it, list it under plugins: i18n: "
        "languages:" in result.output
    )


def test_check_broken_data_exits_2_naming_the_line(site_factory):
    result = run("check", "--root", site_factory("broken-yaml"))
    assert result.exit_code == 2
    assert "data/termbase/es.yml:11: invalid YAML" in result.output


def test_status_lists_every_page(site_factory):
    result = run("status", "--root", site_factory("source-changed"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "Español (es): 2/3 pages current, 9/24 segments current" in lines
    expected = "callback.md outdated not reviewed 0/15 segments, 13 outdated, 2 not translated"
    assert any(line.split() == expected.split() for line in lines), lines
    data = json.loads(run("status", "--json", "--root", site_factory("untranslated-page")).output)
    assert {
        "language": "es",
        "page": "extra.md",
        "state": "missing",
        "reviewed": False,
        "findings": 0,
        "clinical": "none",
        "overdue": False,
        "segments": 0,
        "segments_current": 0,
        "segments_outdated": 0,
        "segments_untranslated": 0,
        "reordered": [],
    } in data


def test_new_language_creates_untranslated_pages_and_never_overwrites(site_factory):
    root = site_factory()
    (root / "docs/fr").mkdir()
    (root / "docs/fr/index.md").write_text("---\ntitle: Accueil\n---\n# Accueil\n")
    result = run("new", "fr", "--root", root)
    assert result.exit_code == 0, result.output
    assert "created docs/fr/callback.md" in result.output
    assert "2 page(s) created, 1 existing page(s) left as they were." in result.output
    assert "- locale: fr" in result.output  # tells the translator the next step
    assert (root / "docs/fr/index.md").read_text() == "---\ntitle: Accueil\n---\n# Accueil\n"
    copy = (root / "docs/fr/callback.md").read_text()
    assert copy.startswith("---\ntranslation:\n  untranslated: true\n")
    assert f"source_blob: {blob_id((root / 'docs/en/callback.md').read_bytes())}" in copy
    # The folder is not in mkdocs.yml yet, and check says exactly what to add.
    check = run("check", "--root", root)
    assert (
        "mkdocs.yml:1: docs/fr/ is not listed under plugins: i18n: languages; add '- locale: fr' with its "
        "name and 'build: true'"
    ) in check.output


def test_mark_current_records_the_source_version(site_factory):
    root = site_factory()
    english = root / "docs/en/callback.md"
    english.write_text(english.read_text().replace("usually not cancer", "most often not cancer"))
    assert run("check", "es", "--root", root).output.count("outdated") == 1
    result = run("mark-current", root / "docs/es/callback.md", "--root", root)
    assert result.exit_code == 0, result.output
    assert f"source_blob: {blob_id(english.read_bytes())}" in (root / "docs/es/callback.md").read_text()
    assert run("check", "es", "--root", root).exit_code == 0


def test_mark_current_refuses_while_the_english_has_segments_the_translation_lacks(site_factory):
    root = site_factory("source-changed")
    before = (root / "docs/es/callback.md").read_bytes()
    result = run("mark-current", root / "docs/es/callback.md", "--root", root)
    assert result.exit_code == 1
    assert (
        "docs/es/callback.md: the English has 2 segment(s) this translation lacks, first "
        "docs/en/callback.md:22 ('What happens next'): translate them, then mark the page current"
    ) in result.output
    assert (root / "docs/es/callback.md").read_bytes() == before
    assert not (root / "data/segments/es.yml").exists()


def test_mark_current_refuses_a_source_page(site_factory):
    root = site_factory()
    result = run("mark-current", root / "docs/en/index.md", "--root", root)
    assert result.exit_code == 2
    assert "is a source page" in result.output
