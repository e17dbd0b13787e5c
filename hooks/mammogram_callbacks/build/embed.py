"""Embed pages: each page of each language, once more at embed/<lang>/<page>.html, for clinics.

The page's content as the build rendered it (statistics with their sources, the icon array, the
glossary terms), in overrides/embed.html: no header, navigation, search, language selector or
footer, and no Material JavaScript. static-i18n builds each language in turn into the same
site_dir (pages of `es` have URLs `es/...`), so each language build writes its own embed folder.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.publish.headers import embed_framers, who_may_frame
from mammogram_callbacks.render.content import format_day
from mammogram_callbacks.render.embed import content_security_policy, embed_content, embed_url, relocate

# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    build_session.start_or_continue(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    # The environment MkDocs renders this language's pages with (one per language build).
    build_session.session().embed_env = env
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    project = build_session.project()
    if build_session.source_page(page) not in build_session.embeddable():
        return output
    reader = build_session.language(config)
    url = embed_url(page.url, reader, project.default.code)
    html = (
        build_session.session()
        .need("embed_env")
        .get_template("embed.html")
        .render(_context(page, config, reader, url))
    )
    target = Path(config.site_dir) / url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return output


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    if build_session.i18n(config).building:
        return
    # Who may frame these pages is part of `_headers`, written by hooks/publish_hook.py.
    clinic = build_session.clinic()
    framers = embed_framers(
        build_session.session().need("publish").embed_frame_ancestors,
        clinic.frame_origins if clinic else None,
    )
    log.info(
        "embed pages: %d, %s",
        len(list((Path(config.site_dir) / "embed").rglob("*.html"))),
        who_may_frame(framers),
    )


# ---- Helper functions --------------------------------------------------------------------------


def _context(page: Page, config: MkDocsConfig, reader: str, url: str) -> dict:
    project = build_session.project()
    clinic = build_session.clinic()
    ui = project.data.ui_for(reader)
    root = posixpath.relpath(".", posixpath.dirname(url))  # "../.." from embed/<lang>/
    review = page.meta.get("review")
    if not isinstance(review, dict):
        review = {}
    last = review.get("last_reviewed")
    stylesheets = [f"{root}/assets/stylesheets/embed.css"]
    if clinic:
        stylesheets.append(f"{root}/assets/stylesheets/clinic.css")
    return {
        "page": page,
        "lang": reader,
        "dir": project.data.formats_for(reader).direction,
        "title": page.title or "",
        "site_name": config.site_name,
        "csp": content_security_policy(),
        "canonical": urljoin(config.site_url, page.url) if config.site_url else None,
        "stylesheets": stylesheets,
        "script": f"{root}/assets/javascripts/embed-frame.js",
        "icon": f"{root}/{config.theme.get('favicon') or 'assets/images/favicon.png'}",
        "parent_origins": clinic.frame_origins if clinic else None,
        "content": embed_content(page.content or "", page.url, url),
        "notices": [
            {**notice, "link": relocate(notice["link"], page.url, url)} if notice.get("link") else notice
            for notice in page.meta.get("pe_notices") or []
        ],
        "source_language": project.default.code,
        "attribution": ui["embed_attribution"].format(
            site=config.site_name,
            last_reviewed=format_day(last, project.data.formats_for(reader)) if last else "",
        ),
        "clinical_review": page.meta.get("pe_clinical_review_line"),
        "full_page": posixpath.relpath(page.url, posixpath.dirname(url)),
        "full_page_text": ui["embed_full_page"],
        "new_tab": ui["embed_new_tab"],
        "skip_text": ui["embed_skip"],
        "clinic_logo": f"{root}/assets/images/{clinic.logo_name}" if clinic else None,
    }


# ---- Data --------------------------------------------------------------------------------------

log = logging.getLogger("mkdocs.hooks.embed")
