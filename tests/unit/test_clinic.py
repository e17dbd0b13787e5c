"""Clinic profiles: a profile is checked field by field on load, the clinic markers give the neutral
words or the clinic's, and a profile's text is never markup. The branded builds are in
tests/build/test_clinic.py."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.clinic import ClinicProfile, contrast_ratio, load_profile
from mammogram_callbacks.render.content import UnknownClinicMarker, markdown_literal, render_clinic

from tests.support.clinic import EXAMPLE, GOOD, LOGO, NAME, PHONE, text_of, write_profile
from tests.support.paths import REPO


def load(folder: Path, text: str = GOOD, logo: bytes | None = None) -> ClinicProfile:
    return load_profile(write_profile(folder, text, logo), ["en", "es", "ar"], "en", folder)


def errors(folder: Path, text: str, logo: bytes | None = None) -> list[str]:
    with pytest.raises(DataError) as error:
        load(folder, text, logo)
    return [str(f) for f in error.value.findings]


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
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><script>alert(1)</script></svg>',
            "an SVG logo must not contain <script>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" onload="alert(1)"/>',
            "an SVG logo must not have event handler attributes (onload= on <svg>)",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "an SVG logo must not have a DOCTYPE, entities or external references",
        ),
        (
            b"<html><body>not a logo</body></html>",
            "not an SVG file (its root element is not <svg> in the SVG namespace)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2000 40"/>',
            "the logo is 2000 x 40: 50.0 times as wide as it is tall; the header has room for a logo at "
            "most 6 times as wide as tall (and at most 6 times as tall as wide), e.g. 240 x 40",
        ),
    ],
)
def test_a_logo_that_could_run_script_or_break_the_header_is_refused(tmp_path, svg, problem):
    assert errors(tmp_path, GOOD, logo=svg) == [f"clinic.yml:7: logo: 'logo.svg': {problem}"]


def test_a_logo_is_served_rebuilt_without_what_could_fetch_or_run(tmp_path):
    svg = (
        b'<?xml-stylesheet type="text/xsl" href="x.xsl"?>'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 48 48">'
        b'<defs><linearGradient id="g"/><style>@\\69mport url(//x.example/a.css);</style></defs>'
        b'<use x:href="#g"/><image x:href="https://tracker.example/pixel.png"/>'
        b'<rect fill="url(#g)" width="4" height="4"/></svg>'
    )
    profile = load(tmp_path, logo=svg)
    assert profile.logo.name == "logo.svg"
    served = profile.served_logo.content.decode()
    assert 'fill="url(#g)"' in served and 'xlink:href="#g"' in served
    for gone in ("xsl", "69mport", "tracker.example", "<style", "<image"):
        assert gone not in served, gone
    assert len(profile.served_logo.left_out) == 3


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
