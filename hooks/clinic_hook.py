"""MkDocs hook (registered in mkdocs.yml).

A branded build for one clinic: `make site CLINIC=clinics/example.yml`.

The work is done in mammogram_callbacks.build.clinic; this file only names its events.
"""

from mammogram_callbacks.build.clinic import on_config, on_post_build

__all__ = ["on_config", "on_post_build"]
