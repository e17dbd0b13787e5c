"""What publishing needs from data/: who may frame the embed pages, and which pages moved.

    data/publish.yml     embed_frame_ancestors: origins allowed to show /embed/ pages in a frame;
                         security_contact, accessibility_contact: who hears of a problem
                         (mailto: or https: addresses; /.well-known/security.txt, the
                         accessibility statement)
    data/redirects.yml   redirects: old addresses and the page each one is now

Both files are optional (no framing, no redirects). Every problem names the file, the line and
the expected form, and all of them are reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.origins import parse_origin
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A page that moved: `old` is its former address and `new` its file, both relative to a
    language's root (`callback/` and `callback.md`); each applies to every language."""

    old: str
    new: str


@dataclass(frozen=True)
class PublishConfig:
    embed_frame_ancestors: tuple[str, ...]
    redirects: tuple[Redirect, ...]
    security_contact: str | None = None  # mailto: or https: (RFC 9116 Contact)
    accessibility_contact: str | None = None


# ---- Functions ---------------------------------------------------------------------------------


def load_publish_config(data_dir: Path, display_root: Path, source_pages: list[str]) -> PublishConfig:
    """Read and validate both files; `source_pages` are the default language's pages (`x.md`)."""
    problems: list[Finding] = []
    publish_name = display_path(data_dir / "publish.yml", display_root)
    publish = _document(data_dir / "publish.yml", publish_name, problems)
    origins = _load_origins(publish, publish_name, problems)
    contacts = _load_contacts(publish, publish_name, problems)
    redirects = _load_redirects(
        data_dir / "redirects.yml",
        display_path(data_dir / "redirects.yml", display_root),
        set(source_pages),
        problems,
    )
    if problems:
        raise DataError(problems)
    return PublishConfig(tuple(origins), tuple(redirects), **contacts)


def page_address(page: str) -> str:
    """The address of a page file with use_directory_urls: false: `x/index.md` -> `x/index.html`."""
    return str(PurePosixPath(page).with_suffix(".html"))


# The value of embed_frame_ancestors that lets any site frame the embed pages.
ANY_SITE = "*"


# ---- Helper functions --------------------------------------------------------------------------


def _load_origins(document: LineMap | None, name: str, problems: list[Finding]) -> list[str]:
    if document is None:
        return []
    value = document.get("embed_frame_ancestors", [])
    line = document.line_of("embed_frame_ancestors")
    if value == ANY_SITE:
        return [ANY_SITE]  # the public site: any clinic may embed the pages
    if not isinstance(value, list):
        problems.append(
            Finding(
                name,
                line,
                "data",
                f"'embed_frame_ancestors' is {value!r}; expected \"*\" (any "
                f"site) or a list of origins such as https://www.example-clinic.org",
            )
        )
        return []
    origins = []
    for number, origin in enumerate(value, start=1):
        parsed = parse_origin(origin) if isinstance(origin, str) else None
        if parsed is None:
            problems.append(
                Finding(
                    name,
                    line,
                    "data",
                    f"embed_frame_ancestors entry {number} is {origin!r}; expected an origin: "
                    f"https://, a host name and an optional :port, no path "
                    f"(e.g. https://www.example-clinic.org; http:// only for localhost or 127.0.0.1)",
                )
            )
        else:
            origins.append(parsed)
    return origins


def _load_contacts(document: LineMap | None, name: str, problems: list[Finding]) -> dict[str, str | None]:
    contacts: dict[str, str | None] = dict.fromkeys(CONTACTS)
    if document is None:
        return contacts
    for key in CONTACTS:
        value = document.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not _CONTACT.fullmatch(value):
            problems.append(
                Finding(
                    name,
                    document.line_of(key),
                    "data",
                    f"'{key}' is {value!r}; expected a mailto: address (mailto:help@example.org) "
                    f"or an https:// page",
                )
            )
            continue
        contacts[key] = value
    return contacts


def _load_redirects(path: Path, name: str, pages: set[str], problems: list[Finding]) -> list[Redirect]:
    document = _document(path, name, problems)
    if document is None:
        return []
    entries = document.get("redirects", [])
    if not isinstance(entries, list):
        problems.append(
            Finding(
                name,
                document.line_of("redirects"),
                "data",
                f"'redirects' is {entries!r}; expected a list of 'from:'/'to:' entries",
            )
        )
        return []
    addresses = {page_address(page) for page in pages}
    redirects, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        line = entry.line if isinstance(entry, LineMap) else document.line_of("redirects")
        where = f"redirect {number}"
        if not isinstance(entry, LineMap) or set(entry) != {"from", "to"}:
            problems.append(Finding(name, line, "data", f"{where}: expected exactly 'from:' and 'to:'"))
            continue
        old, new = entry["from"], entry["to"]
        if not isinstance(old, str) or not _OLD_ADDRESS.fullmatch(old) or ".." in old.split("/"):
            problems.append(
                Finding(
                    name,
                    entry.line_of("from"),
                    "data",
                    f"{where}: 'from' is {old!r}; expected an old address relative to the "
                    f"language's root, ending in .html or / (e.g. callback/ or old-name.html)",
                )
            )
            continue
        if old in addresses or (old.endswith("/") and old + "index.html" in addresses):
            problems.append(
                Finding(
                    name,
                    entry.line_of("from"),
                    "data",
                    f"{where}: 'from' {old!r} is the address of a page that exists; a redirect would hide it",
                )
            )
        elif old in seen:
            problems.append(
                Finding(name, entry.line_of("from"), "data", f"{where}: 'from' {old!r} is listed twice")
            )
        if new not in pages:
            problems.append(
                Finding(
                    name,
                    entry.line_of("to"),
                    "data",
                    f"{where}: 'to' is {new!r}; expected a page of the source language, "
                    f"one of {', '.join(sorted(pages))}",
                )
            )
            continue
        seen.add(old)
        redirects.append(Redirect(old, new))
    return redirects


def _document(path: Path, name: str, problems: list[Finding]) -> LineMap | None:
    if not path.exists():
        return None
    document = load_yaml(path, name)
    if document is None:
        return None
    if not isinstance(document, LineMap):
        problems.append(Finding(name, 1, "data", f"expected a mapping, found {type(document).__name__}"))
        return None
    return document


# ---- Data --------------------------------------------------------------------------------------

CONTACTS = ("security_contact", "accessibility_contact")
_CONTACT = re.compile(
    r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|https://[A-Za-z0-9.-]+(?:/[^\s<>\"'\\]*)?"
)
_OLD_ADDRESS = re.compile(r"(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+\.html|[A-Za-z0-9._~-]+/)")
