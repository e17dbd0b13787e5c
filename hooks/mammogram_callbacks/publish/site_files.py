"""The steps after the pages are built, as plain functions on a built folder.

The MkDocs build runs them from its hooks (build/site.py, build/publish.py); `translations
finish-site SITE` runs them on a folder any engine built. Nothing here needs MkDocs.

1. `split_languages`: one search index and one sitemap per language (static-i18n writes one of
   each for all languages), with x-default alternates in the sitemaps.
2. `write_host_files`: a page at each moved page's old address, `robots.txt`,
   `.well-known/security.txt`, `_redirects`, `_nginx.conf`, `_headers` (written last: it lists
   every file), and the audit of every built page against the Content-Security-Policy, whose
   findings are returned.
"""

from __future__ import annotations

import datetime
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.data.clinic import ClinicProfile
from mammogram_callbacks.data.project_data import ProjectData
from mammogram_callbacks.data.publish_config import PublishConfig
from mammogram_callbacks.publish.csp_audit import audit_built_pages
from mammogram_callbacks.publish.headers import (
    embed_framers,
    header_rules,
    headers_for_file,
    host_limit_problems,
    meta_content_security_policy,
    render_headers_file,
)
from mammogram_callbacks.publish.nginx import render_nginx_rules
from mammogram_callbacks.publish.redirects import Move, moves, render_redirects_file
from mammogram_callbacks.publish.sitemap import add_x_default, read_sitemap, split_by_language, write_sitemap

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltSite:
    """What the steps need to know about a build."""

    folder: Path
    site_url: str  # "https://example.org/" or "https://example.org/repo/"
    default_language: str
    languages: Sequence[str]  # the languages built, the default first
    clinic: ClinicProfile | None = None

    @property
    def url_prefix(self) -> str:
        """The site's path on its host: "/" at a domain's root, "/repo/" for a GitHub project site."""
        return urlsplit(self.site_url or "/").path.rstrip("/") + "/"

    @property
    def others(self) -> list[str]:
        return [code for code in self.languages if code != self.default_language]


@dataclass(frozen=True)
class HostFiles:
    """What write_host_files did."""

    served: int
    header_rules: int
    moved_pages: int
    findings: list[Finding]  # the CSP audit's
    host_limits: list[str]  # what a host would drop from _headers (publish.headers)


# ---- Functions ---------------------------------------------------------------------------------


def split_languages(site: BuiltSite) -> None:
    """One search index and one sitemap per language."""
    split_search_index(site.folder, site.default_language, site.others)
    split_sitemap(site.folder, site.site_url, site.default_language, site.others)


def split_search_index(folder: Path, default: str, others: list[str]) -> None:
    index_file = folder / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    by_language: dict[str, list] = {code: [] for code in [default, *others]}
    for doc in index["docs"]:
        prefix = doc["location"].split("/", 1)[0]
        if prefix in others:
            doc = {**doc, "location": doc["location"].split("/", 1)[1] if "/" in doc["location"] else ""}
            by_language[prefix].append(doc)
        else:
            by_language[default].append(doc)
    for code, docs in by_language.items():
        target = (
            folder / "search" / "search_index.json"
            if code == default
            else folder / code / "search" / "search_index.json"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], **search_language(folder, code)}
        target.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )


