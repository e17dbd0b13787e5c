"""A clinic's profile: who the branded build names, and who may frame its embeds.

`make site CLINIC=clinics/example.yml` builds the whole site with a clinic's name, phone, booking
link, address, logo and colour. The profile is checked completely on load: every missing, unknown
or malformed field is reported as file:line with the field's name and the form it expects, so a
clinic's web team can fix it without reading code. Profile text is only ever inserted as text
(escaped), never as markup.

Pages name the clinic through markers (`[[clinic:name]]`, ...): a branded build writes the clinic's
name and phone there, the neutral public build the neutral phrase from data/ui/<lang>.yml.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.origins import parse_origin
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml
from mammogram_callbacks.data.logo import Logo, UnsafeLogo, safe_logo

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClinicProfile:
    path: str  # as shown in messages
    name: str
    phone: str  # as the clinic writes it
    booking_url: str
    address: tuple[str, ...]  # lines
    logo: Path
    accent_colour: str  # "#rrggbb", lower case
    languages: tuple[str, ...]
    frame_origins: tuple[str, ...]
    site_url: str = ""  # where the clinic publishes its copy (optional; SITE_URL also sets it)
    handout_paper: tuple[str, ...] = ()  # the handouts' paper sizes (optional; data/handouts.yml's otherwise)

    @property
    def phone_href(self) -> str:
        """A tel: link: the digits, with the + of an international number."""
        return "tel:" + ("+" if self.phone.startswith("+") else "") + re.sub(r"\D", "", self.phone)

    @property
    def served_logo(self) -> Logo:
        """The logo as the site serves it: an SVG rebuilt from the allow-list (data/logo.py)."""
        return safe_logo(self.logo.read_bytes(), self.logo.suffix.lower())

    @property
    def logo_name(self) -> str:
        """The logo's file name in the built site."""
        return "clinic-logo" + self.logo.suffix.lower()


# ---- Functions ---------------------------------------------------------------------------------


def load_profile(
    path: Path, site_languages: list[str], default_language: str, display_root: Path | None = None
) -> ClinicProfile:
    """Read and check a clinic profile; raise DataError listing every problem (file:line: field ...)."""
    display = display_path(path, display_root, Path.cwd())
    document = load_yaml(path, display)
    if not isinstance(document, LineMap):
        raise DataError(
            [
                Finding(
                    display,
                    1,
                    CHECK,
                    f"expected a mapping of the fields {', '.join(FIELDS)}, found {type(document).__name__}",
                )
            ]
        )
    problems: list[Finding] = []

    def problem(key: str, message: str) -> None:
        problems.append(Finding(display, document.line_of(key), CHECK, f"{key}: {message}"))

    known = {**FIELDS, **OPTIONAL_FIELDS}
    for key in document:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (the fields are {', '.join(known)})"
            problem(key, f"unknown field{hint}")
    for key, meaning in FIELDS.items():
        if key not in document:
            problems.append(Finding(display, 1, CHECK, f"{key}: missing; expected {meaning}"))

    values = {
        key: _CHECKERS[key](
            document[key],
            path.parent,
            site_languages,
            default_language,
            lambda message, key=key: problem(key, message),
        )
        for key in known
        if key in document
    }
    if problems:
        raise DataError(sorted(problems, key=lambda f: f.line))
    return ClinicProfile(display, **values)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# ---- Helper functions: one per field, each returns the clean value or reports and returns None ---


def _name(value, folder, languages, default, problem):
    if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
        return problem(f"{value!r} is not a name; expected the clinic's name on one line")
    if len(value.strip()) > 100 or _CONTROL.search(value):
        return problem("expected a name of at most 100 characters, without control characters")
    return " ".join(value.split())


def _phone(value, folder, languages, default, problem):
    if not isinstance(value, str):
        return problem(f'{value!r} is not a phone number; write it in quotes, like "(503) 555-0142"')
    digits = re.sub(r"\D", "", value)
    if not _PHONE.fullmatch(value.strip()) or not 7 <= len(digits) <= 15:
        return problem(
            f"{value!r} is not a phone number; expected 7 to 15 digits with spaces, dashes, dots "
            f"or brackets, like (503) 555-0142 or +1 503 555 0142"
        )
    return value.strip()


def _booking_url(value, folder, languages, default, problem):
    parts = urlsplit(value) if isinstance(value, str) else None
    if (
        parts is None
        or parts.scheme != "https"
        or not parts.hostname
        or parts.username
        or parts.password
        or re.search(r"\s", value)
    ):
        return problem(
            f"{value!r} is not a web address; expected an https:// link to the clinic's booking page"
        )
    return value


def _handout_paper(value, folder, languages, default, problem):
    sizes = PAPER_SIZES
    if (
        not isinstance(value, list)
        or not value
        or any(not isinstance(size, str) or size not in sizes for size in value)
        or len(set(value)) != len(value)
    ):
        return problem(f"{value!r}: expected a list of paper sizes from {', '.join(sizes)}, like [a4]")
    return tuple(value)


def _site_url(value, folder, languages, default, problem):
    parts = urlsplit(value) if isinstance(value, str) else None
    local = parts is not None and parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1")
    if (
        parts is None
        or (parts.scheme != "https" and not local)
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.query
        or parts.fragment
        or re.search(r"\s", value)
    ):
        return problem(
            f"{value!r} is not the address of a site; expected where the clinic publishes its copy, "
            f"like https://www.clinic.example/patient-education/"
        )
    return value if value.endswith("/") else value + "/"


