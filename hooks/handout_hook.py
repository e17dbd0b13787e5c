"""MkDocs hook (registered in mkdocs.yml).

One-page handouts: a PDF per page and language at handouts/<lang>/<page>.pdf, with a QR code of the
full page, linked from the page.

The work is done in mammogram_callbacks.build.handouts; this file only names its events.
"""

from mammogram_callbacks.build.handouts import on_config, on_env, on_page_context, on_post_build

__all__ = ["on_config", "on_env", "on_page_context", "on_post_build"]
