"""Runs every translation check once per build and reports each finding as file:line.

Blocking findings are warnings on the `mkdocs.` logger, so `mkdocs build --strict` fails on them;
freshness findings are informational. The check logic lives in the pe_* modules, shared with the
`translations` command line.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.checks.theme_words import MISSING_FILE
from mammogram_callbacks.core.findings import DataError

# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    build_session.start_or_continue(config)
    return config


def on_files(files: Files, *, config: MkDocsConfig, **kwargs) -> Files:
    # Once per build, while the first language builds: the checks cover every language at once.
    if build_session.i18n(config).building:
        return files
    try:
        report = build_session.project().check()
    except DataError as error:
        raise PluginError("Unusable project data:\n" + str(error)) from None
    build_session.session().report = report
    # Without its theme words, Material cannot draw a language's pages at all: stop with the
    # finding, not with Jinja's "template not found" halfway through the build.
    if missing := [f for f in report.blocking if f.check == MISSING_FILE]:
        raise PluginError("\n".join(str(f) for f in missing))
    project = build_session.project()
    for language in project.languages:
        # Which CLDR data or declaration, and whose interface words, each language is built with.
        log.info(
            "%s (%s): %s", language.name, language.code, project.data.formats_for(language.code).describe()
        )
    for finding in report.findings:
        if finding.blocking:
            log.warning(str(finding))
        else:
            log.info(str(finding))
    log.info(
        "translation checks: %d blocking finding(s), %d notice(s)",
        len(report.blocking),
        len(report.findings) - len(report.blocking),
    )
    return files


# ---- Data --------------------------------------------------------------------------------------

log = logging.getLogger("mkdocs.hooks.checks")