def _address(value, folder, languages, default, problem):
    if not isinstance(value, str) or not value.strip():
        return problem(f"{value!r} is not an address; expected the clinic's address, one or more lines")
    lines = tuple(line.strip() for line in value.strip().splitlines() if line.strip())
    if len(lines) > 6 or any(len(line) > 100 or _CONTROL.search(line) for line in lines):
        return problem("expected at most 6 lines of at most 100 characters each, without control characters")
    return lines


def _logo(value, folder, languages, default, problem):
    if not isinstance(value, str) or not value.strip():
        return problem(f"{value!r} is not a file; expected the logo's file name, next to the profile")
    logo = (folder / value.strip()).resolve()
    if not logo.is_file():
        return problem(f"no file {value!r} (looked for {logo})")
    suffix = logo.suffix.lower()
    if suffix not in _LOGO_MAGIC:
        return problem(f"{value!r} is not an SVG, PNG, WebP or JPEG file")
    content = logo.read_bytes()
    if len(content) > _LOGO_MAX_BYTES:
        return problem(
            f"{value!r} is {len(content) // 1024} KB; a logo needs at most {_LOGO_MAX_BYTES // 1024} KB"
        )
    if not _LOGO_MAGIC[suffix](content):
        return problem(f"{value!r} is not really a {suffix[1:].upper()} image")
    try:
        safe_logo(content, suffix)
    except UnsafeLogo as error:
        return problem(f"{value!r}: {error}")
    return logo


def _accent_colour(value, folder, languages, default, problem):
    if value is None:
        return problem(
            'no colour; write it in quotes, like "#1d5f8a" (YAML reads an unquoted # as a comment)'
        )
    if not isinstance(value, str) or not _COLOUR.fullmatch(value.strip()):
        return problem(f'{value!r} is not a colour; expected "#rrggbb" or "#rgb", like "#1d5f8a"')
    colour = value.strip().lower()
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < _MIN_CONTRAST:
        return problem(
            f"{value} has a contrast of {ratio:.1f}:1 with white; it is used behind white text and "
            f"for links, and needs at least {_MIN_CONTRAST}:1: choose a darker colour"
        )
    return colour


def _languages(value, folder, site_languages, default, problem):
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return problem(
            f"{value!r} is not a list of languages; expected a list like [{', '.join(site_languages)}]"
        )
    unknown = [v for v in value if v not in site_languages]
    if unknown:
        return problem(
            f"{', '.join(unknown)} is not a language of this site; it has {', '.join(site_languages)}"
        )
    if default not in value:
        return problem(
            f"must include '{default}', the site's source language (its pages are the site's root)"
        )
    if len(set(value)) != len(value):
        return problem("lists a language twice")
    return tuple(code for code in site_languages if code in value)


def _frame_origins(value, folder, languages, default, problem):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return problem(
            f"{value!r} is not a list of origins; expected a list like [https://www.clinic.example]"
        )
    origins = []
    for item in value:
        origin = parse_origin(item)
        if origin is None:
            return problem(
                f"{item!r} is not an origin; expected https://host or https://host:port, without a "
                f"path (http:// only for localhost or 127.0.0.1)"
            )
        origins.append(origin)
    return tuple(dict.fromkeys(origins))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# ---- Data --------------------------------------------------------------------------------------

CHECK = "clinic"

# Every field a profile has, with what it expects (for "missing" messages).
FIELDS = {
    "name": "the clinic's name, as patients know it",
    "phone": 'the phone number patients call with questions, like "(503) 555-0142"',
    "booking_url": "an https:// link to the page where patients book or change an appointment",
    "address": "the clinic's address, one or more lines",
    "logo": "the logo's file name, next to the profile (SVG, PNG, WebP or JPEG)",
    "accent_colour": 'the colour of the header and links, like "#1d5f8a"',
    "languages": "the languages to build, like [en, es]",
    "frame_origins": "the websites allowed to show the embedded pages, like [https://www.clinic.example]",
}
# Fields a profile may leave out.
OPTIONAL_FIELDS = {
    "site_url": "the address the clinic publishes its copy at, like https://www.clinic.example/patient-education/",
    "handout_paper": "the paper sizes of the one-page handouts, like [a4] or [letter, a4]",
}
_CHECKERS = {
    "name": _name,
    "phone": _phone,
    "booking_url": _booking_url,
    "address": _address,
    "logo": _logo,
    "accent_colour": _accent_colour,
    "languages": _languages,
    "frame_origins": _frame_origins,
    "site_url": _site_url,
    "handout_paper": _handout_paper,
}

# The paper sizes a handout can be printed on, and their CSS @page size.
PAPER_SIZES = {"letter": "letter", "a4": "A4"}

# What pages may say about the clinic: `[[clinic:ID]]`, like the statistics' `[[stat:ID]]`.
CLINIC_MARKER = re.compile(r"\[\[clinic:(?P<id>[^\]\s]*)\]\]")
CLINIC_MARKERS = {
    "name": "the clinic's name, or 'your imaging center' (in a sentence)",
    "name_start": "the clinic's name, or 'Your imaging center' (at the start of a sentence)",
    "call": "'call <the clinic> at <its phone>', or 'call your imaging center'",
}

_PHONE = re.compile(r"\+?[0-9(][0-9 ().\-]*[0-9]")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text
_LOGO_MAX_BYTES = 200 * 1024
_LOGO_MAGIC = {
    ".svg": lambda content: True,  # rebuilt from an allow-list (data/logo.py)
    ".png": lambda content: content.startswith(b"\x89PNG\r\n\x1a\n"),
    ".webp": lambda content: content[:4] == b"RIFF" and content[8:12] == b"WEBP",
    ".jpg": lambda content: content.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda content: content.startswith(b"\xff\xd8\xff"),
}
