"""Segment by segment: figures in order, nothing dropped, staleness per paragraph, and the
translators' commands that read and write it (diff, mark-current, migrate-segments)."""

from __future__ import annotations

import datetime
import subprocess

from mammogram_callbacks.cli import app
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.markdown.front_matter_edit import set_source_blob
from mammogram_callbacks.project import Project
from typer.testing import CliRunner

TODAY = datetime.date(2026, 11, 25)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def findings(root, language="es"):
    return Project(root).check([language], today=TODAY).findings


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_pair(root, page, english_body, spanish_body):
    """A source page and its translation, the translation marked as made from this source."""
    head = (
        "---\ntitle: T\nreview:\n  reviewed_by: Fixture team\n  last_reviewed: 2026-01-01\n"
        "  next_review: 2099-01-01\n"
    )
    en = root / "docs/en" / page
    es = root / "docs/es" / page
    en.write_text(head + "---\n" + english_body, encoding="utf-8")
    text = (
        head + "translation:\n  translated_by: Fixture team\n  medical_review: false\n  source_blob: x\n---\n"
    )
    es.write_text(set_source_blob(text + spanish_body, blob_id(en.read_bytes())), encoding="utf-8")
    (root / "docs/ar" / page).unlink(missing_ok=True)
    return en, es


WARNING_EN = """# Care {#care}

!!! warning "Call your doctor if"
    - you find a new lump,
    - fluid comes out of one nipple,
    - the skin changes.
"""
WARNING_ES = """# Cuidado {#care}

!!! warning "Llame a su médico si"
    - encuentra un bulto nuevo,
    - la piel cambia.
"""


def test_figures_moved_to_another_paragraph_of_the_same_section_block(site_factory):
    root = site_factory()
    es = root / "docs/es/callback.md"
    edit(
        es,
        "Las otras [[stat:callbacks_not_cancer_per_1000_screens]] no.\n",
        "\n\nLas otras [[stat:callbacks_not_cancer_per_1000_screens]] no.\n",
    )
    blocking = [str(f) for f in findings(root) if f.blocking]
    assert any(
        m.startswith(
            "docs/es/callback.md:18: this paragraph lacks [[stat:callbacks_not_cancer_per_1000_screens]]"
        )
        for m in blocking
    ), blocking


def test_a_declared_reordering_is_accepted_and_shown_in_the_status(site_factory):
    root = site_factory("swapped-figures")
    es = root / "docs/es/callback.md"
    edit(es, "  medical_review: false\n", "  medical_review: false\n  reordered: [how-common/p1]\n")
    assert [f for f in findings(root) if f.blocking] == []
    status = run("status", "es", "--root", root)
    assert "figures reordered in how-common/p1" in status.output


def test_a_dropped_warning_item_blocks_even_when_the_page_is_outdated(site_factory):
    root = site_factory()
    en, _ = write_pair(root, "care.md", WARNING_EN, WARNING_ES)
    expected = (
        "docs/es/care.md:15: the 'warning' box has 2 items; the source's (docs/en/care.md:11) has 3: "
        "1 missing; it is safety advice and must be translated"
    )
    assert expected in [str(f) for f in findings(root) if f.blocking]
    edit(en, "the skin changes.", "the skin of the breast changes.")  # now outdated
    assert expected in [str(f) for f in findings(root) if f.blocking]


def test_with_records_the_dropped_warning_item_is_named(site_factory):
    root = site_factory()
    _, es = write_pair(
        root,
        "care.md",
        WARNING_EN,
        WARNING_ES.replace(
            "    - la piel cambia.\n", "    - sale líquido de un pezón,\n    - la piel cambia.\n"
        ),
    )
    assert run("migrate-segments", "--root", root).exit_code == 0
    edit(es, "    - sale líquido de un pezón,\n", "")
    assert (
        "docs/es/care.md:15: an item of the 'warning' box of the source is missing here (docs/en/care.md:12: "
        "'fluid comes out of one nipple,'); it is safety advice and must be translated"
    ) in [str(f) for f in findings(root) if f.blocking]


def test_a_translation_may_not_define_its_own_abbreviations(site_factory):
    root = site_factory()
    es = root / "docs/es/callback.md"
    es.write_text(es.read_text(encoding="utf-8") + "\n*[cáncer]: Nada grave\n", encoding="utf-8")
    assert [str(f) for f in findings(root) if f.blocking] == [
        "docs/es/callback.md:34: defines its own abbreviation (*[cáncer]:): a translation may not; the "
        "terms' explanations come from data/termbase/ (the glossary), reviewed for every page"
    ]


def test_a_page_that_cannot_be_aligned_says_where_it_broke(site_factory):
    root = site_factory()
    write_pair(
        root,
        "care.md",
        "# Care {#care}\n\nOne.\n\n## A {#a}\n\nTwo.\n\n## B {#b}\n\nThree.\n",
        "# Cuidado {#care}\n\nUno.\n\n## X {#x}\n\nDos.\n\n## Y {#y}\n\nTres.\n",
    )
    notices = [str(f) for f in findings(root) if "cannot be aligned" in f.message]
    assert notices == [
        "docs/es/care.md:16: cannot be aligned with docs/en/care.md: only 43% of its segments pair with "
        "the source's; it broke here: the section '#x' is not in the source. Rebuild the page from the "
        "source's headings, boxes and lists"
    ]


# ---- Staleness per segment ----------------------------------------------------------------------


def migrated(site_factory):
    root = site_factory()
    result = run("migrate-segments", "--root", root)
    assert result.exit_code == 0, result.output
    assert "docs/es/callback.md: 13 segments recorded (current)" in result.output
    return root


