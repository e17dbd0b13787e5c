"""Branded builds: a clinic profile is checked field by field on load, its name and phone replace
the neutral words in every language (and only in a branded build), its text is never markup, and
`make site CLINIC=...` builds the whole site and its embeds for the clinic."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import markdown
import pytest
from conftest import REPO, build_site
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.clinic import ClinicProfile, contrast_ratio, load_profile
from mammogram_callbacks.render.content import UnknownClinicMarker, markdown_literal, render_clinic

EXAMPLE = REPO / "clinics" / "example.yml"
LOGO = REPO / "clinics" / "example-logo.svg"
NAME, PHONE = "Harbor View Breast Imaging", "(503) 555-0142"

# A good profile for the fixture site (en, es, ar); line numbers below refer to this text.
GOOD = """\
name: Harbor View Breast Imaging
phone: "(503) 555-0142"
booking_url: https://harborview-imaging.example/appointments
address: |
  1200 Harbor View Drive, Suite 300
  Portland, OR 97209
logo: logo.svg
accent_colour: "#1d5f8a"
languages: [en, es, ar]
frame_origins: [https://harborview-imaging.example]
"""


def write_profile(folder: Path, text: str = GOOD, logo: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.svg").write_bytes(LOGO.read_bytes() if logo is None else logo)
    path = folder / "clinic.yml"
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path, text: str = GOOD, logo: bytes | None = None) -> ClinicProfile:
    return load_profile(write_profile(folder, text, logo), ["en", "es", "ar"], "en", folder)


def errors(folder: Path, text: str, logo: bytes | None = None) -> list[str]:
    with pytest.raises(DataError) as error:
        load(folder, text, logo)
    return [str(f) for f in error.value.findings]


def text_of(page_html: str) -> str:
    """What a reader sees: the text without tags, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


# ---- The profile ---------------------------------------------------------------------------------


def test_the_example_profile_loads():
    profile = load_profile(EXAMPLE, ["en", "es", "ar", "zh", "vi"], "en", REPO)
    assert profile.path == "clinics/example.yml"
    assert (profile.name, profile.phone, profile.phone_href) == (NAME, PHONE, "tel:5035550142")
    assert profile.address == ("1200 Harbor View Drive, Suite 300", "Portland, OR 97209")
    assert profile.accent_colour == "#1d5f8a" and profile.logo == LOGO
    assert profile.languages == ("en", "es", "ar", "zh", "vi")
    assert profile.frame_origins == (
        "https://harborview-imaging.example",
        "https://portal.harborview-imaging.example",
    )


def test_a_profile_is_normalised(tmp_path):
    profile = load(
        tmp_path,
        GOOD.replace('"#1d5f8a"', '"#15A"')
        .replace("[en, es, ar]", "[ar, en]")
        .replace("[https://harborview-imaging.example]", "[HTTPS://Clinic.example/, http://127.0.0.1:8123]")
        .replace('"(503) 555-0142"', '"+1 503 555 0142"'),
    )
    assert profile.accent_colour == "#1155aa"
    assert profile.languages == ("en", "ar")  # in the site's order
    assert profile.frame_origins == ("https://clinic.example", "http://127.0.0.1:8123")
    assert profile.phone_href == "tel:+15035550142"


BAD = {
    # A missing, unknown or malformed field: the message names the file, the line and the field.
    "missing field": (
        GOOD.replace('phone: "(503) 555-0142"\n', ""),
        [
            "clinic.yml:1: phone: missing; expected the phone number patients call with questions, like "
            '"(503) 555-0142"'
        ],
    ),
    "unknown field": (
        GOOD + "colour: teal\n",
        ["clinic.yml:11: colour: unknown field; did you mean 'accent_colour'?"],
    ),
    "phone that is not a phone": (
        GOOD.replace('"(503) 555-0142"', "call us"),
        [
            "clinic.yml:2: phone: 'call us' is not a phone number; expected 7 to 15 digits with spaces, "
            "dashes, dots or brackets, like (503) 555-0142 or +1 503 555 0142"
        ],
    ),
    "phone as a number": (
        GOOD.replace('"(503) 555-0142"', "5035550142"),
        ['clinic.yml:2: phone: 5035550142 is not a phone number; write it in quotes, like "(503) 555-0142"'],
    ),
    "colour that is not a colour": (
        GOOD.replace('"#1d5f8a"', "teal"),
        [
            "clinic.yml:8: accent_colour: 'teal' is not a colour; "
            'expected "#rrggbb" or "#rgb", like "#1d5f8a"'
        ],
    ),
    "colour without quotes": (
        GOOD.replace('"#1d5f8a"', "#1d5f8a"),
        [
            'clinic.yml:8: accent_colour: no colour; write it in quotes, like "#1d5f8a" '
            "(YAML reads an unquoted # as a comment)"
        ],
    ),
    "colour too light for white text": (
        GOOD.replace('"#1d5f8a"', '"#ffcc00"'),
        [
            "clinic.yml:8: accent_colour: #ffcc00 has a contrast of 1.5:1 with white; it is used behind "
            "white text and for links, and needs at least 4.5:1: choose a darker colour"
        ],
    ),
    "logo that does not exist": (
        GOOD.replace("logo: logo.svg", "logo: missing.png"),
        ["clinic.yml:7: logo: no file 'missing.png' (looked for {tmp}/missing.png)"],
    ),
    "booking link that is not https": (
        GOOD.replace("https://harborview-imaging.example/appointments", "http://harborview.example/book"),
        [
            "clinic.yml:3: booking_url: 'http://harborview.example/book' is not a web address; "
            "expected an https:// link to the clinic's booking page"
        ],
    ),
    "language the site does not have": (
        GOOD.replace("[en, es, ar]", "[en, fr]"),
        ["clinic.yml:9: languages: fr is not a language of this site; it has en, es, ar"],
    ),
    "languages without the source language": (
        GOOD.replace("[en, es, ar]", "[es]"),
        [
            "clinic.yml:9: languages: must include 'en', the site's source language "
            "(its pages are the site's root)"
        ],
    ),
    "origin with a path": (
        GOOD.replace("[https://harborview-imaging.example]", "[https://harborview-imaging.example/portal]"),
        [
            "clinic.yml:10: frame_origins: 'https://harborview-imaging.example/portal' is not an origin; "
            "expected https://host or https://host:port, without a path "
            "(http:// only for localhost or 127.0.0.1)"
        ],
    ),
    "origin over plain http": (
        GOOD.replace("[https://harborview-imaging.example]", "[http://harborview-imaging.example]"),
        [
            "clinic.yml:10: frame_origins: 'http://harborview-imaging.example' is not an origin; expected "
            "https://host or https://host:port, without a path (http:// only for localhost or 127.0.0.1)"
        ],
    ),
    "empty name and several problems at once": (
        GOOD.replace("name: Harbor View Breast Imaging", 'name: ""').replace("[en, es, ar]", "en"),
        [
            "clinic.yml:1: name: '' is not a name; expected the clinic's name on one line",
            "clinic.yml:9: languages: 'en' is not a list of languages; expected a list like [en, es, ar]",
        ],
    ),
    "not a mapping": (
        "- name: Harbor View\n",
        [
            "clinic.yml:1: expected a mapping of the fields name, phone, booking_url, address, logo, "
            "accent_colour, languages, frame_origins, found list"
        ],
    ),
    "broken YAML": (
        GOOD.replace("languages: [en, es, ar]", "languages: [en, es"),
        ["clinic.yml:10: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_profile_is_reported_at_its_field_and_line(tmp_path, case):
    text, expected = BAD[case]
    assert errors(tmp_path, text) == [message.format(tmp=tmp_path) for message in expected]


@pytest.mark.parametrize(
    ("svg", "problem"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "an SVG logo must not contain <script>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "an SVG logo must not have event handler attributes (onload= on <svg>)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://tracker.example/pixel.png"/></svg>',
            "an SVG logo may only link inside itself (href='https://tracker.example/pixel.png' on <image>)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://fonts.example/a.css);</style></svg>',
            "an SVG logo's <style> may only refer to its own parts (no @import or outside url())",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "an SVG logo must not have a DOCTYPE or entities",
        ),
        (b"<html><body>not a logo</body></html>", "not an SVG file (its root element is not <svg>)"),
    ],
)
def test_a_logo_that_could_run_script_or_fetch_elsewhere_is_refused(tmp_path, svg, problem):
    assert errors(tmp_path, GOOD, logo=svg) == [f"clinic.yml:7: logo: 'logo.svg': {problem}"]


def test_a_logo_that_only_refers_to_itself_is_accepted(tmp_path):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><defs>'
        b'<linearGradient id="g"/><style>.a{fill:url(#g)}</style></defs><use x:href="#g"/>'
        b'<rect class="a" fill="url(#g)" width="4" height="4"/></svg>'
    )
    assert load(tmp_path, logo=svg).logo.name == "logo.svg"


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast_ratio("#777777", "#ffffff") < 4.5


# ---- What pages say -------------------------------------------------------------------------------

UI = {
    "clinic_name_neutral": "your imaging center",
    "clinic_name_start_neutral": "Your imaging center",
    "clinic_call_neutral": "call your imaging center",
    "clinic_call": "call {name} at {phone}",
}


def test_markers_give_the_neutral_words_or_the_clinic(tmp_path):
    page = "[[clinic:name_start]] calls. Ask [[clinic:name]], or [[clinic:call]]. `[[clinic:name]]` is code."
    assert render_clinic(page, UI, None) == (
        "Your imaging center calls. Ask your imaging center, or call your imaging center. "
        "`[[clinic:name]]` is code."
    )
    branded = render_clinic(page, UI, load(tmp_path))
    assert branded == (
        "<bdi>Harbor View Breast Imaging</bdi> calls. Ask <bdi>Harbor View Breast Imaging</bdi>, or "
        'call <bdi>Harbor View Breast Imaging</bdi> at [<bdi dir="ltr">(503) 555-0142</bdi>]'
        "(tel:5035550142). `[[clinic:name]]` is code."
    )
    with pytest.raises(UnknownClinicMarker):
        render_clinic("Ask [[clinic:adress]].", UI, None)


EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "tables", "pymdownx.smartsymbols"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=40).filter(
        lambda text: text.strip()
    )
)
def test_profile_text_is_shown_exactly_as_written_never_as_markup(text):
    rendered = markdown.markdown(f"Call {markdown_literal(text)} today.", extensions=EXTENSIONS)
    assert re.sub(r"<[^>]+>", "", rendered).startswith("Call ")
    assert rendered.count("<") == 2  # <p> and </p>: no element came from the text
    assert text_of(rendered) == " ".join(f"Call {text} today.".split())


