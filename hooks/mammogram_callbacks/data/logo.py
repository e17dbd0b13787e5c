"""A clinic's logo, made safe to serve from the site's own origin, and sized for the header.

An SVG file opened on its own is a document: on a host that sends no headers it can run script on
the clinic's origin, load a stylesheet transform (`<?xml-stylesheet?>`), fetch from elsewhere, or
hide any of that in CSS escapes (`@\\69mport`, `u\\72l(`). So an SVG logo is not checked for what
is bad: it is **rebuilt** from an allow-list. It is parsed with defusedxml (no DOCTYPE, no entity,
no external reference), and only SVG elements and presentation attributes from the lists below are
written out, with references inside the file only (`#id`). Processing instructions, comments,
foreign namespaces, `<style>` and `style=` are left out by construction. What was left out is
reported; a logo that tries to run script is refused with the reason.

Every logo must also fit the header: at most 6 times as wide as it is tall (2000 x 40 pushed search
and the palette switch off a desktop screen), and the page draws it at most 40 px tall.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

# ---- Classes -----------------------------------------------------------------------------------


class UnsafeLogo(ValueError):
    """A logo refused, with the reason (for the profile's file:line message)."""


@dataclass(frozen=True)
class Logo:
    content: bytes  # what the site serves: the rebuilt SVG, or the raster image as it is
    width: float
    height: float
    left_out: tuple[str, ...] = ()  # what the rebuild dropped, for the build log


# ---- Functions ---------------------------------------------------------------------------------


def safe_logo(content: bytes, suffix: str) -> Logo:
    """The logo the site may serve, or UnsafeLogo saying why not."""
    logo = rebuild_svg(content) if suffix == ".svg" else _raster(content, suffix)
    if logo.width <= 0 or logo.height <= 0:
        raise UnsafeLogo("the logo has no size (give the SVG a viewBox, or width and height)")
    ratio = logo.width / logo.height
    if ratio > MAX_ASPECT or ratio < 1 / MAX_ASPECT:
        raise UnsafeLogo(
            f"the logo is {logo.width:g} x {logo.height:g}: {ratio:.1f} times as wide as it is tall; "
            f"the header has room for a logo at most {MAX_ASPECT} times as wide as tall "
            f"(and at most {MAX_ASPECT} times as tall as wide), e.g. 240 x 40"
        )
    return logo


def rebuild_svg(content: bytes) -> Logo:
    """The SVG rebuilt from the allow-list (raises UnsafeLogo for what cannot be a logo)."""
    try:
        root = SafeET.fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UnsafeLogo("an SVG logo must not have a DOCTYPE, entities or external references") from None
    except ET.ParseError as error:
        raise UnsafeLogo(f"not a valid SVG file ({error})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise UnsafeLogo("not an SVG file (its root element is not <svg> in the SVG namespace)")
    left_out: list[str] = []
    if re.search(rb"<\?(?!xml\s)", content):
        left_out.append("processing instructions (such as <?xml-stylesheet?>)")
    if b"<!--" in content:
        left_out.append("comments")
    clean = _element(root, left_out)
    width, height = _size(clean)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    text = ET.tostring(clean, encoding="unicode", short_empty_elements=True)
    return Logo(text.encode("utf-8"), width, height, tuple(dict.fromkeys(left_out)))


# ---- Helper functions --------------------------------------------------------------------------


def _element(source: ET.Element, left_out: list[str]) -> ET.Element:
    name = _local(source.tag)
    copy = ET.Element(f"{{{SVG}}}{name}")
    for key, value in source.attrib.items():
        attribute = _attribute_name(key)
        if attribute is None:
            left_out.append(f"attribute {_local(key)}= (not an SVG presentation attribute)")
            continue
        if attribute.startswith("on"):
            raise UnsafeLogo(f"an SVG logo must not have event handler attributes ({attribute}= on <{name}>)")
        if attribute not in _ATTRIBUTES.get(name, frozenset()) | _COMMON:
            left_out.append(f"attribute {attribute}= on <{name}>")
            continue
        if _VALUE_FORBIDDEN.search(value):
            if "script:" in value.lower():
                raise UnsafeLogo(f"an SVG logo must not link to script ({attribute}={value!r} on <{name}>)")
            left_out.append(f"{attribute}={value!r} on <{name}> (escapes, outside references or code)")
            continue
        if attribute == "href":
            if not _INTERNAL.fullmatch(value.strip()):
                left_out.append(f"href={value!r} on <{name}> (a logo may only refer to its own parts)")
                continue
            copy.set(f"{{{XLINK}}}href" if key.startswith(f"{{{XLINK}}}") else "href", value.strip())
            continue
        copy.set(attribute, value)
    if source.text and source.text.strip() and name in _TEXT_ELEMENTS:
        copy.text = source.text
    for child in source:
        child_name = _local(child.tag) if isinstance(child.tag, str) else ""
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{SVG}}}"):
            left_out.append(f"<{child_name or 'comment'}> (not in the SVG namespace)")
        elif child_name in _REFUSED:
            raise UnsafeLogo(f"an SVG logo must not contain <{child_name}>")
        elif child_name not in _ATTRIBUTES:
            left_out.append(
                f"<{child_name}>"
                + (" (CSS is not kept: use fill= and stroke=)" if child_name == "style" else "")
            )
        else:
            kept = _element(child, left_out)
            kept.tail = None
            copy.append(kept)
    return copy


