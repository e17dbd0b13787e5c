"""The pages of a built site, as the browser audits see them: path, language and kind.

The accessibility test, the print test and scripts/bench_weight.py take their list of pages from
here, so a page added to the site (a new language, the embed pages under `embed/`) is audited
without touching them. Pages are found in the built site, not in docs/: what a reader can load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class BuiltPage:
    path: str  # relative to the site root, as in a URL: "es/callback.html"
    language: str
    kind: str  # "home", "content", "embed" (a page for a clinic's iframe) or "not-found" (404.html)

    @property
    def budget_bytes(self) -> int:
        """The most a first visit may transfer, compressed (issue #6): 25 KB embed, 100 KB otherwise."""
        return _EMBED_BUDGET if self.kind == "embed" else _PAGE_BUDGET


# ---- Functions ---------------------------------------------------------------------------------


def built_pages(site_dir: Path, languages: list[str], default: str) -> list[BuiltPage]:
    """Every HTML page of the built site, sorted by path."""
    if not site_dir.is_dir():
        raise FileNotFoundError(f"{site_dir}: no built site here (run `make site`)")
    pages = []
    others = set(languages) - {default}
    for file in site_dir.rglob("*.html"):
        path = PurePosixPath(file.relative_to(site_dir).as_posix())
        if path.parts[0] in ("assets", "search"):
            continue  # theme assets, never a page
        if _MOVED.search(file.read_text(encoding="utf-8", errors="replace")[:2048]):
            continue  # left at a moved page's old address: it sends the reader on at once
        if path.parts[0] == "embed" and len(path.parts) > 2:  # embed/<lang>/<page>.html
            pages.append(BuiltPage(str(path), path.parts[1], "embed"))
            continue
        language = path.parts[0] if len(path.parts) > 1 and path.parts[0] in others else default
        pages.append(BuiltPage(str(path), language, _kind(path, language != default)))
    return sorted(pages)


def page_for_url(pages: list[BuiltPage], url_path: str) -> BuiltPage | None:
    """The page a URL path ("/es/callback.html", "es/") points at."""
    path = url_path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return next((page for page in pages if page.path == path), None)


# ---- Helper functions --------------------------------------------------------------------------


def _kind(path: PurePosixPath, in_language_folder: bool) -> str:
    parts = path.parts[1:] if in_language_folder else path.parts
    if "embed" in parts[:-1]:
        return "embed"
    if parts == ("404.html",):
        return "not-found"
    if parts == ("index.html",):
        return "home"
    return "content"


# ---- Data --------------------------------------------------------------------------------------

_MOVED = re.compile(r'<meta http-equiv="refresh"', re.I)
_PAGE_BUDGET = 100 * 1024
_EMBED_BUDGET = 25 * 1024
