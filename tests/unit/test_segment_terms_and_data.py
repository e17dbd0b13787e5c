"""Terms per segment, found inflected and through invisible characters; the site's own words and
the termbase left in English; idioms whose number word is no number."""

from __future__ import annotations

import datetime

from mammogram_callbacks.checks.terms import TermMatcher
from mammogram_callbacks.data.project_data import TermEntry
from mammogram_callbacks.project import Project

TODAY = datetime.date(2026, 11, 25)


def entry(concept, language, preferred, variants=(), forbidden=()):
    return TermEntry(concept, language, preferred, tuple(variants), tuple(forbidden), "d", 1)


def concepts(matcher, text):
    return [(h.concept, h.form, h.forbidden_reason is not None) for h in matcher.hits([(1, text)])]


def findings(root, language="es"):
    return [str(f) for f in Project(root).check([language], today=TODAY).findings]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_translation_finds_inflected_forms_by_their_stem_but_the_source_is_matched_as_listed():
    es = TermMatcher([entry("mammogram", "es", "mamografía")], "es", inflections=True)
    assert concepts(es, "Dos mamografías anuales") == [("mammogram", "mamografías", False)]
    en = TermMatcher([entry("radiologist", "en", "radiologist", ["radiologists"])], "en")
    assert concepts(en, "American College of Radiology") == []
    assert concepts(en, "Two radiologists") == [("radiologist", "radiologists", False)]


def test_arabic_proclitics_are_set_aside():
    ar = TermMatcher([entry("calcification", "ar", "التكلسات")], "ar", inflections=True)
    assert concepts(ar, "فالتكلسات من أكثر الأسباب") == [("calcification", "فالتكلسات", False)]
    assert concepts(ar, "والتكلسات شائعة") == [("calcification", "والتكلسات", False)]


def test_an_invisible_character_hides_no_forbidden_term_and_no_approved_one():
    es = TermMatcher(
        [
            entry(
                "callback",
                "es",
                "llamada para más pruebas",
                forbidden=[("mamografía positiva", "Suena a cáncer.")],
            )
        ],
        "es",
        inflections=True,
    )
    assert concepts(es, "una mamo\u00adgrafía positiva") == [("callback", "mamografía positiva", True)]
    assert concepts(es, "una llamada\u200b para más pruebas") == [
        ("callback", "llamada para más pruebas", False)
    ]


def test_an_invisible_character_inside_a_word_is_a_finding_at_its_line(site_factory):
    root = site_factory()
    edit(root / "docs/es/callback.md", "es común, y casi", "es co\u200bmún, y casi")
    assert (
        "docs/es/callback.md:14: an invisible character (ZERO WIDTH SPACE) sits inside the word at column 35 "
        "('ruebas es co\u2038mún, y casi'): delete it; it splits the word for search and screen readers"
    ) in findings(root)


def test_a_segment_without_the_approved_term_its_section_has_elsewhere_is_a_notice(site_factory):
    root = site_factory()
    en = root / "docs/en/callback.md"
    es = root / "docs/es/callback.md"
    edit(
        en,
        "Calcifications are tiny specks of calcium. Most are not cancer.",
        "Calcifications are tiny specks of calcium.\n\n    Calcifications are common.",
    )
    edit(
        es,
        "Las calcificaciones son puntos de calcio. La mayoría no son cáncer.",
        "Las calcificaciones son puntos de calcio.\n\n    Son comunes.",
    )
    from mammogram_callbacks.core.versions import blob_id
    from mammogram_callbacks.markdown.front_matter_edit import set_source_blob

    es.write_text(set_source_blob(es.read_text(encoding="utf-8"), blob_id(en.read_bytes())), encoding="utf-8")
    report = Project(root).check(["es"], today=TODAY)
    assert report.blocking == []
    assert [str(f) for f in report.findings if f.check == "terminology"] == [
        "docs/es/callback.md:26: this paragraph of the 'tip' box has no approved Spanish term for "
        "calcification, which the English segment uses ('Calcifications', docs/en/callback.md:22): use "
        "'calcificaciones' here too, so that a reader of this part alone meets the same word"
    ]


def test_site_words_and_terms_left_in_english_are_notices_unless_declared(site_factory):
    root = site_factory()
    ui = root / "data/ui/es.yml"
    english_value = next(
        line.split(": ", 1)[1]
        for line in (root / "data/ui/en.yml").read_text().splitlines()
        if line.startswith("numbers_heading:")
    )
    edit(ui, "numbers_heading: De dónde vienen estos números", f"numbers_heading: {english_value}")
    edit(
        root / "data/termbase/es.yml",
        "  preferred: biopsia\n",
        "  preferred: biopsy\n  variants: [biopsia, biopsias]\n",
    )
    edit(root / "data/termbase/es.yml", "  variants: [biopsias]\n", "")
    found = Project(root).check(["es"], today=TODAY).findings
    notices = [str(f) for f in found if not f.blocking and f.path.startswith("data/")]
    line = next(
        i for i, text in enumerate(ui.read_text().splitlines(), 1) if text.startswith("numbers_heading:")
    )
    assert (
        f"data/ui/es.yml:{line}: string 'numbers_heading' is the same as in data/ui/en.yml "
        f"('{english_value}'): translate it" in notices
    )
    assert not any("'range'" in n for n in notices)  # '{low}–{high}' has no words to translate
    assert (
        "data/termbase/es.yml:16: concept 'biopsy': preferred 'biopsy' is the English one: translate "
        "it, or, if your language writes it the same (a code such as BI-RADS, a word borrowed as it is), "
        "say so with same_as_english: <why> in the entry"
    ) in notices
    edit(root / "data/termbase/es.yml", "biopsy:\n", "biopsy:\n  same_as_english: prueba\n")
    after = [str(f) for f in Project(root).check(["es"], today=TODAY).findings]
    assert not any("is the English one" in f for f in after), after


def test_every_broken_ui_string_is_reported_not_only_the_first(site_factory):
    root = site_factory()
    edit(
        root / "data/ui/es.yml",
        "read_source: Leer la página en {source_language}",
        "read_source: Leer la página en {idioma}",
    )
    edit(
        root / "data/ui/es.yml",
        "numbers_heading: De dónde vienen estos números",
        "numbers_heading: De <b>dónde</b>",
    )
    import pytest
    from mammogram_callbacks.core.findings import DataError

    with pytest.raises(DataError) as error:
        Project(root).check(today=TODAY)
    messages = [f.message for f in error.value.findings]
    assert any("string 'read_source' has placeholders ['idioma']" in m for m in messages)
    assert any("string 'numbers_heading' holds '<'" in m for m in messages)


def test_a_declared_idiom_is_no_number_word(site_factory):
    root = site_factory()
    en = root / "docs/en/callback.md"
    es = root / "docs/es/callback.md"
    edit(
        es, "es común, y casi nunca es cáncer.", "es común, y casi nunca es cáncer: pasa en dos de cada diez."
    )
    assert any("writes the number 'diez' (10) in words" in f for f in findings(root))
    edit(
        root / "data/ui/es.yml",
        "numbering_system: latn\n",
        "numbering_system: latn\nnot_numbers: [dos de cada diez]\n",
    )
    assert not any("in words" in f for f in findings(root))
    assert en.exists()
