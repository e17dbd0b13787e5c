"""MkDocs hook (registered in mkdocs.yml).

Compiles the theme's templates once per process instead of once per language.

The work is done in mammogram_callbacks.build.templates; this file only names its events.
"""

from mammogram_callbacks.build.templates import on_env

__all__ = ["on_env"]
