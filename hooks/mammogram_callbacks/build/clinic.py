"""A branded build for one clinic: `make site CLINIC=clinics/example.yml`.

The profile (mammogram_callbacks.data.clinic checks it) decides which languages are built, puts the clinic's
logo in the header and its colour on the header and links. Its name and phone go into the pages
through the [[clinic:...]] markers (hooks/content_hook.py). Without a profile, this hook does
nothing: the public build stays neutral.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from mammogram_callbacks.build import session as build_session

# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    build_session.start_or_continue(config)
    clinic = build_session.clinic()
    if clinic is None:
        return config
    # Only the profile's languages. static-i18n reads `build` in its own on_config, which runs after
    # this one (priority -100); setting, not toggling, keeps this right on every language's run.
    for language in build_session.i18n(config).config.languages:
        language.build = language.locale in build_session.session().languages
    # The copy's own address, for its canonical links, sitemap and embed snippets (SITE_URL wins).
    if clinic.site_url and not os.environ.get("SITE_URL"):
        config.site_url = clinic.site_url
    config.theme["logo"] = f"{IMAGES}/{clinic.logo_name}"
    # The tab icon is the clinic's logo; overrides/partials/logo.html keeps it an <img> (a clinic's
    # SVG is never drawn inline in a page: the page's policy would block its styles).
    config.theme["favicon"] = f"{IMAGES}/{clinic.logo_name}"
    config.extra["clinic_logo"] = True
    config.extra["clinic_name"] = clinic.name  # escaped where shown (overrides/partials/logo.html)
    # overrides/main.html links it after pe.css, so that the clinic's colour wins.
    config.extra["clinic_stylesheet"] = CLINIC_STYLESHEET
    return config


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    clinic = build_session.clinic()
    if clinic is None or build_session.i18n(config).building:
        return
    site = Path(config.site_dir)
    (site / IMAGES).mkdir(parents=True, exist_ok=True)
    logo = clinic.served_logo
    (site / IMAGES / clinic.logo_name).write_bytes(logo.content)
    for what in logo.left_out:
        log.info("%s: the logo is served without %s (data/logo.py keeps only plain SVG)", clinic.path, what)
    macros: Any = config.theme.get_env().get_template("hooks/clinic-files.html").module
    css = macros.clinic_css(clinic.accent_colour)
    (site / CLINIC_STYLESHEET).write_text(str(css), encoding="utf-8")
    log.info("branded for %s (%s): languages %s", clinic.name, clinic.path, ", ".join(clinic.languages))


# ---- Data --------------------------------------------------------------------------------------

IMAGES = "assets/images"
CLINIC_STYLESHEET = "assets/stylesheets/clinic.css"

log = logging.getLogger("mkdocs.hooks.clinic")