# ---- Builds ---------------------------------------------------------------------------------------


def branded_fixture(site_factory, monkeypatch, text: str = GOOD):
    root = site_factory()
    write_profile(root / "clinic", text)
    monkeypatch.setenv("PE_CLINIC", "clinic/clinic.yml")  # relative to where the build runs
    return build_site(root)


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
    assert 'src="../assets/images/clinic-logo.svg"' in page
    assert '<link rel="stylesheet" href="../assets/stylesheets/clinic.css">' in page
    assert "--md-primary-fg-color: #1d5f8a;" in result.html("assets/stylesheets/clinic.css")
    assert (result.site_dir / "assets/images/clinic-logo.svg").read_bytes() == LOGO.read_bytes()
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


HOSTILE = GOOD.replace(
    "name: Harbor View Breast Imaging", "name: '<script>alert(\"name\")</script> & <b>Co</b>'"
).replace("  Portland, OR 97209", "  <img src=x onerror=alert(1)> Portland")


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


@pytest.mark.browser
def test_markup_in_a_profile_is_shown_as_text_in_the_browser(site_factory, monkeypatch, browser):
    from conftest import serve

    result = branded_fixture(site_factory, monkeypatch, HOSTILE)
    server, url = serve(result.site_dir)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in ("es/next-steps.html", "embed/es/next-steps.html"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            body = page.inner_text("body")
            assert '<script>alert("name")</script> & <b>Co</b>' in body, path
            assert page.locator("b").filter(has_text="Co").count() == 0
        assert dialogs == []
    finally:
        page.close()
        server.shutdown()


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
    assert 'src="assets/images/clinic-logo.svg"' in index


def test_the_neutral_site_names_no_clinic(real_site):
    from mammogram_callbacks.project import Project

    project = Project(REPO)
    for lang in LANGUAGES:
        for path in (f"{'' if lang == 'en' else lang + '/'}next-steps.html", f"embed/{lang}/next-steps.html"):
            text = text_of(real_site.html(path))
            assert "Harbor View" not in text and "555-0142" not in text, path
            assert project.data.ui[lang]["clinic_call_neutral"] in text, path
    assert "clinic-logo" not in real_site.html("index.html")