def test_migration_records_every_segment_current_and_changes_no_state(site_factory):
    root = migrated(site_factory)
    assert (root / "data/segments/es.yml").exists()
    statuses = {(s.language, s.page): s for s in Project(root).check(today=TODAY).statuses}
    es = statuses[("es", "callback.md")]
    assert (es.state, es.segments, es.segments_current) == ("current", 13, 13)


def test_a_changed_english_paragraph_makes_only_that_segment_outdated(site_factory):
    root = migrated(site_factory)
    edit(root / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    report = Project(root).check(["es"], today=TODAY)
    es = next(s for s in report.statuses if (s.language, s.page) == ("es", "callback.md"))
    assert (es.state, es.segments_current, es.segments_outdated) == ("outdated", 12, 1)
    assert (
        "docs/es/callback.md:10: outdated: 1 of its 13 segments changed in docs/en/callback.md or are new "
        "there (see which, side by side: translations diff docs/es/callback.md); update the translation, "
        "then run `translations mark-current docs/es/callback.md`"
    ) in [str(f) for f in report.findings]
    diff = run("diff", root / "docs/es/callback.md", "--root", root)
    assert diff.exit_code == 0, diff.output
    assert "docs/es/callback.md:14 [callback/p1] the English changed (docs/en/callback.md:10):" in diff.output
    assert "  then: A callback is common, and it is usually not cancer." in diff.output
    assert "  now:  A callback is common, and it is most often not cancer." in diff.output
    assert (
        "  what changed: A callback is common, and it is [-usually-]{+most often+} not cancer." in diff.output
    )
    assert "  translation: Una llamada para más pruebas es común, y casi nunca es cáncer." in diff.output


def test_an_inserted_english_paragraph_is_the_only_new_segment(site_factory):
    root = migrated(site_factory)
    edit(
        root / "docs/en/callback.md",
        "## Next tests {#next-tests}\n",
        "## Next tests {#next-tests}\n\nBring a list of your questions.\n",
    )
    es = next(
        s
        for s in Project(root).check(["es"], today=TODAY).statuses
        if (s.language, s.page) == ("es", "callback.md")
    )
    assert (es.state, es.segments, es.segments_current, es.segments_untranslated) == ("outdated", 14, 13, 1)
    diff = run("diff", root / "docs/es/callback.md", "--root", root).output
    assert "docs/en/callback.md:24 [next-tests/p1] new in the English, not translated yet:" in diff
    # The page cannot be marked current while the English has a sentence the translation lacks.
    refused = run("mark-current", root / "docs/es/callback.md", "--root", root)
    assert refused.exit_code == 1
    assert (
        "the English has 1 segment(s) this translation lacks, first docs/en/callback.md:24" in refused.output
    )


def test_mark_current_for_one_segment_and_the_warning_when_nothing_changed(site_factory):
    root = migrated(site_factory)
    edit(root / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    before = (root / "docs/es/callback.md").read_text(encoding="utf-8")
    result = run("mark-current", root / "docs/es/callback.md", "--segment", "callback/p1", "--root", root)
    assert result.exit_code == 0, result.output
    assert "docs/es/callback.md: segment callback/p1 marked current with docs/en/callback.md" in result.output
    assert "marked current although this paragraph did not change while its English did" in result.output
    assert "every segment of the page is current now: translation.source_blob updated" in result.output
    assert (root / "docs/es/callback.md").read_text(encoding="utf-8") != before  # the new source_blob
    assert Project(root).check(["es"], today=TODAY).findings == []


def test_mark_current_refuses_a_segment_whose_checks_fail_and_changes_no_file(site_factory):
    root = migrated(site_factory)
    edit(
        root / "docs/en/callback.md",
        "The other [[stat:callbacks_not_cancer_per_1000_screens]] do not.",
        "The other [[stat:callbacks_not_cancer_per_1000_screens]] do not, and "
        "[[stat:cancers_per_1000_screens]] do.",
    )
    files = [root / "docs/es/callback.md", root / "data/segments/es.yml", root / "data/segments/en.yml"]
    before = [f.read_bytes() for f in files]
    result = run("mark-current", root / "docs/es/callback.md", "--segment", "how-common/p1", "--root", root)
    assert result.exit_code == 1
    assert (
        "docs/es/callback.md how-common/p1: not marked current; fix its blocking finding(s) first:"
        in result.output
    )
    assert "statistic [[stat:cancers_per_1000_screens]] is missing from this section" in result.output
    assert [f.read_bytes() for f in files] == before


def test_migration_from_an_older_english_version_keeps_what_did_not_change(site_factory):
    root = site_factory()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=root, check=True)
    edit(root / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    result = run("migrate-segments", "--root", root)
    old = blob_id((root / "docs/en/callback.md").read_bytes())
    assert "docs/es/callback.md: 13 segments recorded (from 22e455a156c8)" in result.output, (
        result.output,
        old,
    )
    es = next(
        s
        for s in Project(root).check(["es"], today=TODAY).statuses
        if (s.language, s.page) == ("es", "callback.md")
    )
    assert (es.state, es.segments_current, es.segments_outdated) == ("outdated", 12, 1)


def test_every_command_names_an_unregistered_language_with_the_fix(site_factory):
    root = site_factory()
    (root / "docs/fr").mkdir()
    for command in ("check", "status", "readability"):
        result = run(command, "fr", "--root", root)
        assert result.exit_code == 2
        assert (
            "unknown language 'fr': docs/fr/ exists, but mkdocs.yml lists only en, es, ar. To add it, list "
            "it under plugins: i18n: languages: in mkdocs.yml"
        ) in result.output, command
