"""Compiles the theme's templates once per process instead of once per language.

mkdocs-static-i18n builds the site once per language, and MkDocs makes a new Jinja environment for
every one of those builds, so Material's templates (base.html and its ~40 partials) were parsed and
compiled five times per `mkdocs build`: about a third of the whole build's time. Jinja's own
bytecode cache, kept in memory for the life of the process, lets every later language (and every
`mkdocs serve` rebuild) reuse the compiled code. Jinja checks each template's source against the
cached code's checksum, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2 import Environment

from mammogram_callbacks.build.template_cache import InMemoryBytecodeCache

# ---- Hooks -------------------------------------------------------------------------------------


def on_env(env: Environment, **kwargs) -> Environment:
    env.bytecode_cache = _CACHE
    return env


# ---- Data --------------------------------------------------------------------------------------

_CACHE = InMemoryBytecodeCache()
