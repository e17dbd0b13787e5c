"""MkDocs hook (registered in mkdocs.yml).

Runs every translation check once per build and reports each finding as file:line.

The work is done in mammogram_callbacks.build.checks; this file only names its events.
"""

from mammogram_callbacks.build.checks import on_config, on_files

__all__ = ["on_config", "on_files"]
