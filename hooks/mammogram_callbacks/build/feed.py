"""The feed: per language, feed/<lang>/<page>.json for every embeddable page, an index.json and an
atom.xml (render/feed.py says what each holds). A branded build's feed carries the clinic's words,
as its pages do.

When a page's content last changed comes from git (the newest commit that touched its file); a
build outside a git checkout falls back to the review date, and says so.
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.publish.headers import FEED_FOLDER
from mammogram_callbacks.render.embed import embed_content, embed_url
from mammogram_callbacks.render.feed import FeedItem, absolute_links, atom_feed, feed_index, page_sources

# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    project = build_session.start_or_continue(config)
    session = build_session.session()
    if session.content_changes is None:  # once per build
        session.content_changes = content_changes(project.root, config.docs_dir)
        if not session.content_changes:
            log.info("feed: not a git checkout, so each page's 'updated' is its review date")
    return config


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    session = build_session.session()
    source_page = build_session.source_page(page)
    if source_page not in build_session.embeddable() or not config.site_url:
        return output  # without the site's address, a feed could not name its pages
    item = _item(page, config, source_page, config.site_url)
    target = Path(config.site_dir) / FEED_FOLDER / item.language / f"{item.page}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(item.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    session.feed_items.setdefault(item.language, []).append(item)
    return output


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    session = build_session.session()
    if build_session.i18n(config).building or not session.feed_items:
        return
    site_url = config.site_url or ""
    brand = session.clinic.name if session.clinic else config.site_name
    names = {language.code: language.name for language in session.project.languages}
    for language, items in session.feed_items.items():
        items.sort(key=lambda item: item.page)
        folder = Path(config.site_dir) / FEED_FOLDER / language
        feed_url = urljoin(site_url, f"{FEED_FOLDER}{language}/")
        index = feed_index(language, brand, items, feed_url)
        (folder / "index.json").write_text(
            json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        home = urljoin(site_url, "" if language == session.project.default.code else f"{language}/")
        atom = atom_feed(language, f"{brand} ({names.get(language, language)})", brand, items, feed_url, home)
        (folder / "atom.xml").write_text(atom, encoding="utf-8")
    log.info(
        "feed: %d pages in %d languages (feed/<lang>/index.json, atom.xml)",
        sum(len(items) for items in session.feed_items.values()),
        len(session.feed_items),
    )
    session.feed_items = {}


# ---- Functions ---------------------------------------------------------------------------------


def content_changes(root: Path, docs_dir: str) -> dict[str, str]:
    """The date-time of the newest commit that touched each file under the docs folder, by path
    relative to the docs folder ("es/callback.md"); empty outside a git checkout."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cI", "--name-only", "--relative", "--", docs_dir],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if run.returncode != 0:
        return {}
    docs = Path(docs_dir).name
    changes: dict[str, str] = {}
    moment = ""
    for line in run.stdout.splitlines():
        if line.startswith("\x00"):
            moment = line[1:]
        elif line.strip() and moment:
            # --relative: paths from the root; the newest commit comes first.
            changes.setdefault(line.strip().removeprefix(f"{docs}/"), moment)
    return changes


def feed_name(source_page: str) -> str:
    """The page's name in the feed (its file is feed/<lang>/<name>.json): the home page, index.md,
    is "home", since index.json is the feed's own index."""
    name = source_page.removesuffix(".md")
    return "home" if name == "index" else name


# ---- Helper functions --------------------------------------------------------------------------


def _item(page: Page, config: MkDocsConfig, source_page: str, site_url: str) -> FeedItem:
    session = build_session.session()
    project, clinic = session.project, session.clinic
    reader = build_session.language(config)
    url = urljoin(site_url, page.url)
    embed = embed_url(page.url, reader, project.default.code)
    body = absolute_links(embed_content(page.content or "", page.url, embed), urljoin(site_url, embed))
    review = _mapping(page.meta.get("review"))
    translation: dict[str, object] = {"source_language": project.default.code}
    if reader != project.default.code:
        fresh = project.freshness_of(reader, source_page)
        info = _mapping(page.meta.get("translation"))
        translation.update(
            state=fresh.state if fresh else "untranslated",
            medically_reviewed=bool(fresh and fresh.reviewed),
            machine_assisted=info.get("machine_assisted") is True,
            translated_by=str(info.get("translated_by") or ""),
        )
    alternates = {
        code: urljoin(
            site_url,
            ("" if code == project.default.code else f"{code}/") + page.url.removeprefix(f"{reader}/"),
        )
        for code in session.languages
    }
    handout = page.meta.get("pe_handout")
    return FeedItem(
        language=reader,
        page=feed_name(source_page),
        title=page.title or "",
        description=str(page.meta.get("description") or ""),
        url=url,
        embed_url=urljoin(site_url, embed),
        handout_url=urljoin(url, handout["href"]) if handout else None,
        body_html=body,
        sources=page_sources(page.content or "", project.data.sources),
        reviewed_by=str(review.get("reviewed_by") or ""),
        last_reviewed=str(review.get("last_reviewed") or ""),
        next_review=str(review.get("next_review") or ""),
        changed=(session.content_changes or {}).get(page.file.src_uri, ""),
        translation=translation,
        alternates=alternates,
        brand=clinic.name if clinic else config.site_name,
    )


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


# ---- Data --------------------------------------------------------------------------------------

log = logging.getLogger("mkdocs.hooks.feed")