def _attribute_name(key: str) -> str | None:
    """An attribute's name if it has no namespace, or is xlink:href; None for any other namespace."""
    if not key.startswith("{"):
        return key.lower() if key.lower().startswith("on") else key
    if key == f"{{{XLINK}}}href":
        return "href"
    return None


def _size(svg: ET.Element) -> tuple[float, float]:
    box = svg.get("viewBox")
    if box:
        parts = re.split(r"[\s,]+", box.strip())
        if len(parts) == 4:
            try:
                return float(parts[2]), float(parts[3])
            except ValueError:
                pass
    try:
        return _length(svg.get("width")), _length(svg.get("height"))
    except ValueError:
        return 0.0, 0.0


def _length(value: str | None) -> float:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value or "")
    if not match:
        raise ValueError(value)
    return float(match[1])


def _raster(content: bytes, suffix: str) -> Logo:
    """The size of a PNG, JPEG or WebP image, read from its header."""
    try:
        if suffix == ".png" and content[12:16] == b"IHDR":
            width, height = struct.unpack(">II", content[16:24])
            return Logo(content, width, height)
        if suffix == ".webp":
            return Logo(content, *_webp_size(content))
        if suffix in (".jpg", ".jpeg"):
            return Logo(content, *_jpeg_size(content))
    except (struct.error, IndexError, ValueError):
        pass
    raise UnsafeLogo(f"could not read the size of this {suffix[1:].upper()} image")


def _webp_size(content: bytes) -> tuple[int, int]:
    chunk = content[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", content[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(content[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(content[24:27], "little") + 1, int.from_bytes(content[27:30], "little") + 1
    raise ValueError("unknown WebP chunk")


def _jpeg_size(content: bytes) -> tuple[int, int]:
    index = 2
    while index < len(content):
        if content[index] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker = content[index + 1]
        length = struct.unpack(">H", content[index + 2 : index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", content[index + 5 : index + 9])
            return width, height
        index += 2 + length
    raise ValueError("no JPEG frame header")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- Data --------------------------------------------------------------------------------------

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
MAX_ASPECT = 6

# Presentation attributes any kept element may have (no style=, no class= without a stylesheet).
_COMMON = _names(
    "id transform fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap "
    "stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity clip-path "
    "clip-rule mask visibility display color"
)
_SHAPE_POSITION = _names("x y width height")
# element -> its own attributes. Nothing else is written out.
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "svg": _names("viewBox width height preserveAspectRatio role aria-label aria-hidden focusable version"),
    "g": frozenset(),
    "defs": frozenset(),
    "title": frozenset(),
    "desc": frozenset(),
    "symbol": _names("viewBox preserveAspectRatio"),
    "use": _SHAPE_POSITION | _names("href"),
    "path": _names("d pathLength"),
    "rect": _SHAPE_POSITION | _names("rx ry"),
    "circle": _names("cx cy r"),
    "ellipse": _names("cx cy rx ry"),
    "line": _names("x1 y1 x2 y2"),
    "polyline": _names("points"),
    "polygon": _names("points"),
    "text": _names("x y dx dy text-anchor font-family font-size font-weight font-style letter-spacing"),
    "tspan": _names("x y dx dy text-anchor font-family font-size font-weight font-style"),
    "linearGradient": _names("x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod href"),
    "radialGradient": _names("cx cy r fx fy fr gradientUnits gradientTransform spreadMethod href"),
    "stop": _names("offset stop-color stop-opacity"),
    "clipPath": _names("clipPathUnits"),
    "mask": _SHAPE_POSITION | _names("maskUnits maskContentUnits"),
}
_TEXT_ELEMENTS = _names("title desc text tspan")
# Elements that run script, embed other documents, or (the animations) rewrite attributes.
_REFUSED = _names(
    "script foreignObject iframe embed object animate set animateTransform animateMotion handler listener"
)
# In a value: a CSS or character escape, a url() to anything but #id, an expression, a scheme.
_VALUE_FORBIDDEN = re.compile(r"\\|&|url\(\s*['\"]?(?!#)|expression\(|[a-z][a-z0-9+.-]*script:|data:", re.I)
_INTERNAL = re.compile(r"#[A-Za-z_][\w.-]*")
