"""Per-language search and sitemaps on top of mkdocs-static-i18n.

static-i18n writes one search index for all languages and one sitemap at the root. A reader of the
Spanish site should search Spanish pages only, and Material's language selector looks for a
`sitemap.xml` beside each language's root (a 404 in the console otherwise). After all languages are
built, this hook splits both per language (adding x-default alternates to the sitemaps, see
publish.sitemap), and points each page's search at its own language's index (Material loads the index
from the page's `base`). Each language's not-found page gets the same treatment.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.publish.site_files import BuiltSite, split_languages

# ---- Hooks -------------------------------------------------------------------------------------


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    language = build_session.language(config)
    if language == build_session.project().default.code:
        return _with_direction(output, language)
    # The page's base, relative to the language root instead of the site root.
    folder = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    depth = len([part for part in folder.split("/") if part]) - 1
    base = posixpath.join(*[".."] * depth) if depth > 0 else "."
    return _with_base(_with_direction(output, language), base)


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig, **kwargs) -> str:
    # The not-found page uses absolute URLs (it answers at any address); its search base is the
    # root of the language it is written in.
    if template_name != "404.html":
        return output
    language = build_session.language(config)
    output = _with_direction(output, language)
    if language == build_session.project().default.code:
        return output
    return _with_base(output, f"{urlsplit(config.site_url or '/').path.rstrip('/')}/{language}/")


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    if build_session.i18n(config).building:
        return
    project = build_session.project()
    # A branded build may have fewer languages than mkdocs.yml: the session knows which were built.
    split_languages(
        BuiltSite(
            Path(config.site_dir),
            config.site_url or "",
            project.default.code,
            build_session.session().languages,
        )
    )


# ---- Helper functions --------------------------------------------------------------------------


def _with_direction(output: str, language: str) -> str:
    # Material writes dir= on <body> only; the document's direction belongs on <html> as well.
    return _HTML_TAG.sub(
        lambda m: f'{m[1]} dir="{build_session.project().data.formats_for(language).direction}"',
        output,
        count=1,
    )


def _with_base(output: str, base: str) -> str:
    return _CONFIG_BASE.sub(lambda m: f'{m[1]}"base": {json.dumps(base)}', output, count=1)


# ---- Data --------------------------------------------------------------------------------------

_HTML_TAG = re.compile(r'(<html lang="[^"]*")(?![^>]*\bdir=)')
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?)"base": "[^"]*"')

log = logging.getLogger("mkdocs.hooks.site")
