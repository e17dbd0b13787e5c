"""What the published site carries besides its pages (`make publish` deploys the build as is).

- A not-found page in every language (`404.html`, `es/404.html`, ...), whose language menu leads
  to the other languages' not-found pages, not to whatever page was built last.
- Absolute hreflang alternates, plus x-default, in every page's <head> (publish.alternates); the
  sitemaps get theirs in hooks/site_hook.py.
- The Content-Security-Policy as a <meta> tag, for hosts that send no headers.
- `robots.txt`; `_headers` and `_redirects` (Netlify, Cloudflare Pages); `_nginx.conf`, the part
  of deploy/nginx.conf that depends on the data; a page at each moved page's old address.
- A check that no built page has inline code the policy would block (publish.csp_audit): each one is a
  warning, so the strict build fails.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.publish_config import PublishConfig, load_publish_config
from mammogram_callbacks.publish.alternates import absolute_alternates
from mammogram_callbacks.publish.headers import meta_content_security_policy
from mammogram_callbacks.publish.site_files import BuiltSite, write_host_files, write_text

# ---- Hooks -------------------------------------------------------------------------------------


def on_startup(*, command: str, **kwargs) -> None:
    # `mkdocs serve` injects an inline live-reload script into every page, which the policy would
    # block: the preview gets no <meta> policy (what is published always does).
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    project = build_session.start_or_continue(config)
    if build_session.session().publish is None:  # once per build: static-i18n calls this per language
        try:
            publish = load_publish_config(project.data_dir, project.root, project.source_pages())
        except DataError as error:
            raise PluginError("Unusable publishing data:\n" + str(error)) from None
        build_session.session().publish = publish
    return config


def on_page_context(context, *, page: Page, config: MkDocsConfig, **kwargs):
    context["pe_csp_meta"] = None if _serving else meta_content_security_policy()
    return context


def on_template_context(context, *, template_name: str, config: MkDocsConfig, **kwargs):
    if template_name != "404.html":
        return context
    project = build_session.project()
    language = build_session.language(config)
    ui = project.data.ui_for(language)
    context["pe_csp_meta"] = None if _serving else meta_content_security_policy()
    context["pe_not_found"] = {
        "title": ui["not_found_title"],
        "text": ui["not_found_text"],
        "link": ui["not_found_link"],
        "home": f"{_root(language)}index.html",
    }
    # Material's language menu and head alternates read config.extra.alternate, which still holds
    # the alternates of the last page built; restored in on_post_template.
    alternates = _alternates(config)
    if isinstance(alternates, list):
        build_session.session().saved_alternates = (
            config.extra.get("alternate"),
            config.extra.__dict__.get("alternate"),
        )
        _set_alternates(
            config, [{**alternate, "link": f"{_root(alternate['lang'])}404.html"} for alternate in alternates]
        )
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs) -> str:
    page_url = f"{_site_url(config)}{page.url}"
    return absolute_alternates(output, page_url, build_session.project().default.code)


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig, **kwargs) -> str:
    if template_name != "404.html":
        return output
    saved = build_session.session().saved_alternates
    if saved is not None:
        item, attribute = saved
        extra: Any = config.extra  # Material reads both the key and the attribute (UPGRADING.md)
        extra["alternate"] = item
        if attribute is None:
            extra.__dict__.pop("alternate", None)
        else:
            extra.alternate = attribute
        build_session.session().saved_alternates = None
    language = build_session.language(config)
    output = absolute_alternates(
        output, f"{_site_url(config)}{_root(language)}404.html", build_session.project().default.code
    )
    # MkDocs writes every language's not-found page to the site's root, each over the last; the
    # final on_post_build puts each in its language's folder.
    build_session.session().not_found[language] = output
    return output


@event_priority(-300)  # after site_hook (-200): every language built, sitemaps and indexes split
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    if build_session.i18n(config).building:
        return
    project = build_session.project()
    publish: PublishConfig = build_session.session().need("publish")
    site = Path(config.site_dir)
    languages = build_session.session().languages
    env = config.theme.get_env()
    macros: Any = env.get_template("hooks/publish.html").module  # the template's macros, by name

    for language in languages:
        not_found = build_session.session().not_found.get(language)
        if not_found is not None:
            write_text(site / f"{_root(language)}404.html", not_found)

    done = write_host_files(
        built_site(config),
        project.data,
        publish,
        macros,
        project.root / ".cache" / "csp-audit.json",
    )
    if done.host_limits:
        # Not a warning: a host would publish the site with part of its policy silently gone.
        raise PluginError(
            "The headers file is too big for the hosts it is for:\n" + "\n".join(done.host_limits)
        )
    for finding in done.findings:
        log.warning(str(finding))
    log.info(
        "published files: %d, _headers rules: %d, moved pages: %d",
        done.served,
        done.header_rules,
        done.moved_pages,
    )


def built_site(config: MkDocsConfig) -> BuiltSite:
    """The build, as the post-build steps (publish.site_files) see it."""
    return BuiltSite(
        Path(config.site_dir),
        _site_url(config),
        build_session.project().default.code,
        build_session.session().languages,
        build_session.clinic(),
    )


# ---- Helper functions --------------------------------------------------------------------------


def _alternates(config: MkDocsConfig):
    # static-i18n sets the alternates both as an item of config.extra (per language) and as an
    # attribute (per page); templates see the attribute first, as Jinja looks attributes up first.
    return config.extra.__dict__.get("alternate", config.extra.get("alternate"))


def _set_alternates(config: MkDocsConfig, alternates: list[dict]) -> None:
    extra: Any = config.extra  # Material reads both the key and the attribute (UPGRADING.md)
    extra["alternate"] = alternates
    extra.alternate = alternates


def _root(language: str) -> str:
    """A language's folder relative to the site root: "" for the default language, "es/" otherwise."""
    return "" if language == build_session.project().default.code else f"{language}/"


def _site_url(config: MkDocsConfig) -> str:
    return (config.site_url or "").rstrip("/") + "/"


# ---- Data --------------------------------------------------------------------------------------

_serving = False  # set by on_startup: a `mkdocs serve` preview, not a build to publish

log = logging.getLogger("mkdocs.hooks.publish")