def search_language(folder: Path, code: str) -> dict:
    """The search settings of one language's index: its own lunr language where the built site has
    the script for it (Material ships some 30), else lunr's English tokenizer with no stop-word
    filter (Somali and Hmong: English stop words such as "in" are words there). Material's search
    worker loads `lunr.<lang>.min.js` for each language named here: naming one it lacks breaks
    search on every page of that language."""
    base = code.split("-")[0]
    if base == "en" or (folder / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{base}.min.js").is_file():
        return {"lang": [base]}
    return {"lang": ["en"], "pipeline": []}


def split_sitemap(folder: Path, site_url: str, default: str, others: list[str]) -> None:
    sitemap = folder / "sitemap.xml"
    if not sitemap.exists():
        return
    tree = read_sitemap(sitemap)
    add_x_default(tree, default)
    write_sitemap(tree, sitemap, with_gzip=True)
    for code, language_tree in split_by_language(tree, site_url, others).items():
        write_sitemap(language_tree, folder / code / "sitemap.xml")


def write_host_files(
    site: BuiltSite,
    data: ProjectData,
    publish: PublishConfig,
    macros: Any,
    audit_cache: Path | None = None,
    today: datetime.date | None = None,
) -> HostFiles:
    """Moved pages, robots.txt, _redirects, _nginx.conf and _headers; then the CSP audit.

    `macros` are overrides/hooks/publish.html's (`moved_page`, `robots_txt`).
    """
    folder = site.folder
    found = moves(publish.redirects, list(site.languages), site.default_language, site.url_prefix)
    for move in found:
        write_text(folder / move.old_file, macros.moved_page(_moved_page_context(move, site, data)))
    write_text(folder / "robots.txt", macros.robots_txt({"sitemap": f"{_site_root(site)}sitemap.xml"}))
    if publish.security_contact:
        write_text(folder / SECURITY_TXT, security_txt(publish.security_contact, site, today))
    write_text(folder / "_redirects", render_redirects_file(found))
    framers = embed_framers(publish.embed_frame_ancestors, site.clinic.frame_origins if site.clinic else None)
    write_text(
        folder / "_nginx.conf",
        render_nginx_rules(framers, list(site.languages), site.default_language, found, site.url_prefix),
    )

    published = [path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*")) if path.is_file()]
    served = [path for path in published if path not in HOST_FILES]
    rules = header_rules(served, lambda path: headers_for_file(path, framers), site.url_prefix)
    headers_file = render_headers_file(rules)
    write_text(folder / "_headers", headers_file)

    pages = [path for path in served if path.endswith(".html")]
    findings = audit_built_pages(folder, pages, audit_cache)
    return HostFiles(len(served), len(rules), len(found), findings, host_limit_problems(headers_file))


def security_txt(contact: str, site: BuiltSite, today: datetime.date | None = None) -> str:
    """/.well-known/security.txt (RFC 9116): who to tell about a security problem, until when.

    Expires is half a year after the build (the RFC asks for less than a year), so a site that is
    no longer rebuilt stops claiming a contact that may be gone.
    """
    expires = (today or datetime.date.today()) + SECURITY_TXT_LIFETIME
    return "\n".join(
        [
            f"Contact: {contact}",
            f"Expires: {expires.isoformat()}T00:00:00Z",
            f"Preferred-Languages: {', '.join(site.languages)}",
            f"Canonical: {_site_root(site)}{SECURITY_TXT}",
            "",
        ]
    )


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _moved_page_context(move: Move, site: BuiltSite, data: ProjectData) -> dict:
    ui = data.ui_for(move.language)
    new = move.new_url.removeprefix(site.url_prefix)
    return {
        "lang": move.language,
        "dir": data.formats_for(move.language).direction,
        "csp": meta_content_security_policy(),
        "target": _relative_url(new, move.old_file),
        "canonical": f"{_site_root(site)}{new}",
        "title": ui["moved_title"],
        "text": ui["moved_text"],
        "link": ui["moved_link"],
    }


def _relative_url(url: str, from_file: str) -> str:
    """`url` (site-relative) as a link from the file `from_file` (as mkdocs.utils.get_relative_url)."""
    relative = posixpath.relpath(url or ".", posixpath.dirname(from_file) or ".")
    return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative


def _site_root(site: BuiltSite) -> str:
    return (site.site_url or "").rstrip("/") + "/"


# ---- Data --------------------------------------------------------------------------------------

SECURITY_TXT = ".well-known/security.txt"
SECURITY_TXT_LIFETIME = datetime.timedelta(days=182)

# Files a host reads for itself and never serves (deploy/nginx.conf refuses them too).
HOST_FILES = frozenset({"_headers", "_redirects", "_nginx.conf"})
