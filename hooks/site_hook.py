"""Per-language search and sitemaps on top of mkdocs-static-i18n.

static-i18n writes one search index for all languages and one sitemap at the root. A reader of the
Spanish site should search Spanish pages only, and Material's language selector looks for a
`sitemap.xml` beside each language's root (a 404 in the console otherwise). After all languages are
built, this hook splits both per language, and points each page's search at its own language's
index (Material loads the index from the page's `base`).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

from babel import Locale
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import pe_build

# ---- Hooks -------------------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    language = pe_build.i18n(config).current_language or pe_build.project().default.code
    output = _with_direction(output, language)
    if config.site_url:
        output = _absolute_alternates(output, config.site_url + page.url)
    if language == pe_build.project().default.code:
        return output
    # The page's base, relative to the language root instead of the site root.
    folder = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    depth = len([part for part in folder.split("/") if part]) - 1
    base = posixpath.join(*[".."] * depth) if depth > 0 else "."
    return _CONFIG_BASE.sub(lambda m: f'{m[1]}"base": {json.dumps(base)}', output, count=1)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig, **kwargs) -> str:
    if template_name != "404.html":
        return output_content
    # Every language's build writes the site root's 404.html, so the last language built would win.
    # Each is kept here and written where it belongs once all languages are built.
    language = pe_build.i18n(config).current_language or pe_build.project().default.code
    output_content = _with_direction(output_content, language)
    pe_build.remember("not_found_pages", {**pe_build.recall("not_found_pages", {}), language: output_content})
    return output_content


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    if pe_build.i18n(config).building:
        return
    project = pe_build.project()
    site = Path(config.site_dir)
    others = [lang.code for lang in project.languages if not lang.default]
    _write_not_found_pages(site, project.default.code, pe_build.recall("not_found_pages", {}))
    _split_search_index(site, project.default.code, others)
    _split_sitemap(site, config.site_url or "", others)


# ---- Helper functions --------------------------------------------------------------------------


def _with_direction(output: str, language: str) -> str:
    """Material writes dir= on <body> only; the document's direction belongs on <html> as well."""
    direction = "rtl" if Locale.parse(language.replace("-", "_")).character_order == "right-to-left" else "ltr"
    return _HTML_TAG.sub(lambda m: f'{m[1]} dir="{direction}"', output, count=1)


def _absolute_alternates(output: str, page_address: str) -> str:
    """hreflang alternates as full addresses: search engines ignore relative ones (Lighthouse SEO)."""
    return _ALTERNATE.sub(lambda m: f'{m[1]}{urljoin(page_address, m[2])}{m[3]}', output)


def _write_not_found_pages(site: Path, default: str, pages: dict[str, str]) -> None:
    """The default language's 404 page at the root (what a host serves), the others in their folders."""
    for language, html in pages.items():
        target = site / "404.html" if language == default else site / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def _split_search_index(site: Path, default: str, others: list[str]) -> None:
    index_file = site / "search" / "search_index.json"
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
        target = site / "search" / "search_index.json" if code == default else site / code / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [code.split("-")[0]]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        log.debug("search index for '%s': %d entries", code, len(docs))


def _split_sitemap(site: Path, site_url: str, others: list[str]) -> None:
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    ET.register_namespace("", _SITEMAP_NS)
    ET.register_namespace("xhtml", _XHTML_NS)
    tree = ET.parse(sitemap)
    for code in others:
        root = ET.Element(f"{{{_SITEMAP_NS}}}urlset")
        prefix = f"{site_url.rstrip('/')}/{code}/"
        for url in tree.getroot():
            loc = url.find(f"{{{_SITEMAP_NS}}}loc")
            if loc is not None and (loc.text or "").startswith(prefix):
                root.append(url)
        ET.ElementTree(root).write(site / code / "sitemap.xml", encoding="utf-8", xml_declaration=True)


# ---- Data --------------------------------------------------------------------------------------

_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=")')
_HTML_TAG = re.compile(r'(<html lang="[^"]*")(?![^>]*\bdir=)')
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?)"base": "[^"]*"')
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"

log = logging.getLogger("mkdocs.hooks.site")
