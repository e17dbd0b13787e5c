"""PO and XLIFF exchange: lossless round trips, what a CAT tool's edits do on import, the memory."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import polib
import pytest
from mammogram_callbacks.cli import app
from mammogram_callbacks.exchange import xliff
from mammogram_callbacks.project import Project
from translate.storage import factory, tmx
from typer.testing import CliRunner

from tests.support.paths import REPO

TODAY = datetime.date(2026, 11, 25)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "docs").rglob("*.md"))} | {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*.yml"))
    }


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def migrated(site_factory):
    root = site_factory()
    assert run("migrate-segments", "--root", root).exit_code == 0
    return root


def export(root, language="es", fmt="po"):
    out = root / "exchange"
    result = run("export", language, "--format", fmt, "--out", out, "--root", root)
    assert result.exit_code == 0, result.output
    return out / language


def test_every_page_of_every_language_survives_an_untouched_round_trip_byte_for_byte(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    for part in ("docs", "data"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    before = snapshot(root)
    files = []
    for language in ("es", "ar", "zh", "vi"):
        files += sorted(export(root, language).glob("*.po"))
    result = run("import", *files, "--root", root)
    assert result.exit_code == 0, result.output
    assert "0 file(s) changed" in result.output
    assert snapshot(root) == before


def test_the_po_files_pass_msgfmt_and_load_in_polib_and_translate_toolkit(migrated):
    folder = export(migrated)
    for path in folder.glob("*.po"):
        check = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        assert len(polib.pofile(str(path))) == len(
            [u for u in factory.getobject(str(path)).units if not u.isheader()]
        )
    unit = polib.pofile(str(folder / "callback.po")).find("how-common/p1", by="msgctxt")
    assert unit is not None
    assert unit.occurrences == [("docs/en/callback.md", "14")]
    assert "[[stat:callbacks_per_1000_screens]]" in unit.msgid
    assert any(flag.startswith("placeholders:") for flag in unit.flags)
    assert unit.msgstr.startswith("De 1.000 mujeres")
    assert not unit.fuzzy


def test_an_outdated_segment_is_offered_fuzzy_with_the_english_it_was_made_from(migrated):
    edit(migrated / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    unit = polib.pofile(str(export(migrated) / "callback.po")).find("callback/p1", by="msgctxt")
    assert unit.fuzzy
    assert unit.previous_msgid == "A callback is common, and it is usually not cancer."
    assert unit.msgid == "A callback is common, and it is most often not cancer."
    assert unit.msgstr == "Una llamada para más pruebas es común, y casi nunca es cáncer."


def test_translating_a_unit_and_clearing_its_fuzzy_flag_in_a_po_editor_makes_it_current(migrated):
    edit(migrated / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    path = export(migrated) / "callback.po"
    catalog = polib.pofile(str(path))
    unit = catalog.find("callback/p1", by="msgctxt")
    unit.msgstr = "Una llamada para más pruebas es común, y la mayoría de las veces no es cáncer."
    unit.flags.remove("fuzzy")
    unit.previous_msgid = None
    catalog.save(str(path))
    before = (migrated / "docs/es/callback.md").read_text(encoding="utf-8")
    result = run("import", path, "--root", migrated)
    assert result.exit_code == 0, result.output
    after = (migrated / "docs/es/callback.md").read_text(encoding="utf-8")
    assert after == before.replace(
        "es común, y casi nunca es cáncer.", "es común, y la mayoría de las veces no es cáncer."
    ).replace(
        "source_blob: 22e455a156c83f40890512ce7ffd8f579277fa7e",
        f"source_blob: {Project(migrated).freshness_of('es', 'callback.md').current}",
    )
    status = next(
        s
        for s in Project(migrated).check(["es"], today=TODAY).statuses
        if s.page == "callback.md" and s.language == "es"
    )
    assert (status.state, status.segments_outdated) == ("current", 0)


def test_a_unit_left_fuzzy_is_written_but_stays_outdated(migrated):
    edit(migrated / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    path = export(migrated) / "callback.po"
    catalog = polib.pofile(str(path))
    catalog.find(
        "callback/p1", by="msgctxt"
    ).msgstr = "Una llamada para más pruebas es común, y pocas veces es cáncer."
    catalog.save(str(path))
    assert run("import", path, "--root", migrated).exit_code == 0
    assert "pocas veces es cáncer" in (migrated / "docs/es/callback.md").read_text(encoding="utf-8")
    status = next(
        s
        for s in Project(migrated).check(["es"], today=TODAY).statuses
        if s.page == "callback.md" and s.language == "es"
    )
    assert (status.state, status.segments_outdated) == ("outdated", 1)


def test_a_broken_placeholder_refuses_the_import_naming_the_unit_and_changes_no_file(migrated):
    folder = export(migrated)
    catalog = polib.pofile(str(folder / "callback.po"))
    unit = catalog.find("how-common/p1", by="msgctxt")
    unit.msgstr = unit.msgstr.replace("[[stat:callbacks_per_1000_screens]]", "[[stat:callbacks_per_1000]]")
    catalog.save(str(folder / "callback.po"))
    other = polib.pofile(str(folder / "index.po"))
    other.find("home/p2", by="msgctxt").msgstr = "Lea qué significa una llamada para más pruebas."
    other.save(str(folder / "index.po"))
    before = snapshot(migrated)
    result = run("import", folder / "callback.po", folder / "index.po", "--root", migrated)
    assert result.exit_code == 1
    assert "nothing imported; fix these units first:" in result.output
    assert (
        "unit 'how-common/p1' (docs/en/callback.md:14): '[[stat:callbacks_per_1000_screens]]' is missing; "
        "'[[stat:callbacks_per_1000]]' is not in the English. Keep every tag of the English as it is"
    ) in result.output
    assert "unit 'home/p2' (docs/en/index.md:12): '](callback.md#how-common)' is missing" in result.output
    assert snapshot(migrated) == before


def test_a_language_can_be_started_from_exported_po_files_alone(migrated):
    # What the Spanish team wrote, kept aside; then Spanish starts from nothing.
    written = {p.name: p.read_text(encoding="utf-8") for p in (migrated / "docs/es").glob("*.md")}
    from mammogram_callbacks.markdown.page import parse_page
    from mammogram_callbacks.markdown.segments import page_segments

    project = Project(migrated)
    translations = {}
    for name, text in written.items():
        report = project.segment_pairs("es", name)[1]
        translations[name] = {
            s.source.id: s.translation.text for s in report.states if s.source and s.translation
        }
        assert page_segments(parse_page(text, name), text)
    shutil.rmtree(migrated / "docs/es")
    (migrated / "data/segments/es.yml").unlink()
    folder = export(migrated)
    for path in folder.glob("*.po"):
        catalog = polib.pofile(str(path))
        page = catalog.metadata["X-Mammogram-Page"]
        for unit in catalog:
            assert unit.msgstr == ""  # nothing to start from
            unit.msgstr = translations[page][unit.msgctxt]
        catalog.metadata["Last-Translator"] = "Equipo de prueba <equipo@example.org>"  # as Poedit sets it
        catalog.save(str(path))
    result = run("import", *sorted(folder.glob("*.po")), "--machine-assisted", "--root", migrated)
    assert result.exit_code == 0, result.output
    assert "0 blocking finding(s) in the imported language(s)" in result.output
    # Each new page names its translator (never the address) and tells readers it was machine-assisted.
    front = (migrated / "docs/es/callback.md").read_text(encoding="utf-8").split("---")[1]
    assert "  translated_by: Equipo de prueba\n  machine_assisted: true\n  medical_review: false\n" in front
    assert "example.org" not in front
    report = Project(migrated).check(["es"], today=TODAY)
    assert report.blocking == []
    assert {s.state for s in report.statuses if s.language == "es"} == {"current"}


def test_the_same_english_elsewhere_is_pre_filled_and_the_memory_exports_as_tmx(migrated):
    edit(
        migrated / "docs/en/next-steps.md",
        "## Questions {#questions}\n",
        "## Questions {#questions}\n\nA callback is common, and it is usually not cancer.\n",
    )
    folder = export(migrated)
    unit = polib.pofile(str(folder / "next-steps.po")).find("questions/p1", by="msgctxt")
    assert unit.msgstr == "Una llamada para más pruebas es común, y casi nunca es cáncer."
    assert "Pre-filled from docs/es/callback.md:14" in unit.comment
    memory = tmx.tmxfile((folder.parent / "es.tmx").read_bytes())
    pairs = {str(u.source): str(u.target) for u in memory.units}
    assert (
        pairs["A callback is common, and it is usually not cancer."]
        == "Una llamada para más pruebas es común, y casi nunca es cáncer."
    )


def test_xliff_round_trips_and_an_edit_through_translate_toolkit_is_imported(migrated):
    before = snapshot(migrated)
    folder = export(migrated, fmt="xliff")
    files = sorted(folder.glob("*.xlf"))
    assert run("import", *files, "--root", migrated).exit_code == 0
    assert snapshot(migrated) == before
    store = xliff.Xliff12File((folder / "callback.xlf").read_bytes())
    assert store.document.getroot().get("version") == "1.2"
    unit = next(u for u in store.units if u.xmlelement.get("id") == "callback/p1")
    unit.settarget("Una llamada para más pruebas es común, y pocas veces es cáncer.")
    (folder / "callback.xlf").write_bytes(bytes(store))
    assert run("import", folder / "callback.xlf", "--root", migrated).exit_code == 0
    assert "pocas veces es cáncer" in (migrated / "docs/es/callback.md").read_text(encoding="utf-8")


def test_a_po_file_without_its_page_header_is_an_error_naming_the_file(migrated, tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    result = run("import", path, "--root", migrated)
    assert result.exit_code == 2
    assert f"{path}:1: not a file exported by `translations export`" in result.output


def test_an_older_file_never_undoes_an_edit_made_in_the_page_since_the_export(migrated):
    folder = export(migrated)
    page = migrated / "docs/es/callback.md"
    edit(page, "es común, y casi nunca es cáncer.", "es común, y casi nunca es un cáncer.")
    # Untouched in the file: the page's newer text stays.
    assert run("import", folder / "callback.po", "--root", migrated).exit_code == 0
    assert "casi nunca es un cáncer." in page.read_text(encoding="utf-8")
    # Changed in both: refused, and nothing written.
    catalog = polib.pofile(str(folder / "callback.po"))
    catalog.find(
        "callback/p1", by="msgctxt"
    ).msgstr = "Una llamada para más pruebas es común, y rara vez es cáncer."
    catalog.save(str(folder / "callback.po"))
    before = snapshot(migrated)
    result = run("import", folder / "callback.po", "--root", migrated)
    assert result.exit_code == 1
    assert (
        "unit 'callback/p1': docs/es/callback.md:14 was edited after this file was exported" in result.output
    )
    assert snapshot(migrated) == before


XLIFF_SCHEMA = REPO / ".cache/xliff-schema"


def test_every_exported_xliff_file_validates_against_the_oasis_xliff_1_2_strict_schema(tmp_path):
    # The official schema as Debian ships it (scripts/ensure-xliff-schema.sh, run by `make test`).
    import xmlschema

    strict = XLIFF_SCHEMA / "xliff-core-1.2-strict.xsd"
    assert strict.is_file(), f"{strict} is missing: run scripts/ensure-xliff-schema.sh"
    schema = xmlschema.XMLSchema(
        str(strict),
        locations=[("http://www.w3.org/XML/1998/namespace", str(XLIFF_SCHEMA / "xml.xsd"))],
        allow="local",  # the schema names xml.xsd by its web address: nothing may fetch it
    )
    root = tmp_path / "site"
    root.mkdir()
    for part in ("docs", "data"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # Current, outdated (fuzzy) and untranslated units, with every placeholder kind the pages use.
    assert run("migrate-segments", "--root", root).exit_code == 0
    edit(root / "docs/en/callback.md", "it is usually not cancer.", "it is most often not cancer.")
    checked = 0
    for language in ("es", "ar", "zh", "vi"):
        for path in sorted(export(root, language, fmt="xliff").glob("*.xlf")):
            errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(path))]
            assert errors == [], f"{path}: {errors[:3]}"
            checked += 1
    assert checked == 60
    # The schema is not a rubber stamp: a state XLIFF 1.2 does not define fails it.
    exported = (root / "exchange/es/callback.xlf").read_text(encoding="utf-8")
    assert 'state="needs-review-translation"' in exported
    broken = tmp_path / "broken.xlf"
    broken.write_text(exported.replace('state="needs-review-translation"', 'state="fuzzy"'), encoding="utf-8")
    assert not schema.is_valid(str(broken))


def test_a_glossary_note_names_a_few_other_forms_and_where_the_rest_are(migrated):
    # As in a language the checks cannot stem, which lists every form (Somali lists 29).
    edit(
        migrated / "data/termbase/es.yml",
        "variants: [llaman para más pruebas]",
        "variants: [llaman para más pruebas, llamaron para más pruebas, llamen para más pruebas, "
        "llamar para más pruebas, llamado para más pruebas, llama para más pruebas]",
    )
    unit = polib.pofile(str(export(migrated) / "callback.po")).find("how-common/p1", by="msgctxt")
    note = next(line for line in unit.comment.splitlines() if line.startswith("Glossary: 'called back'"))
    variants = Project(migrated).data.terms["callback"]["es"].variants
    assert len(variants) > 4
    assert note == (
        f"Glossary: 'called back' is 'llamada para más pruebas' (also: {', '.join(variants[:4])}, "
        f"and {len(variants) - 4} more in data/termbase/es.yml)."
    )
