"""A clinic's logo is rebuilt from an allow-list (data/logo.py): every trick that passed the old
checks is gone from what the site serves, or refused with its reason; and it fits the header."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.data.logo import MAX_ASPECT, SVG, UnsafeLogo, rebuild_svg, safe_logo

NS = f'xmlns="{SVG}" xmlns:x="http://www.w3.org/1999/xlink"'


def svg(body: str, box: str = "0 0 48 48") -> bytes:
    return f'<svg {NS} viewBox="{box}">{body}</svg>'.encode()


def served(content: bytes) -> str:
    return safe_logo(content, ".svg").content.decode()


# What each trick looked like; none may survive in what the site serves.
LEFT_OUT = {
    "xslt stylesheet": (
        b'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="x.xsl"?>' + svg("<rect/>"),
        ["xml-stylesheet", "x.xsl"],
    ),
    "css escape @import": (
        svg("<style>@\\69mport url(//x.example/a.css);</style><rect/>"),
        ["69mport", "style"],
    ),
    "css escape url(": (svg('<rect fill="u\\72l(//x.example/p)"/>'), ["72l", "x.example"]),
    "xhtml img with src": (
        svg('<i:img xmlns:i="http://www.w3.org/1999/xhtml" src="https://x.example/p.png"/>'),
        ["img", "x.example"],
    ),
    "external use": (svg('<use x:href="https://x.example/s.svg#a"/>'), ["x.example"]),
    "external image": (svg('<image x:href="https://x.example/p.png"/>'), ["image", "x.example"]),
    "data: image": (svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), ["data:", "image"]),
    "link": (svg('<a href="https://x.example/"><rect/></a>'), ["x.example"]),
    "style attribute": (svg('<rect style="fill:url(https://x.example/p)"/>'), ["style", "x.example"]),
    "comment": (svg("<!-- <script>alert(1)</script> --><rect/>"), ["script", "<!--"]),
    "character reference in a value": (svg('<rect fill="&#117;rl(//x.example)"/>'), ["x.example"]),
    "foreign namespace attribute": (
        svg('<rect xmlns:e="urn:evil" e:onload="alert(1)"/>'),
        ["onload", "urn:evil"],
    ),
}


@pytest.mark.parametrize("trick", LEFT_OUT)
def test_a_trick_that_passed_the_old_checks_is_not_in_the_served_logo(trick):
    content, absent = LEFT_OUT[trick]
    logo = safe_logo(content, ".svg")
    text = logo.content.decode()
    for needle in absent:
        assert needle not in text, (needle, text)
    assert logo.left_out, "what was left out is reported"
    ET.fromstring(text)  # still a well-formed SVG


REFUSED = {
    "script": (svg("<script>alert(1)</script>"), "an SVG logo must not contain <script>"),
    "event handler": (svg("<rect onclick='alert(1)'/>"), "event handler attributes (onclick= on <rect>)"),
    "animation rewriting a link": (svg('<animate attributeName="href" to="javascript:x"/>'), "<animate>"),
    "foreignObject": (svg("<foreignObject><div/></foreignObject>"), "<foreignObject>"),
    "javascript link": (svg('<use x:href="javascript:alert(1)"/>'), "must not link to script"),
    "doctype and entities": (
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        "must not have a DOCTYPE, entities or external references",
    ),
    "external entity": (
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "must not have a DOCTYPE",
    ),
    "not svg": (b"<html><body>x</body></html>", "not an SVG file"),
    "no namespace": (b'<svg viewBox="0 0 4 4"/>', "in the SVG namespace"),
    "too wide": (svg("", "0 0 2000 40"), "50.0 times as wide as it is tall"),
    "too tall": (svg("", "0 0 10 100"), "at most 6 times as tall as wide"),
    "no size": (f'<svg xmlns="{SVG}"/>'.encode(), "the logo has no size"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_logo_that_tries_to_run_script_or_cannot_fit_is_refused_with_its_reason(case):
    content, reason = REFUSED[case]
    with pytest.raises(UnsafeLogo, match=None) as error:
        safe_logo(content, ".svg")
    assert reason in str(error.value)


def test_a_good_logo_keeps_its_shapes_gradients_and_title():
    content = svg(
        '<title>Harbor View</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
        '</linearGradient></defs><circle cx="24" cy="24" r="22" fill="url(#g)"/>'
        '<use x:href="#g"/><path d="M8 30h32" stroke="#1d5f8a" stroke-width="2"/>'
    )
    logo = safe_logo(content, ".svg")
    assert logo.left_out == () and (logo.width, logo.height) == (48, 48)
    text = logo.content.decode()
    for kept in (
        "<title>Harbor View</title>",
        'fill="url(#g)"',
        'xlink:href="#g"',
        'stop-color="#fff"',
        'd="M8 30h32"',
    ):
        assert kept in text, kept


def test_the_size_of_raster_logos_is_read_from_their_headers():
    png = (
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", 2000, 40) + b"\x08\x06\x00\x00\x00"
    )
    with pytest.raises(UnsafeLogo, match="2000 x 40"):
        safe_logo(png, ".png")
    ok = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + struct.pack(">II", 240, 40) + b"\x08\x06\x00\x00\x00"
    assert (safe_logo(ok, ".png").width, safe_logo(ok, ".png").height) == (240, 40)
    jpeg = (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", 4)
        + b"JF"
        + b"\xff\xc0"
        + struct.pack(">HBHH", 11, 8, 40, 200)
    )
    assert (safe_logo(jpeg, ".jpg").width, safe_logo(jpeg, ".jpg").height) == (200, 40)
    assert MAX_ASPECT == 6


# ---- Generated SVG ------------------------------------------------------------------------------

ELEMENTS = st.sampled_from(
    ["rect", "circle", "path", "g", "a", "image", "style", "use", "text", "foo", "linearGradient", "i:div"]
)
ATTRIBUTES = st.sampled_from(
    ["fill", "stroke", "href", "x:href", "style", "class", "d", "width", "filter", "begin", "e:src"]
)
VALUES = st.sampled_from(
    [
        "#fff",
        "url(#g)",
        "url(https://x.example/a)",
        "u\\72l(//x)",
        "https://x.example/",
        "#g",
        "M0 0h4",
        "&#106;avascript:x",
        "data:image/png;base64,AA==",
        "4",
        "expression(alert(1))",
        "@import x",
    ]
)


@st.composite
def svg_trees(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(ELEMENTS)
        attrs = " ".join(f'{draw(ATTRIBUTES)}="{draw(VALUES)}"' for _ in range(draw(st.integers(0, 3))))
        inner = draw(svg_trees(depth + 1)) if depth < 2 else ""
        parts.append(f"<{name} {attrs}>{inner}</{name}>")
    return "".join(parts)


ALLOWED_REF = ("#", "url(#")


@settings(max_examples=150, deadline=None)
@given(svg_trees())
def test_whatever_goes_in_only_allowed_svg_comes_out(body):
    content = (
        f'<svg {NS} xmlns:i="http://www.w3.org/1999/xhtml" xmlns:e="urn:e" viewBox="0 0 48 48">{body}</svg>'
    ).encode()
    try:
        ET.fromstring(content)
    except ET.ParseError:
        return  # duplicate attributes: not XML, refused as such
    try:
        logo = rebuild_svg(content)
    except UnsafeLogo:
        return
    root = ET.fromstring(logo.content)
    for element in root.iter():
        assert element.tag.startswith(f"{{{SVG}}}"), element.tag
        assert element.tag.rsplit("}", 1)[1] not in ("style", "image", "a", "foo", "script")
        for key, value in element.attrib.items():
            assert key.rsplit("}", 1)[-1] not in ("style", "class", "filter", "begin", "src")
            assert "\\" not in value and "&" not in value and "script" not in value.lower()
            assert "url(" not in value or value.startswith("url(#")
            if key.endswith("href"):
                assert value.startswith("#")
    assert rebuild_svg(logo.content).content == logo.content  # rebuilding is stable
