"""Branded builds: a clinic's name and phone replace the neutral words in every language (and only in
a branded build), its text is never markup, and `make site CLINIC=...` builds the whole site and its
embeds for the clinic."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mammogram_callbacks.data.logo import safe_logo

from tests.support.builds import build_site
from tests.support.clinic import (
    EXAMPLE,
    GOOD,
    HOSTILE,
    LOGO,
    NAME,
    PHONE,
    branded_fixture,
    text_of,
    write_profile,
)
from tests.support.paths import REPO


def test_an_unknown_marker_stops_the_build_at_its_file_and_line(site_factory):
    result = build_site(site_factory("unknown-clinic-marker"), strict=False)
    assert result.error is not None
    assert "docs/es/next-steps.md:14: unknown clinic marker [[clinic:nombre]]" in result.warnings


def test_a_branded_fixture_build_names_the_clinic_in_every_language(site_factory, monkeypatch):
    result = branded_fixture(site_factory, monkeypatch)
    assert result.error is None, result.warnings
    for prefix, call, neutral in (
        ("", "call Harbor View Breast Imaging at (503) 555-0142", "call your imaging center"),
        ("es/", "llame a Harbor View Breast Imaging al (503) 555-0142", "llame a su centro de imágenes"),
        ("ar/", "اتصلي بـ Harbor View Breast Imaging على الرقم (503) 555-0142", "اتصلي بمركز التصوير"),
    ):
        for page in (f"{prefix}next-steps.html", f"embed/{prefix or 'en/'}next-steps.html"):
            text = text_of(result.html(page))
            assert call in text and neutral not in text, page
        assert 'href="tel:5035550142"' in result.html(f"{prefix}next-steps.html")
    # The clinic's box, logo and colour.
    page = result.html("es/callback.html")
    assert "Pedir o cambiar una cita" in page and "1200 Harbor View Drive, Suite 300" in page
    assert '<img src="../assets/images/clinic-logo.svg" alt="Harbor View Breast Imaging">' in page
    # Its logo is the tab icon too.
    assert '<link rel="icon" href="../assets/images/clinic-logo.svg">' in page
    assert '<link rel="stylesheet" href="../assets/stylesheets/clinic.css">' in page
    assert "--md-primary-fg-color: #1d5f8a;" in result.html("assets/stylesheets/clinic.css")
    # The logo as served is rebuilt from the allow-list (data/logo.py): the same drawing.
    served = (result.site_dir / "assets/images/clinic-logo.svg").read_bytes()
    assert served == safe_logo(LOGO.read_bytes(), ".svg").content
    assert served.count(b"<path") == 2 and b"<circle" in served and b"<title>" in served
    # Only the clinic's origins (and the site itself) may frame the embeds.
    assert "frame-ancestors 'self' https://harborview-imaging.example\n" in result.html("_headers")
    assert 'data-parent-origins="https://harborview-imaging.example"' in result.html("embed/es/callback.html")


def test_the_neutral_fixture_build_names_no_clinic(site_factory):
    result = build_site(site_factory())
    assert result.error is None, result.warnings
    text = text_of(result.html("next-steps.html"))
    assert "Ask your imaging center when" in text
    assert "Your imaging center can tell you" in text
    assert "If you have questions about your results, call your imaging center." in text
    assert "Si tiene dudas, llame a su centro de imágenes." in text_of(result.html("es/next-steps.html"))
    assert "pe-clinic" not in result.html("next-steps.html")
    assert not (result.site_dir / "assets/stylesheets/clinic.css").exists()
    assert "frame-ancestors *\n" in result.html("_headers")


def test_the_profile_chooses_the_languages_built(site_factory, monkeypatch):
    root = site_factory()
    # A moved page: its old address gets a redirect (a stub page and server rules) per language built.
    (root / "data" / "redirects.yml").write_text(
        "redirects:\n  - from: old-callback.html\n    to: callback.md\n", encoding="utf-8"
    )
    write_profile(root / "clinic", GOOD.replace("[en, es, ar]", "[en, es]"))
    monkeypatch.setenv("PE_CLINIC", "clinic/clinic.yml")
    result = build_site(root)
    assert result.error is None, result.warnings
    assert (result.site_dir / "es/next-steps.html").exists() and (result.site_dir / "embed/es").is_dir()
    assert not (result.site_dir / "ar").exists() and not (result.site_dir / "embed/ar").exists()
    assert 'hreflang="ar"' not in result.html("index.html") and 'hreflang="es"' in result.html("index.html")
    # Every hook reads the same language list (the build session's): the publishing files name the
    # languages built and no other, and the stub pages exist for those alone.
    assert (result.site_dir / "es/old-callback.html").exists() and (
        result.site_dir / "old-callback.html"
    ).exists()
    for host_file in ("_redirects", "_nginx.conf", "_headers", "sitemap.xml"):
        assert "/ar/" not in result.html(host_file), host_file
    assert "/es/old-callback.html" in result.html("_redirects")


def test_a_bad_profile_stops_the_build_naming_the_field(site_factory, monkeypatch):
    result = branded_fixture(site_factory, monkeypatch, GOOD.replace('"#1d5f8a"', '"#1d5f8"'))
    assert result.error is not None
    assert (
        "Unusable clinic profile:\nclinic/clinic.yml:8: accent_colour: '#1d5f8' is not a colour; expected "
        '"#rrggbb" or "#rgb", like "#1d5f8a"'
    ) in result.warnings


def test_a_missing_profile_file_stops_the_build(site_factory, monkeypatch):
    monkeypatch.setenv("PE_CLINIC", "clinics/nowhere.yml")
    result = build_site(site_factory())
    assert result.error is not None
    assert "Unusable clinic profile:\nclinics/nowhere.yml:1: file not found" in result.warnings


def test_markup_in_a_profile_renders_as_text(site_factory, monkeypatch):
    result = branded_fixture(site_factory, monkeypatch, HOSTILE)
    assert result.error is None, result.warnings
    pages = list(result.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<b>Co" not in page and "<img src=x" not in page, path
    for page in ("next-steps.html", "es/next-steps.html", "embed/ar/next-steps.html"):
        text = text_of(result.html(page))
        assert '<script>alert("name")</script> & <b>Co</b>' in text, page
        assert "<img src=x onerror=alert(1)> Portland" in text, page


# ---- The real site --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory) -> Path:
    """The real site branded with the example profile, built by the documented command."""
    site = tmp_path_factory.mktemp("branded-site")
    run = subprocess.run(
        ["make", "--no-print-directory", "site", f"CLINIC={EXAMPLE.relative_to(REPO)}", f"SITE_DIR={site}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return site


LANGUAGES = ("en", "es", "ar", "zh", "vi")


def test_make_site_with_a_clinic_names_it_and_its_phone_on_next_steps_in_every_language(branded_site):
    for lang in LANGUAGES:
        for path in (f"{'' if lang == 'en' else lang + '/'}next-steps.html", f"embed/{lang}/next-steps.html"):
            text = text_of((branded_site / path).read_text(encoding="utf-8"))
            assert NAME in text and PHONE in text, path
    index = (branded_site / "index.html").read_text(encoding="utf-8")
    assert "Harbor View Breast Imaging has asked you to come back" in text_of(index)
    # The taglines say whom to call, in each of the copy's other languages.
    assert (
        '<p lang="es" dir="ltr">Hay ayuda gratuita en español. Llame a Harbor View Breast Imaging '
        "al (503) 555-0142 y pida un intérprete.</p>" in index
    )
    assert 'lang="so"' not in index  # a language the copy does not build
    assert 'src="assets/images/clinic-logo.svg"' in index


def test_a_clinics_handouts_carry_its_name_and_phone_on_letter_and_a4(branded_site):
    from tests.support.handouts import read_handout

    for name, paper in (("next-steps.pdf", (612.0, 792.0)), ("next-steps.a4.pdf", (595.0, 842.0))):
        for lang in LANGUAGES:
            sheet = read_handout(branded_site / "handouts" / lang / name)
            assert sheet.pages == 1, (lang, name)
            assert tuple(round(side) for side in sheet.paper_points) == paper, (lang, name)
            assert NAME in sheet.words and PHONE in sheet.words, (lang, name)
            prefix = "" if lang == "en" else f"{lang}/"
            assert len(sheet.qr_codes) == 1 and sheet.qr_codes[0].endswith(f"/{prefix}next-steps.html")
    english = read_handout(branded_site / "handouts" / "en" / "waiting.pdf").words
    assert f"Questions? Call {NAME} at {PHONE}." in english
    # The language-help lines say whom to call, in the copy's other languages only.
    assert f"Llame a {NAME} al {PHONE} y pida un intérprete." in english
    assert "Soomaali" not in english and "lus Hmoob" not in english
    assert not (branded_site / "handouts" / "so").exists()


def test_the_neutral_site_names_no_clinic(real_site):
    from mammogram_callbacks.project import Project

    project = Project(REPO)
    for lang in [language.code for language in project.languages]:
        for path in (f"{'' if lang == 'en' else lang + '/'}next-steps.html", f"embed/{lang}/next-steps.html"):
            text = text_of(real_site.html(path))
            assert "Harbor View" not in text and "555-0142" not in text, path
            assert project.data.ui[lang]["clinic_call_neutral"] in text, path
    assert "clinic-logo" not in real_site.html("index.html")
